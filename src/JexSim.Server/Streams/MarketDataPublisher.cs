using JexSim.Persistence;
using JexSim.Engine;
using JexSim.Engine.Markets;
using JexSim.Engine.Matching;
using JexSim.Server.Simulation;
using JexSim.Server.Venue;

namespace JexSim.Server.Streams;

/// <summary>
/// The market data streams: trades (buffered from commits, pushed at the trade cadence), klines, tickers and partial
/// depth (snapshots at their cadence), and the diff-depth stream (the difference between the top levels now and at the
/// last push). Books are read from the read-side views REST depth answers from, never from the engine. Each payload is
/// serialized once and queued to every subscriber.
/// </summary>
public sealed class MarketDataPublisher(StreamHub hub, ExchangeVenue venue, MarketStatistics statistics, IFaultPolicy faults)
{
    /// <summary>Levels per side the diff-depth stream covers: REST depth's largest limit, so snapshot + diffs rebuild it exactly.</summary>
    public const int DiffDepthLevels = 60;

    private readonly object _tradeGate = new();
    private Dictionary<int, List<Trade>> _pendingTrades = new();
    private HashSet<int> _changedSinceSnapshot = new();
    /// <summary>Per symbol id, the top levels the last diff event was computed against. Guarded by <see cref="_diffGate"/>.</summary>
    private DepthSnapshot?[] _lastDiffBase = new DepthSnapshot?[venue.Tables.Symbols.Count];
    /// <summary>The views' generation the diff baselines belong to. Guarded by <see cref="_diffGate"/>.</summary>
    private int _baseGeneration = venue.Views.Generation;
    private readonly object _diffGate = new();

    /// <summary>
    /// After a reset or a snapshot restore the venue is a different one (books, update ids, perhaps symbols): the
    /// diff baselines become the new books (so the next change to one is published with U = its update id + 1, which may
    /// be lower than before: a subscriber resyncs from REST depth, as after any gap), and trades pending from the old
    /// state are dropped. Market data connections stay open. <paramref name="generation"/>: the views' generation of <paramref name="books"/>.
    /// </summary>
    public void OnStateReplaced(DepthSnapshot[] books, int generation)
    {
        lock (_diffGate)
        {
            _lastDiffBase = books.Select(b => (DepthSnapshot?)b).ToArray();
            _baseGeneration = generation;
        }
        lock (_tradeGate)
        {
            _pendingTrades = new Dictionary<int, List<Trade>>();
            _changedSinceSnapshot = new HashSet<int>();
        }
    }

    /// <summary>Buffers a commit's trades for the next trade push and marks their symbols for the next !…@arr push.</summary>
    public void OnTrades(Trade[] trades)
    {
        if (trades.Length == 0) return;
        lock (_tradeGate)
        {
            foreach (var t in trades)
            {
                if (!_pendingTrades.TryGetValue(t.SymbolId, out var list)) _pendingTrades[t.SymbolId] = list = new List<Trade>();
                list.Add(t);
                _changedSinceSnapshot.Add(t.SymbolId);
            }
        }
    }

    public void PushTrades()
    {
        Dictionary<int, List<Trade>> pending;
        lock (_tradeGate)
        {
            if (_pendingTrades.Count == 0) return;
            pending = _pendingTrades;
            _pendingTrades = new Dictionary<int, List<Trade>>();
        }
        long now = venue.Now;
        foreach (var (symbolId, trades) in pending)
        {
            var symbol = venue.Tables.Symbols[symbolId];
            string name = $"{symbol.Name.ToLowerInvariant()}@{StreamNames.MarketPrefix(symbol.Market)}Trade";
            hub.Subscribed(name)?.Publish(StreamPayloads.Trades(symbol.Market, symbol, trades, now), mustDeliver: false);
        }
    }

    /// <summary>Klines, (mini) tickers and partial depth, for every stream somebody is on.</summary>
    public void PushSnapshots()
    {
        HashSet<int> changed;
        lock (_tradeGate)
        {
            changed = _changedSinceSnapshot;
            _changedSinceSnapshot = new HashSet<int>();
        }
        long now = venue.Now;
        var tickers = new Dictionary<int, StreamPayloads.TickerData>();
        Dictionary<string, ContractMarkRecord>? marks = null;
        StreamPayloads.TickerData Ticker(SymbolSpec s)
        {
            if (tickers.TryGetValue(s.Id, out var t)) return t;
            t = new StreamPayloads.TickerData(s, statistics.Day24(s, venue.Views.Depth(s), now));
            if (s.Market == MarketType.Contract)
            {
                // The mark and index prices, read where REST's ticker/indicesPrice reads them.
                marks ??= venue.StoreReader.ContractMarks().ToDictionary(m => m.Symbol, StringComparer.OrdinalIgnoreCase);
                if (marks.GetValueOrDefault(s.Name) is { } prices) t = t with { MarkPrice = prices.Price, IndexPrice = prices.Index };
            }
            return tickers[s.Id] = t;
        }

        foreach (var sub in hub.Active)
        {
            var key = sub.Key;
            byte[]? payload = key.Kind switch
            {
                StreamKind.Kline => StreamPayloads.Kline(key, CurrentKline(key, now), now),
                StreamKind.MiniTicker => StreamPayloads.MiniTicker(key.Market, Ticker(key.Symbol!), now),
                StreamKind.Ticker => StreamPayloads.Ticker(key.Market, Ticker(key.Symbol!), now),
                StreamKind.PartialDepth => StreamPayloads.PartialDepth(venue.Views.Depth(key.Symbol!), key.Levels),
                StreamKind.AllMiniTickers or StreamKind.AllTickers => AllTickers(key, changed, Ticker, now),
                _ => null,
            };
            if (payload is not null) sub.Publish(payload, mustDeliver: false);
        }
    }

    /// <summary>!&lt;type&gt;@arr: the symbols of the market that traded since the last push; nothing when none did.</summary>
    private byte[]? AllTickers(StreamKey key, HashSet<int> changed, Func<SymbolSpec, StreamPayloads.TickerData> ticker, long now)
    {
        var symbols = venue.SymbolsOf(key.Market).Where(s => changed.Contains(s.Id)).Select(ticker).ToList();
        if (symbols.Count == 0) return null;
        return key.Kind == StreamKind.AllMiniTickers ? StreamPayloads.MiniTickers(key.Market, symbols, now) : StreamPayloads.Tickers(key.Market, symbols, now);
    }

    /// <summary>The current kline of an interval; flat at the last price when nothing traded in it yet.</summary>
    private Kline CurrentKline(StreamKey key, long now)
    {
        var klines = statistics.Klines(key.Symbol!, key.Interval!, null, null, 1, now);
        if (klines.Count > 0) return klines[^1];
        long ms = MarketStatistics.IntervalMs(key.Interval!);
        long open = MarketStatistics.Align(now, ms);
        long last = venue.Views.Depth(key.Symbol!).LastPrice;
        return new Kline(open, open + ms - 1, last, last, last, last, 0, 0, 0, 0, 0);
    }

    /// <summary>
    /// Diff depth: the difference between the top <see cref="DiffDepthLevels"/> levels per side now and at the last push,
    /// read from the same views REST depth answers from. U is the first book update the event covers, v the last
    /// (the book's update id, REST depth's lastUpdateId). A level that leaves the covered range is sent with quantity 0;
    /// one that enters it, with its quantity.
    /// </summary>
    public void PushDiffDepth()
    {
        long now = venue.Now;
        lock (_diffGate)
        {
            var bases = _lastDiffBase;
            foreach (var symbol in venue.Tables.Symbols)
            {
                if (symbol.Id >= bases.Length) continue; // the symbol table changed under a reset; the next push has the new one
                var current = venue.Views.Depth(symbol);
                // The books were replaced after the baselines were taken: no diff across two states. The replacing
                // commit brings the new baselines (OnStateReplaced); until then nothing is published.
                if (venue.Views.Generation != _baseGeneration) return;
                var last = bases[symbol.Id];
                if (last is null || last.UpdateId == current.UpdateId) { bases[symbol.Id] = current; continue; }
                string name = $"{symbol.Name.ToLowerInvariant()}@{StreamNames.MarketPrefix(symbol.Market)}Depth";
                if (hub.Subscribed(name) is not { } sub) { bases[symbol.Id] = current; continue; }
                var bids = Diff(last.BidPrices, last.BidQuantities, current.BidPrices, current.BidQuantities);
                var asks = Diff(last.AskPrices, last.AskQuantities, current.AskPrices, current.AskQuantities);
                // Nothing changed in the covered range: keep the base, so the next event's U still follows the last v.
                if (bids.Count == 0 && asks.Count == 0) continue;
                bases[symbol.Id] = current;
                // An injected depth gap leaves this event out for the connections the rule matches: their next U skips ahead.
                sub.Publish(StreamPayloads.DepthUpdate(symbol.Market, symbol, now, last.UpdateId + 1, current.UpdateId, bids, asks), mustDeliver: false,
                    skip: c => faults.ShouldSkipDepthUpdate(c.Path, symbol.Name));
            }
        }
    }

    internal static List<(long Price, long Quantity)> Diff(long[] oldPrices, long[] oldQuantities, long[] newPrices, long[] newQuantities)
    {
        int oldCount = Math.Min(DiffDepthLevels, oldPrices.Length), newCount = Math.Min(DiffDepthLevels, newPrices.Length);
        var before = new Dictionary<long, long>(oldCount);
        for (int i = 0; i < oldCount; i++) before[oldPrices[i]] = oldQuantities[i];
        var changes = new List<(long, long)>();
        for (int i = 0; i < newCount; i++)
        {
            if (!before.Remove(newPrices[i], out long q) || q != newQuantities[i]) changes.Add((newPrices[i], newQuantities[i]));
        }
        foreach (var price in before.Keys) changes.Add((price, 0));
        return changes;
    }
}
