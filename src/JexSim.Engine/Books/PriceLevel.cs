using JexSim.Engine.Output;

namespace JexSim.Engine.Books;

/// <summary>A read view of one price level as it stands when the view is taken (tests, recovery, invariant checks).</summary>
public sealed class PriceLevel
{
    private readonly OrderBook _book;
    private readonly int _head;

    internal PriceLevel(OrderBook book, BookSide side, int slot)
    {
        _book = book;
        ref var l = ref side.At(slot);
        Price = l.Price;
        TotalQuantity = l.TotalQuantity;
        OrderCount = l.OrderCount;
        _head = l.Head;
    }

    public long Price { get; }
    public long TotalQuantity { get; }
    public int OrderCount { get; }

    /// <summary>The level's orders in time priority.</summary>
    public IEnumerable<OrderState> Orders()
    {
        for (int s = _head; s >= 0; s = _book.Orders[s].Next) yield return _book.Snapshot(s);
    }
}
