namespace JexSim.Engine.Markets.Contract;

/// <summary>Position margin: leverage, margin transfers and the protection fund's deposits.</summary>
public sealed partial class ContractLedger
{
    /// <summary>Sets the leverage of the account's position: 1..max, and refused when an open position's margin is
    /// below its cost / new leverage. Holds of open orders keep the leverage they were placed at.</summary>
    public ContractReject SetLeverage(int account, int contract, int leverage)
    {
        if ((uint)contract >= (uint)_contracts.Length) return ContractReject.UnknownContract;
        if (leverage < 1) return ContractReject.LeverageTooSmall;
        if (leverage > _contracts[contract].MaxLeverage) return ContractReject.LeverageTooLarge;
        EnsureAccount(account);
        ref var pos = ref _positions[account * _contracts.Length + contract];
        if (pos.Quantity != 0 && pos.Margin < ContractMath.RequiredMargin(pos, leverage)) return ContractReject.LeverageNotCovered;
        pos.Leverage = leverage;
        return ContractReject.None;
    }

    /// <summary>
    /// Moves margin between an outside balance (the spot balance, per the spec: "the margin transferred to one specified
    /// contract from coins account balance") and an open position. A positive amount adds margin and needs
    /// <paramref name="outsideFree"/> ≥ amount; a negative one takes margin out, and is refused when what remains would be
    /// below the position's initial margin (cost / leverage) or would not exceed the maintenance margin at
    /// <paramref name="markPrice"/> after its unrealised PnL. The caller moves the outside balance by -amount.
    /// </summary>
    public ContractReject TransferMargin(int account, int contract, long amount, long markPrice, long outsideFree)
    {
        if ((uint)contract >= (uint)_contracts.Length) return ContractReject.UnknownContract;
        if (amount == 0 || amount == long.MinValue || markPrice <= 0) return ContractReject.InvalidAmount;
        if (!HasAccount(account)) return ContractReject.PositionNotExists;
        var spec = _contracts[contract];
        ref var pos = ref _positions[account * _contracts.Length + contract];
        if (pos.Quantity == 0) return ContractReject.PositionNotExists;
        if (amount > 0)
        {
            if (outsideFree < amount) return ContractReject.InsufficientBalance;
            if (pos.Margin > long.MaxValue - amount) return ContractReject.Overflow;
        }
        else
        {
            long after = pos.Margin + amount;
            if (after < ContractMath.RequiredMargin(pos, pos.Leverage)) return ContractReject.MarginBelowRequired;
            if (after + ContractMath.UnrealisedPnl(pos, spec.Multiplier, markPrice) <= ContractMath.MaintenanceMargin(pos, spec, markPrice))
                return ContractReject.MarginBelowRequired;
        }
        pos.Margin += amount;
        return ContractReject.None;
    }

    /// <summary>Mints into the protection fund (a fixture's initial fund); the caller adds it to the supply.</summary>
    public ContractReject CreditProtectionFund(int asset, long amount)
    {
        if (amount <= 0 || (uint)asset >= (uint)_assetCount) return ContractReject.InvalidAmount;
        if (_fund[asset] > long.MaxValue - amount) return ContractReject.Overflow;
        _fund[asset] += amount;
        return ContractReject.None;
    }
}
