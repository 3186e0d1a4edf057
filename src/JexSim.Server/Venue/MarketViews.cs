using JexSim.Engine;
using JexSim.Engine.Books;
using JexSim.Engine.Markets;

namespace JexSim.Server.Venue;

/// <summary>The top of one book as of a committed batch. Immutable: readers share it without locks.</summary>
public sealed record DepthSnapshot(long UpdateId, long[] BidPrices, long[] BidQuantities, long[] AskPrices, long[] AskQuantities, long LastPrice)
{
    public static readonly DepthSnapshot Empty = new(0, [], [], [], [], 0);
}

/// <summary>
/// Read-side copies of every book's top levels, republished by the writer after each commit for the symbols that
/// changed. REST depth and book tickers read these instead of queueing behind the writer.
/// </summary>
public sealed class MarketViews : ICommitObserver
{
    public const int Levels = 100;
    private DepthSnapshot[] _depth;
    private int _generation;

    public MarketViews(int symbolCount)
    {
        _depth = new DepthSnapshot[symbolCount];
        Array.Fill(_depth, DepthSnapshot.Empty);
    }

    public DepthSnapshot Depth(SymbolSpec symbol)
    {
        var depth = Volatile.Read(ref _depth);
        return (uint)symbol.Id < (uint)depth.Length ? Volatile.Read(ref depth[symbol.Id]) : DepthSnapshot.Empty;
    }

    /// <summary>
    /// Counts <see cref="Reset"/>s. It moves before the new books are published, so a reader that reads a depth and then
    /// this knows whether the books it compares were replaced in between (the diff-depth stream never diffs across a reset).
    /// </summary>
    public int Generation => Volatile.Read(ref _generation);

    /// <summary>Starts over from a new engine (admin reset or snapshot restore, possibly with other symbols). Writer only.</summary>
    public void Reset(Engine.Matching.ExchangeCore core)
    {
        var depth = new DepthSnapshot[core.Symbols.Count];
        Array.Fill(depth, DepthSnapshot.Empty);
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _depth, depth);
        PublishAll(core);
    }

    public void OnCommitted(in CommittedBatch batch)
    {
        foreach (int i in batch.Output.ChangedSymbols) Publish(batch.Core.Book(i), batch.Core.LastPrice(i));
    }

    /// <summary>Republishes every book (after start-up or recovery).</summary>
    public void PublishAll(Engine.Matching.ExchangeCore core)
    {
        foreach (var s in core.Symbols) Publish(core.Book(s.Id), core.LastPrice(s.Id));
    }

    private void Publish(OrderBook book, long lastPrice)
    {
        var (bp, bq) = Copy(book.Bids);
        var (ap, aq) = Copy(book.Asks);
        Volatile.Write(ref _depth[book.Symbol.Id], new DepthSnapshot(book.UpdateId, bp, bq, ap, aq, lastPrice));
    }

    private static (long[] Prices, long[] Quantities) Copy(BookSide side)
    {
        int n = Math.Min(Levels, side.LevelCount);
        var prices = new long[n];
        var quantities = new long[n];
        for (int i = 0; i < n; i++)
        {
            var level = side.LevelFromTop(i);
            prices[i] = level.Price;
            quantities[i] = level.TotalQuantity;
        }
        return (prices, quantities);
    }
}
