using JexSim.Engine.Accounts;
using JexSim.Engine.Books;
using JexSim.Engine.Commands;
using JexSim.Engine.Markets;
using JexSim.Engine.Markets.Contract;
using JexSim.Engine.Output;

namespace JexSim.Engine.Matching;

/// <summary>Orders: validation, order/test, placement through the market's rules, and cancels.</summary>
public sealed partial class ExchangeCore
{
    /// <summary>Checks an order against the symbol's filters and the account's caps, changing nothing (order/test).</summary>
    public RejectReason Validate(in PlaceOrder cmd, long now = long.MinValue)
    {
        if ((uint)cmd.SymbolId >= (uint)_symbols.Length) return RejectReason.UnknownSymbol;
        var symbol = _symbols[cmd.SymbolId];
        if (_ledger.Find(cmd.AccountId) is not { } account) return RejectReason.UnknownAccount;
        if (account.Disabled) return RejectReason.AccountDisabled;
        if (!symbol.Trading) return RejectReason.MarketClosed;
        if (Options.IsClosed(cmd.SymbolId, now)) return RejectReason.OptionExpired;
        if (cmd.Type == OrderType.Market && !symbol.MarketOrdersAllowed) return RejectReason.MarketOrdersNotSupported;

        if (cmd.Quantity < symbol.MinQty || cmd.Quantity > symbol.MaxQty || cmd.Quantity % symbol.StepSize != 0)
            return RejectReason.LotSize;
        if (cmd.Type == OrderType.Limit)
        {
            if (cmd.Price < symbol.MinPrice || cmd.Price > symbol.MaxPrice || cmd.Price % symbol.TickSize != 0)
                return RejectReason.PriceFilter;
            if (!FixedPoint.TryNotionalCeiling(cmd.Price, cmd.Quantity, out long notional)) return RejectReason.NotionalTooLarge;
            if (notional < symbol.MinNotional || notional == 0) return RejectReason.MinNotional;
            if (account.OpenOrders(cmd.SymbolId) >= Limits.MaxOpenOrdersPerSymbol && cmd.TimeInForce == TimeInForce.Gtc)
                return RejectReason.MaxOpenOrders;
        }
        else if (symbol.MinNotional > 0)
        {
            // A market order is checked against the best opposite price, as Binance checks it against the average price.
            var side = _books[cmd.SymbolId].Opposite(cmd.Side);
            if (side.BestSlot >= 0 && FixedPoint.TryNotional(side.At(side.BestSlot).Price, cmd.Quantity, out long est) && est < symbol.MinNotional)
                return RejectReason.MinNotional;
        }
        return RejectReason.None;
    }

    /// <summary>order/test: the filters and caps, and for a contract limit order also its margin (changes nothing).</summary>
    public RejectReason Test(in PlaceOrder cmd, long now = long.MinValue)
    {
        var reject = Validate(cmd, now);
        if (reject != RejectReason.None || ContractOf(cmd.SymbolId) is not (var c and >= 0) || cmd.Type != OrderType.Limit) return reject;
        var account = _ledger.Find(cmd.AccountId)!;
        return ContractRules.ToReject(_contracts.CheckOrderMargin(account.Index, c, cmd.Side, cmd.Price, cmd.Quantity, out _));
    }

    public PlaceResult Place(in PlaceOrder cmd, long now)
    {
        var reject = Validate(cmd, now);
        if (reject != RejectReason.None) return new PlaceResult(reject, default);
        // The one place that picks a market's rules: matching below is the same code for every market.
        switch (_symbols[cmd.SymbolId].Market)
        {
            case MarketType.Spot: return Place(ref _spot, cmd, now);
            case MarketType.Option: return Place(ref _option, cmd, now);
            case MarketType.Contract: return PlaceContract(cmd, now);
            default: return new PlaceResult(RejectReason.MarketClosed, default);
        }
    }

    /// <summary>Places through a market's rules; <paramref name="id"/> and <paramref name="time"/> (when not 0) are an
    /// order's own that it keeps (a contract stop or take-profit order when its trigger fires).</summary>
    private PlaceResult Place<TRules>(ref TRules rules, in PlaceOrder cmd, long now, long id = 0, long time = 0) where TRules : struct, IMarketRules
    {
        var book = _books[cmd.SymbolId];
        var account = _ledger.Find(cmd.AccountId)!;
        int slot = _orders.Allocate();
        ref var order = ref _orders[slot];
        order.Account = account.Index; order.SymbolId = (ushort)cmd.SymbolId; order.Side = cmd.Side; order.Type = cmd.Type;
        order.TimeInForce = cmd.Type == OrderType.Market ? TimeInForce.Ioc : cmd.TimeInForce;
        order.Price = cmd.Type != OrderType.Market ? cmd.Price : 0; order.Quantity = cmd.Quantity;
        order.Status = OrderStatus.New; order.Time = time != 0 ? time : now; order.UpdateTime = now;

        var reject = rules.Approve(ref order, book);
        if (reject != RejectReason.None)
        {
            _orders.Free(slot);
            return new PlaceResult(reject, default);
        }
        order.Id = id != 0 ? id : _contractOf[cmd.SymbolId] >= 0 ? NextContractOrderId++ : NextOrderId++;

        if (order.TimeInForce == TimeInForce.Fok && !Matcher.CanFillCompletely(book, order))
        {
            order.Status = OrderStatus.Expired;
            order.Locked = 0;
            var expired = book.Snapshot(slot);
            Output.Orders.Add(expired);
            _orders.Free(slot);
            return new PlaceResult(RejectReason.None, expired);
        }

        rules.Hold(ref order);
        long updateId = book.UpdateId + 1;
        bool bookChanged = _matcher.Match(ref rules, book, slot, now, updateId);

        bool rests = order.Remaining > 0 && order.Type is not (OrderType.Market or OrderType.Flat) && order.TimeInForce == TimeInForce.Gtc;
        if (rests)
        {
            order.Status = order.Filled > 0 ? OrderStatus.PartiallyFilled : OrderStatus.New;
            long total = book.Rest(slot);
            _index.Add(order.Id, slot);
            account.OrderOpened(order.SymbolId);
            Output.AddLevel(new LevelChange(cmd.SymbolId, order.Side, order.Price, total, updateId));
            bookChanged = true;
        }
        else
        {
            order.Status = order.Remaining == 0 ? OrderStatus.Filled : OrderStatus.Expired;
            rules.Release(ref order);
        }
        if (bookChanged) book.UpdateId = updateId;

        var state = book.Snapshot(slot);
        Output.Orders.Add(state);
        if (!rests) _orders.Free(slot);
        return new PlaceResult(RejectReason.None, state);
    }

    public CancelResult Cancel(long accountId, int symbolId, long orderId, long now)
    {
        int slot = _index.Find(orderId);
        if (slot < 0 && ContractOf(symbolId) >= 0) return CancelTrigger(accountId, symbolId, orderId, now);
        if (slot < 0 || _orders[slot].SymbolId != symbolId || _ledger.AccountAt(_orders[slot].Account).Id != accountId)
            return new CancelResult(RejectReason.UnknownOrder, default);
        var book = _books[symbolId];
        var result = CancelResting(book, slot, now, book.UpdateId + 1);
        book.UpdateId++;
        return result;
    }

    private CancelResult CancelResting(OrderBook book, int slot, long now, long updateId) => book.Symbol.Market switch
    {
        MarketType.Spot => Cancel(ref _spot, slot, now, updateId),
        MarketType.Option => Cancel(ref _option, slot, now, updateId),
        MarketType.Contract => Cancel(ref _contract, slot, now, updateId),
        _ => throw new InvalidOperationException($"order in {book.Symbol.Name}: no rules for market {book.Symbol.Market}"),
    };

    private CancelResult Cancel<TRules>(ref TRules rules, int slot, long now, long updateId) where TRules : struct, IMarketRules
    {
        ref var order = ref _orders[slot];
        var book = _books[order.SymbolId];
        long price = order.Price;
        var side = order.Side;
        long total = book.Remove(slot);
        Output.AddLevel(new LevelChange(order.SymbolId, side, price, total, updateId));
        order.Status = OrderStatus.Canceled;
        order.UpdateTime = now;
        rules.Release(ref order);
        var state = book.Snapshot(slot);
        Output.Orders.Add(state);
        _matcher.Forget(slot);
        return new CancelResult(RejectReason.None, state);
    }

    private IEnumerable<int> RestingSlots(OrderBook book)
    {
        foreach (var side in new[] { book.Bids, book.Asks })
            for (int l = side.BestSlot; l >= 0; l = side.NextWorse(l))
                for (int o = side.At(l).Head; o >= 0; o = _orders[o].Next)
                    yield return o;
    }
}
