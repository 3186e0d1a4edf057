namespace JexSim.Engine.Books;

/// <summary>
/// A live order. While it rests it is a node of its price level's FIFO list (intrusive links, no per-node allocation).
/// Mutated only by the sequencer thread.
/// </summary>
public sealed class Order
{
    public long Id;
    public long AccountId;
    public int SymbolId;
    public Side Side;
    public OrderType Type;
    public TimeInForce TimeInForce;
    /// <summary>Limit price; 0 for MARKET orders.</summary>
    public long Price;
    public long Quantity;
    public long Filled;
    /// <summary>Sum of the quote amounts of all fills ("cummulativeQuoteQty").</summary>
    public long CumulativeQuote;
    public OrderStatus Status;
    public long Time;
    public long UpdateTime;
    /// <summary>What this order still holds locked: quote for a buy, base for a sell.</summary>
    public long Locked;

    internal PriceLevel? Level;
    internal Order? Prev;
    internal Order? Next;

    public long Remaining => Quantity - Filled;

    public OrderState Snapshot() => new(Id, AccountId, SymbolId, Side, Type, TimeInForce, Price, Quantity, Filled, CumulativeQuote, Status, Time, UpdateTime, Locked);
}

/// <summary>An immutable copy of an order's state at one moment, as persisted and reported.</summary>
public readonly record struct OrderState(
    long Id, long AccountId, int SymbolId, Side Side, OrderType Type, TimeInForce TimeInForce,
    long Price, long Quantity, long Filled, long CumulativeQuote, OrderStatus Status, long Time, long UpdateTime, long Locked)
{
    public long Remaining => Quantity - Filled;

    /// <summary>Rebuilds a live order from persisted state (used by recovery).</summary>
    public Order ToOrder() => new()
    {
        Id = Id, AccountId = AccountId, SymbolId = SymbolId, Side = Side, Type = Type, TimeInForce = TimeInForce,
        Price = Price, Quantity = Quantity, Filled = Filled, CumulativeQuote = CumulativeQuote, Status = Status,
        Time = Time, UpdateTime = UpdateTime, Locked = Locked,
    };
}
