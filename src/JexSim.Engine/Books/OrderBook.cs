using JexSim.Engine.Accounts;
using JexSim.Engine.Output;
using JexSim.Engine.Markets;

namespace JexSim.Engine.Books;

/// <summary>
/// The limit order book of one symbol: bids high to low, asks low to high, FIFO within a level. It keeps orders in
/// priority and knows no money; matching lives in <see cref="Matching.Matcher"/>, money in the market's rules.
/// </summary>
public sealed class OrderBook
{
    internal OrderBook(SymbolSpec symbol, OrderStore orders, Ledger ledger)
    {
        Symbol = symbol;
        Orders = orders;
        Ledger = ledger;
        Bids = new BookSide(this, Side.Buy);
        Asks = new BookSide(this, Side.Sell);
    }

    public SymbolSpec Symbol { get; }
    public BookSide Bids { get; }
    public BookSide Asks { get; }
    internal OrderStore Orders { get; }
    internal Ledger Ledger { get; }

    /// <summary>Increments once for every command that changes the book; REST depth's lastUpdateId and the diff stream's version.</summary>
    public long UpdateId { get; internal set; }

    /// <summary>Price of the last trade (0 before the first).</summary>
    public long LastPrice { get; internal set; }

    public BookSide SideOf(Side side) => side == Side.Buy ? Bids : Asks;
    public BookSide Opposite(Side side) => side == Side.Buy ? Asks : Bids;

    public bool IsCrossed => Bids.BestSlot >= 0 && Asks.BestSlot >= 0 && Bids.At(Bids.BestSlot).Price >= Asks.At(Asks.BestSlot).Price;

    internal OrderState Snapshot(int slot)
    {
        ref var o = ref Orders[slot];
        return new OrderState(o.Id, Ledger.AccountAt(o.Account).Id, o.SymbolId, o.Side, o.Type, o.TimeInForce, o.Price, o.Quantity,
            o.Filled, o.CumulativeQuote, o.Status, o.Time, o.UpdateTime, o.Locked);
    }

    /// <summary>Appends a resting order to the tail of its price level; returns the level's new total.</summary>
    internal long Rest(int slot)
    {
        ref var o = ref Orders[slot];
        var side = SideOf(o.Side);
        int level = side.GetOrAdd(o.Price);
        Orders.LevelOf(slot) = level;
        ref var l = ref side.At(level);
        o.Prev = l.Tail;
        o.Next = -1;
        if (l.Tail < 0) l.Head = slot; else Orders[l.Tail].Next = slot;
        l.Tail = slot;
        l.TotalQuantity += o.Remaining;
        l.OrderCount++;
        return l.TotalQuantity;
    }

    /// <summary>Takes a resting order out of its level, dropping the level when it empties; returns the level's new total.</summary>
    internal long Remove(int slot) => Remove(slot, Orders.LevelOf(slot));

    /// <summary>As <see cref="Remove(int)"/>, when the caller already knows the order's level slot.</summary>
    internal long Remove(int slot, int level)
    {
        ref var o = ref Orders[slot];
        var side = SideOf(o.Side);
        ref var l = ref side.At(level);
        if (o.Prev < 0) l.Head = o.Next; else Orders[o.Prev].Next = o.Next;
        if (o.Next < 0) l.Tail = o.Prev; else Orders[o.Next].Prev = o.Prev;
        l.TotalQuantity -= o.Remaining;
        long total = l.TotalQuantity;
        if (--l.OrderCount == 0) side.RemoveLevel(level);
        o.Prev = o.Next = -1;
        return total;
    }
}
