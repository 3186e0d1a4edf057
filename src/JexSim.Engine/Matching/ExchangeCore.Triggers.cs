using JexSim.Engine.Commands;
using JexSim.Engine.Markets.Contract;
using JexSim.Engine.Output;

namespace JexSim.Engine.Matching;

/// <summary>
/// The contract market's stop and take-profit orders (stopLimit, profitLimit). Each waits outside the book, status
/// Untriggered, until the price it watches (last trade, mark or index) reaches its trigger price; then its limit order
/// is placed, with the same id, in the same command as the price change (status New, PartiallyFilled, Filled, or
/// Rejected when it cannot be placed then). Triggers are checked after every contract order (the last price) and every
/// index change (mark and index), until none fires.
/// </summary>
public sealed partial class ExchangeCore
{
    /// <summary>At most this many stop and take-profit orders wait per contract per account (the spec's order count limits).</summary>
    public const int MaxTriggerOrders = 10;

    private readonly List<ContractTrigger> _triggers = new();
    private readonly List<ContractTrigger> _fired = new();

    /// <summary>The stop and take-profit orders waiting, oldest first.</summary>
    public IReadOnlyList<ContractTrigger> Triggers => _triggers;

    /// <summary>A contract order: placed through the contract rules, then the triggers its trades may have reached.</summary>
    private PlaceResult PlaceContract(in PlaceOrder cmd, long now)
    {
        var result = Place(ref _contract, cmd, now);
        if (result.Accepted) FireTriggers(_contractOf[cmd.SymbolId], now);
        return result;
    }

    /// <summary>
    /// Places a stop or take-profit order. Refused: the symbol's filters, no position (PositionNotExists), a side that
    /// does not close the position or a trigger on the wrong side of the current price or equal to it
    /// (TriggerDirection; a take-profit's trigger is beyond the current price in the position's favour, a stop's
    /// against it), a stop at or beyond the liquidation price (ReachLiquidationPrice), a position being liquidated, or
    /// ten waiting already (MaxTriggerOrders).
    /// </summary>
    public PlaceResult PlaceTrigger(in PlaceOrder cmd, TriggerPriceType triggerType, long triggerPrice, long now)
    {
        int c = ContractOf(cmd.SymbolId);
        if (c < 0 || cmd.Type is not (OrderType.StopLimit or OrderType.ProfitLimit)) return new PlaceResult(RejectReason.UnknownSymbol, default);
        var reject = Validate(cmd with { Type = OrderType.Limit }, now);
        if (reject != RejectReason.None) return new PlaceResult(reject, default);
        if (triggerPrice <= 0 || !Enum.IsDefined(triggerType)) return new PlaceResult(RejectReason.InvalidAmount, default);
        var account = _ledger.Find(cmd.AccountId)!;
        var spec = _contracts.Contracts[c];
        var position = _contracts.Position(account.Index, c);
        if (position.IsFlat) return new PlaceResult(RejectReason.PositionNotExists, default);
        if (ContractMath.IsBeyondLiquidation(position, spec, _prices.Mark[c])) return new PlaceResult(RejectReason.PositionLiquidating, default);
        long current = WatchedPrice(c, triggerType);
        bool stop = cmd.Type == OrderType.StopLimit;
        // A long's stop fires as the price falls, its take-profit as it rises; a short's the other way round.
        bool firesAbove = position.IsLong != stop;
        if ((position.IsLong ? Side.Sell : Side.Buy) != cmd.Side || current <= 0 || triggerPrice == current || (triggerPrice > current) != firesAbove)
            return new PlaceResult(RejectReason.TriggerDirection, default);
        if (stop && ContractMath.LiquidationPrice(position, spec) is var liquidation and > 0
            && (position.IsLong ? FixedPoint.ToDecimal(triggerPrice) <= liquidation : FixedPoint.ToDecimal(triggerPrice) >= liquidation))
            return new PlaceResult(RejectReason.ReachLiquidationPrice, default);
        int waiting = 0;
        foreach (var t in _triggers)
            if (t.AccountId == cmd.AccountId && t.SymbolId == cmd.SymbolId) waiting++;
        if (waiting >= MaxTriggerOrders) return new PlaceResult(RejectReason.MaxTriggerOrders, default);

        var trigger = new ContractTrigger(NextContractOrderId++, cmd.AccountId, cmd.SymbolId, cmd.Side, cmd.Type, cmd.Price, cmd.Quantity, now,
            triggerType, triggerPrice, firesAbove);
        _triggers.Add(trigger);
        Output.ContractTriggers.Add(new ContractTriggerState(trigger, Waiting: true));
        var state = StateOf(trigger, OrderStatus.Untriggered, now);
        Output.Orders.Add(state);
        return new PlaceResult(RejectReason.None, state);
    }

    /// <summary>Cancels a waiting stop or take-profit order (DELETE contract/order finds it when the book does not).</summary>
    private CancelResult CancelTrigger(long accountId, int symbolId, long orderId, long now)
    {
        int i = _triggers.FindIndex(t => t.Id == orderId);
        if (i < 0 || _triggers[i].AccountId != accountId || _triggers[i].SymbolId != symbolId) return new CancelResult(RejectReason.UnknownOrder, default);
        var trigger = _triggers[i];
        _triggers.RemoveAt(i);
        Output.ContractTriggers.Add(new ContractTriggerState(trigger, Waiting: false));
        var state = StateOf(trigger, OrderStatus.Canceled, now);
        Output.Orders.Add(state);
        return new CancelResult(RejectReason.None, state);
    }

    /// <summary>Cancels every waiting trigger of an account in a contract (its position was liquidated), or in every
    /// contract with <paramref name="symbolId"/> -1 (the account was disabled).</summary>
    private void CancelTriggers(long accountId, int symbolId, long now)
    {
        for (int i = 0; i < _triggers.Count;)
        {
            var t = _triggers[i];
            if (t.AccountId != accountId || (symbolId >= 0 && t.SymbolId != symbolId)) { i++; continue; }
            _triggers.RemoveAt(i);
            Output.ContractTriggers.Add(new ContractTriggerState(t, Waiting: false));
            Output.Orders.Add(StateOf(t, OrderStatus.Canceled, now));
        }
    }

    /// <summary>
    /// Places the limit order of every trigger of contract <paramref name="c"/> whose watched price has reached it, oldest
    /// first, and again while those orders' trades reach more. An order that cannot be placed (margin, a position gone or
    /// being liquidated) ends Rejected.
    /// </summary>
    private void FireTriggers(int c, long now)
    {
        if (_triggers.Count == 0) return;
        int symbolId = _contracts.Contracts[c].SymbolId;
        while (true)
        {
            _fired.Clear();
            for (int i = 0; i < _triggers.Count;)
            {
                var t = _triggers[i];
                if (t.SymbolId == symbolId && t.Fires(WatchedPrice(c, t.TriggerType))) { _fired.Add(t); _triggers.RemoveAt(i); }
                else i++;
            }
            if (_fired.Count == 0) return;
            foreach (var t in _fired)
            {
                Output.ContractTriggers.Add(new ContractTriggerState(t, Waiting: false));
                var account = _ledger.Find(t.AccountId)!;
                var position = _contracts.Position(account.Index, c);
                var reject = position.IsFlat || (position.IsLong ? Side.Sell : Side.Buy) != t.Side ? RejectReason.ClosingEmptyPosition : RejectReason.None;
                if (reject == RejectReason.None)
                    reject = Place(ref _contract, new PlaceOrder(t.AccountId, t.SymbolId, t.Side, t.Type, TimeInForce.Gtc, t.Price, t.Quantity), now, t.Id, t.Time).Reject;
                if (reject != RejectReason.None) Output.Orders.Add(StateOf(t, OrderStatus.Rejected, now));
            }
        }
    }

    private long WatchedPrice(int c, TriggerPriceType type) => type switch
    {
        TriggerPriceType.MarkPrice => _prices.Mark[c],
        TriggerPriceType.IndexPrice => _prices.Index[c],
        _ => _books[_contracts.Contracts[c].SymbolId].LastPrice,
    };

    private static OrderState StateOf(in ContractTrigger t, OrderStatus status, long now) =>
        new(t.Id, t.AccountId, t.SymbolId, t.Side, t.Type, TimeInForce.Gtc, t.Price, t.Quantity, 0, 0, status, t.Time, now, 0);

    /// <summary>Recovery: a waiting stop or take-profit order.</summary>
    public void RestoreTrigger(in ContractTrigger trigger)
    {
        _triggers.Add(trigger);
        NextContractOrderId = Math.Max(NextContractOrderId, trigger.Id + 1);
    }
}
