namespace JexSim.Engine.Markets.Contract;

/// <summary>Order margin: what an order holds from the contract balance while it is open, and its release.</summary>
public sealed partial class ContractLedger
{
    /// <summary>
    /// Pre-hold for a new order: reserves the initial margin of the part of the order that would open or add (the part
    /// beyond what the position has left to close after the account's other closing orders) at the position's
    /// leverage, plus the larger fee rate on the whole order, both at the order's price and rounded up.
    /// On success the caller stores <paramref name="held"/> on the order and hands it back on fills and on release.
    /// </summary>
    public ContractReject HoldOrderMargin(int account, int contract, Side side, long price, long quantity, out long held)
    {
        var reject = CheckOrderMargin(account, contract, side, price, quantity, out long amount);
        held = 0;
        if (reject != ContractReject.None) return reject;
        EnsureAccount(account);
        var spec = _contracts[contract];
        ref var pos = ref _positions[account * _contracts.Length + contract];
        int w = account * _assetCount + spec.MarginAsset;
        _free[w] -= amount;
        _orderMargin[w] += amount;
        if (side == Side.Buy) { pos.BuyOrderQuantity += quantity; pos.BuyOrderMargin += amount; }
        else { pos.SellOrderQuantity += quantity; pos.SellOrderMargin += amount; }
        held = amount;
        return ContractReject.None;
    }

    /// <summary>What <see cref="HoldOrderMargin"/> would hold, and whether it can; changes nothing (the engine's approval).</summary>
    public ContractReject CheckOrderMargin(int account, int contract, Side side, long price, long quantity, out long amount)
    {
        amount = 0;
        if ((uint)contract >= (uint)_contracts.Length) return ContractReject.UnknownContract;
        if (price <= 0 || quantity <= 0) return ContractReject.InvalidAmount;
        var spec = _contracts[contract];
        var pos = Position(account, contract);
        long closable = side == Side.Buy
            ? (pos.Quantity < 0 ? Math.Max(0, -pos.Quantity - pos.BuyOrderQuantity) : 0)
            : (pos.Quantity > 0 ? Math.Max(0, pos.Quantity - pos.SellOrderQuantity) : 0);
        long opening = quantity - Math.Min(quantity, closable);
        if (!ContractMath.TryValue(price, quantity, spec.Multiplier, roundUp: true, out long value)
            || !ContractMath.TryValue(price, opening, spec.Multiplier, roundUp: true, out long openingValue)
            || value > long.MaxValue - pos.Cost)
            return ContractReject.Overflow;
        if (spec.RiskLimit > 0 && openingValue > spec.RiskLimit - pos.Cost) return ContractReject.RiskLimit;
        long needed = ContractMath.InitialMargin(openingValue, pos.Leverage) + ContractMath.RateOfCeiling(value, spec.ReservedFeeRate);
        long sideQuantity = side == Side.Buy ? pos.BuyOrderQuantity : pos.SellOrderQuantity;
        if (sideQuantity > long.MaxValue - quantity) return ContractReject.Overflow;
        if (Free(account, spec.MarginAsset) < needed) return ContractReject.InsufficientMargin;
        amount = needed;
        return ContractReject.None;
    }


    /// <summary>
    /// Releases what is left of an order's hold when it closes without filling the rest (cancel, expiry, refusal):
    /// <paramref name="held"/> goes back to the contract balance and <paramref name="remainingQuantity"/> leaves the
    /// side's open quantity. Both must be what the ledger gave the order less what its fills took.
    /// </summary>
    public void ReleaseOrderMargin(int account, int contract, Side side, long remainingQuantity, long held)
    {
        ref var pos = ref PositionSlot(account, contract);
        bool buy = side == Side.Buy;
        if (remainingQuantity < 0 || held < 0 || remainingQuantity > (buy ? pos.BuyOrderQuantity : pos.SellOrderQuantity)
            || held > (buy ? pos.BuyOrderMargin : pos.SellOrderMargin))
            throw new InvalidOperationException($"release of {remainingQuantity} holding {held} exceeds the open {side} orders of account {account} in {_contracts[contract].Symbol}");
        int w = account * _assetCount + _contracts[contract].MarginAsset;
        _orderMargin[w] -= held;
        _free[w] += held;
        if (buy) { pos.BuyOrderQuantity -= remainingQuantity; pos.BuyOrderMargin -= held; }
        else { pos.SellOrderQuantity -= remainingQuantity; pos.SellOrderMargin -= held; }
    }
}
