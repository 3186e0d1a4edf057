using JexSim.Engine.Accounts;
using JexSim.Engine.Commands;
using JexSim.Engine.Markets.Contract;
using JexSim.Engine.Output;

namespace JexSim.Engine.Matching;

/// <summary>Recovery: rebuilding the state from the store's rows at start-up and after a rollback.</summary>
public sealed partial class ExchangeCore
{
    /// <summary>Recovery: recreates an account with its state as persisted. No output is recorded.</summary>
    public void RestoreAccount(long accountId, bool disabled)
    {
        var account = _ledger.Find(accountId) ?? _ledger.Add(accountId);
        account.Disabled = disabled;
    }

    /// <summary>Recovery: sets a balance. Throws when the asset's total would leave the fixed-point range.</summary>
    public void RestoreBalance(long accountId, int assetId, long free, long locked)
    {
        var account = _ledger.Find(accountId) ?? _ledger.Add(accountId);
        if (!_ledger.Restore(account, assetId, free, locked))
            throw new InvalidOperationException($"balance of account {accountId} asset {_assets[assetId].Name} ({free} free, {locked} locked) is negative or takes the asset's total beyond {Ledger.MaxSupply}");
    }

    /// <summary>Puts a persisted open order back in its book. Call in ascending order id to keep time priority.</summary>
    public void RestoreOrder(OrderState state)
    {
        var account = _ledger.Find(state.AccountId) ?? _ledger.Add(state.AccountId);
        int slot = _orders.Allocate();
        ref var o = ref _orders[slot];
        o.Id = state.Id; o.Account = account.Index; o.SymbolId = (ushort)state.SymbolId; o.Side = state.Side; o.Type = state.Type;
        o.TimeInForce = state.TimeInForce; o.Price = state.Price; o.Quantity = state.Quantity; o.Filled = state.Filled;
        o.CumulativeQuote = state.CumulativeQuote; o.Status = state.Status; o.Time = state.Time; o.UpdateTime = state.UpdateTime;
        o.Locked = state.Locked;
        if (_contractOf[state.SymbolId] is var c and >= 0) _contracts.RestoreOrderHold(account.Index, c, state.Side, state.Remaining, state.Locked);
        _books[state.SymbolId].Rest(slot);
        _index.Add(state.Id, slot);
        account.OrderOpened(state.SymbolId);
        if (state.Id >= FirstContractOrderId) NextContractOrderId = Math.Max(NextContractOrderId, state.Id + 1);
        else if (state.Id >= NextOrderId) NextOrderId = state.Id + 1;
    }

    /// <summary>Recovery: an option writer's position as persisted (call after the balances, which hold its collateral).</summary>
    public void RestoreOptionWriter(long accountId, int symbolId, long released, long backed, long settled) =>
        Options.Restore(_ledger.Find(accountId) ?? _ledger.Add(accountId), symbolId, released, backed, settled);

    /// <summary>Recovery: an option that has settled.</summary>
    public void RestoreOptionSettlement(int symbolId, long price) => Options.RestoreSettlement(symbolId, price);
    /// <summary>Recovery: an account's contract balance (free) of a margin asset.</summary>
    public void RestoreContractBalance(long accountId, int assetId, long free)
    {
        var account = _ledger.Find(accountId) ?? _ledger.Add(accountId);
        _contracts.RestoreBalance(account.Index, assetId, free);
    }

    /// <summary>Recovery: a position (its orders' holds come with <see cref="RestoreOrder"/>).</summary>
    public void RestorePosition(long accountId, int symbolId, in Position position)
    {
        var account = _ledger.Find(accountId) ?? _ledger.Add(accountId);
        _contracts.RestorePosition(account.Index, _contractOf[symbolId], position);
    }

    /// <summary>Recovery: the next contract order id (after every stored contract order, open or closed).</summary>
    public void RestoreContractSequence(long nextContractOrderId) => NextContractOrderId = Math.Max(NextContractOrderId, nextContractOrderId);

    /// <summary>Recovery: a contract's index, basis, mark and funding state.</summary>
    public void RestoreContractPrices(int symbolId, long index, long basis, long mark, long fundingRate, long lastFunding) =>
        _prices.Restore(_contractOf[symbolId], index, basis, mark, fundingRate, lastFunding);

    /// <summary>
    /// Recovery, last step of the contract market: the pools of each margin asset (the clearing pool follows from the
    /// positions), and the money the contract ledger holds joins the asset's supply.
    /// </summary>
    public void RestoreContractPools(IReadOnlyDictionary<int, (long Fees, long Fund)> pools)
    {
        foreach (int asset in _contracts.Contracts.Select(c => c.MarginAsset).Distinct())
        {
            var (fees, fund) = pools.GetValueOrDefault(asset);
            _contracts.RestorePools(asset, fees, fund);
            _reportedFund[asset] = fund;
            if (_ledger.Mint(asset, _contracts.Holdings(asset)) != RejectReason.None)
                throw new InvalidOperationException($"contract holdings of {_assets[asset].Name} take its total beyond {Ledger.MaxSupply}");
        }
    }

    public void RestoreSequences(long nextOrderId, long nextTradeId)
    {
        NextOrderId = Math.Max(NextOrderId, nextOrderId);
        _matcher.NextTradeId = Math.Max(_matcher.NextTradeId, nextTradeId);
    }

    public void RestoreMarket(int symbolId, long updateId, long lastPrice)
    {
        _books[symbolId].UpdateId = updateId;
        _books[symbolId].LastPrice = lastPrice;
    }
}
