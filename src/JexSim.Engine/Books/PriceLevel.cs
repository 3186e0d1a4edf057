namespace JexSim.Engine.Books;

/// <summary>One price bucket: a FIFO queue of resting orders and their total remaining quantity.</summary>
public sealed class PriceLevel
{
    public long Price { get; internal set; }
    public long TotalQuantity { get; internal set; }
    public int OrderCount { get; private set; }
    internal Order? Head;
    internal Order? Tail;

    internal PriceLevel(long price) => Price = price;

    public Order? First => Head;

    internal void Append(Order order)
    {
        order.Level = this;
        order.Prev = Tail;
        order.Next = null;
        if (Tail is null) Head = order; else Tail.Next = order;
        Tail = order;
        TotalQuantity += order.Remaining;
        OrderCount++;
    }

    internal void Remove(Order order)
    {
        if (order.Prev is null) Head = order.Next; else order.Prev.Next = order.Next;
        if (order.Next is null) Tail = order.Prev; else order.Next.Prev = order.Prev;
        TotalQuantity -= order.Remaining;
        OrderCount--;
        order.Prev = order.Next = null;
        order.Level = null;
    }

    /// <summary>Walks the queue in time priority.</summary>
    public IEnumerable<Order> Orders()
    {
        for (var o = Head; o is not null; o = o.Next) yield return o;
    }
}
