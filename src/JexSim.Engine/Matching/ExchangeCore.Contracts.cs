using JexSim.Engine.Accounts;
using JexSim.Engine.Commands;
using JexSim.Engine.Markets.Contract;
using JexSim.Engine.Output;

namespace JexSim.Engine.Matching;

/// <summary>The contract market's account commands: leverage, margin transfers, closing a position, deposits, and the batch's contract output.</summary>
public sealed partial class ExchangeCore
{
    /// <summary>The account and contract a contract command names, or why not.</summary>
    private RejectReason FindPosition(long accountId, int symbolId, out Account account, out int contract)
    {
        account = null!;
        contract = ContractOf(symbolId);
        if (contract < 0) return RejectReason.UnknownSymbol;
        if (_ledger.Find(accountId) is not { } a) return RejectReason.UnknownAccount;
        account = a;
        return a.Disabled ? RejectReason.AccountDisabled : RejectReason.None;
    }

    public RejectReason SetLeverage(long accountId, int symbolId, long leverage)
    {
        var reject = FindPosition(accountId, symbolId, out var account, out int c);
        if (reject != RejectReason.None) return reject;
        var result = _contracts.SetLeverage(account.Index, c, (int)Math.Clamp(leverage, 0, int.MaxValue));
        if (result == ContractReject.None) Output.ContractTouched.Add((accountId, symbolId));
        return ContractRules.ToReject(result);
    }

    /// <summary>Moves margin between the spot balance of the contract's margin asset and the position; answers the spot balance after it.</summary>
    public CommandResult TransferMargin(long accountId, int symbolId, long amount, long now)
    {
        var reject = FindPosition(accountId, symbolId, out var account, out int c);
        if (reject != RejectReason.None) return new CommandResult(reject);
        int asset = _contracts.Contracts[c].MarginAsset;
        var result = _contracts.TransferMargin(account.Index, c, amount, _prices.Mark[c], account.Free(asset));
        if (result != ContractReject.None) return new CommandResult(ContractRules.ToReject(result));
        if (amount > 0) { _ledger.Lock(account, asset, amount); _ledger.SpendLocked(account, asset, amount); }
        else _ledger.Credit(account, asset, -amount);
        Output.ContractBills.Add(new ContractBill(accountId, symbolId, ContractBillType.Transfer, amount, now));
        Output.ContractTouched.Add((accountId, symbolId));
        return new CommandResult(RejectReason.None, Balance: Balance(accountId, asset));
    }

    /// <summary>Closes the whole position with an IOC market order of its size on the other side (POST contract/liquidation).</summary>
    public PlaceResult ClosePosition(long accountId, int symbolId, long now)
    {
        var reject = FindPosition(accountId, symbolId, out var account, out int c);
        if (reject != RejectReason.None) return new PlaceResult(reject, default);
        var position = _contracts.Position(account.Index, c);
        if (position.IsFlat) return new PlaceResult(RejectReason.PositionNotExists, default);
        if (ContractMath.IsBeyondLiquidation(position, _contracts.Contracts[c], _prices.Mark[c])) return new PlaceResult(RejectReason.PositionLiquidating, default);
        var side = position.IsLong ? Side.Sell : Side.Buy;
        if (_books[symbolId].Opposite(side).BestSlot < 0) return new PlaceResult(RejectReason.NoLiquidity, default);
        return Place(new PlaceOrder(accountId, symbolId, side, OrderType.Market, TimeInForce.Ioc, 0, position.Size), now);
    }

    /// <summary>Credits an account's contract balance with new money (fixture or admin): the asset's supply grows with it.</summary>
    public RejectReason ContractDeposit(long accountId, int assetId, long amount)
    {
        if (_ledger.Find(accountId) is not { } account) return RejectReason.UnknownAccount;
        if ((uint)assetId >= (uint)_assets.Length || amount <= 0) return RejectReason.InvalidAmount;
        if (_ledger.Supply(assetId) > Ledger.MaxSupply - amount) return RejectReason.BalanceOverflow;
        if (_contracts.Credit(account.Index, assetId, amount) != ContractReject.None) return RejectReason.BalanceOverflow;
        _ledger.Mint(assetId, amount);
        foreach (var spec in _contracts.Contracts)
            if (spec.MarginAsset == assetId) { Output.ContractTouched.Add((accountId, spec.SymbolId)); break; }
        return RejectReason.None;
    }

    /// <summary>Funds a margin asset's protection fund with new money (fixture): the asset's supply grows with it.</summary>
    public RejectReason ProtectionFundDeposit(int assetId, long amount)
    {
        if ((uint)assetId >= (uint)_assets.Length || amount <= 0) return RejectReason.InvalidAmount;
        if (_ledger.Supply(assetId) > Ledger.MaxSupply - amount) return RejectReason.BalanceOverflow;
        if (_contracts.CreditProtectionFund(assetId, amount) != ContractReject.None) return RejectReason.BalanceOverflow;
        _ledger.Mint(assetId, amount);
        foreach (var spec in _contracts.Contracts)
            if (spec.MarginAsset == assetId) { Output.ContractTouched.Add((FeeAccountId, spec.SymbolId)); break; }
        return RejectReason.None;
    }

    /// <summary>Each touched contract position once, the contract balances of each touched account, and the pools.</summary>
    private void EndContractBatch(BatchOutput output)
    {
        if (output.ContractTouched.Count == 0) return;
        var positions = new HashSet<(long, int)>();
        var balances = new HashSet<(long, int)>();
        var assets = new SortedSet<int>();
        foreach (var (accountId, symbolId) in output.ContractTouched)
        {
            var account = _ledger.Find(accountId)!;
            int c = _contractOf[symbolId];
            if (positions.Add((accountId, symbolId)))
                output.ContractPositions.Add(new ContractPositionState(accountId, symbolId, _contracts.Position(account.Index, c)));
            int asset = _contracts.Contracts[c].MarginAsset;
            assets.Add(asset);
            if (balances.Add((accountId, asset)))
                output.ContractBalances.Add(new ContractBalanceState(accountId, asset, _contracts.Free(account.Index, asset),
                    _contracts.OrderMargin(account.Index, asset), _contracts.PositionMargin(account.Index, asset)));
        }
        foreach (int asset in assets)
        {
            long fund = _contracts.ProtectionFund(asset);
            output.ContractPools.Add(new ContractPoolState(asset, _contracts.FeeAccount(asset), fund, fund != _reportedFund[asset]));
            _reportedFund[asset] = fund;
        }
    }
}
