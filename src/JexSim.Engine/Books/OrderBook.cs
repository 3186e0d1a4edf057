using JexSim.Engine.Markets;

namespace JexSim.Engine.Books;

/// <summary>
/// The limit order book of one symbol: bids high to low, asks low to high, FIFO within a level.
/// It only keeps orders in priority; the matching rules live in <see cref="Matching.ExchangeCore"/>.
/// </summary>
public sealed class OrderBook
{
    public OrderBook(SymbolSpec symbol)
    {
        Symbol = symbol;
        Bids = new BookSide(Side.Buy);
        Asks = new BookSide(Side.Sell);
    }

    public SymbolSpec Symbol { get; }
    public BookSide Bids { get; }
    public BookSide Asks { get; }

    /// <summary>Increments once for every command that changes the book; REST depth's lastUpdateId and the diff stream's version.</summary>
    public long UpdateId { get; internal set; }

    public BookSide SideOf(Side side) => side == Side.Buy ? Bids : Asks;
    public BookSide Opposite(Side side) => side == Side.Buy ? Asks : Bids;

    internal PriceLevel Rest(Order order)
    {
        var level = SideOf(order.Side).GetOrAdd(order.Price);
        level.Append(order);
        return level;
    }

    /// <summary>Takes an order out of its level, dropping the level when it empties.</summary>
    internal void Remove(Order order)
    {
        var level = order.Level ?? throw new InvalidOperationException($"order {order.Id} is not resting");
        level.Remove(order);
        if (level.OrderCount == 0) SideOf(order.Side).RemoveLevel(level);
    }

    /// <summary>Reduces a resting order's remaining quantity in place (a fill), keeping its priority.</summary>
    internal void Reduce(Order order, long qty)
    {
        order.Level!.TotalQuantity -= qty;
        order.Filled += qty;
    }

    public bool IsCrossed
    {
        get
        {
            var b = Bids.Best; var a = Asks.Best;
            return b is not null && a is not null && b.Price >= a.Price;
        }
    }
}
