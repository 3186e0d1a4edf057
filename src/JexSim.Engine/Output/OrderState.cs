namespace JexSim.Engine.Output;

/// <summary>An immutable copy of an order's state at one moment, as persisted and reported.</summary>
public readonly record struct OrderState(
    long Id, long AccountId, int SymbolId, Side Side, OrderType Type, TimeInForce TimeInForce,
    long Price, long Quantity, long Filled, long CumulativeQuote, OrderStatus Status, long Time, long UpdateTime, long Locked)
{
    public long Remaining => Quantity - Filled;
}
