using JexSim.Engine;
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

    /// <summary>Starts over (admin reset or snapshot restore, possibly with other symbols). Writer only.</summary>
    public void Reset(int symbolCount)
    {
        var depth = new DepthSnapshot[symbolCount];
        Array.Fill(depth, DepthSnapshot.Empty);
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _depth, depth);
    }

    /// <summary>Publishes the market states a committed batch carries (values, not the engine).</summary>
    public void OnCommitted(in CommittedBatch batch) => PublishAll(batch.Output.Markets);

    /// <summary>Publishes market states (after a batch, or every book after start-up or recovery).</summary>
    public void PublishAll(IEnumerable<MarketState> markets)
    {
        var depth = Volatile.Read(ref _depth);
        foreach (var m in markets)
            if ((uint)m.SymbolId < (uint)depth.Length)
                Volatile.Write(ref depth[m.SymbolId], new DepthSnapshot(m.UpdateId, m.BidPrices, m.BidQuantities, m.AskPrices, m.AskQuantities, m.LastPrice));
    }
}
