using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Threading.Channels;
using JexSim.Engine;
using JexSim.Engine.Books;
using JexSim.Engine.Markets;
using JexSim.Engine.Matching;
using JexSim.Server.Api;
using JexSim.Server.Simulation;
using JexSim.Server.Venue;
using Microsoft.Extensions.Options;

namespace JexSim.Server.Streams;

/// <summary>
/// The stream publisher. It watches the single writer as an <see cref="ICommitObserver"/> (copying what streams need
/// and handing it to a channel, never blocking the writer), keeps the subscriptions, and pushes every stream at its
/// cadence. Each payload is serialized once and the same bytes are queued to every subscriber.
/// </summary>
public sealed class StreamHub : ICommitObserver, IHostedService, IAsyncDisposable
{
    /// <summary>Levels per side the diff-depth stream covers: REST depth's largest limit, so snapshot + diffs rebuild it exactly.</summary>
    public const int DiffDepthLevels = 60;

    private readonly ExchangeVenue _venue;
    private readonly MarketStatistics _statistics;
    private readonly ListenKeys _listenKeys;
    private readonly IFaultPolicy _faults;
    private readonly StreamOptions _options;
    private readonly ILogger<StreamHub> _log;
    private readonly Channel<CommitEvents> _commits = Channel.CreateUnbounded<CommitEvents>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly ConcurrentDictionary<string, Subscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<StreamConnection, byte> _connections = new();
    /// <summary>Accounts with a user data subscription: the writer copies user events only for these.</summary>
    private readonly ConcurrentDictionary<long, string> _userAccounts = new();
    private readonly object _subscribeGate = new();
    private readonly object _tradeGate = new();
    private Dictionary<int, List<Trade>> _pendingTrades = new();
    private HashSet<int> _changedSinceSnapshot = new();
    /// <summary>Per symbol id, the top levels the last diff event was computed against. Guarded by <see cref="_diffGate"/>.</summary>
    private DepthSnapshot?[] _lastDiffBase;
    private readonly object _diffGate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = new();

    public StreamHub(ExchangeVenue venue, MarketStatistics statistics, ListenKeys listenKeys, IFaultPolicy faults, SimulationControl simulation,
        IOptions<StreamOptions> options, ILogger<StreamHub> log)
    {
        _venue = venue;
        _statistics = statistics;
        _listenKeys = listenKeys;
        _faults = faults;
        _options = options.Value;
        _log = log;
        _lastDiffBase = new DepthSnapshot?[venue.Tables.Symbols.Count];
        _listenKeys.Closed += OnListenKeyClosed;
        simulation.StateReplaced += OnStateReplaced;
    }

    /// <summary>
    /// After POST /admin/v1/reset or a snapshot restore the venue is a different one (books, update ids, accounts):
    /// the diff baselines and pending trades of the old state are dropped, so diff depth restarts from the new books
    /// (the next event's U follows the new book's update id, which may be lower than before: a subscriber resyncs from
    /// REST depth, as after any gap). Ids are symbol positions, so the baselines are re-sized for a fixture with other symbols. Every listenKey is closed, which closes the user data sockets; clients start anew.
    /// Market data connections stay open.
    /// </summary>
    private void OnStateReplaced()
    {
        // The new books are the baselines: the next change to one is published with U = its update id + 1, so a client that
        // took REST depth after the reset continues from there.
        lock (_diffGate) _lastDiffBase = _venue.Tables.Symbols.Select(s => (DepthSnapshot?)_venue.Views.Depth(s)).ToArray();
        lock (_tradeGate)
        {
            _pendingTrades = new Dictionary<int, List<Trade>>();
            _changedSinceSnapshot = new HashSet<int>();
        }
        _listenKeys.CloseAll();
    }

    public StreamOptions Options => _options;

    public int ConnectionCount => _connections.Count;

    // ------------------------------------------------------------------ lifecycle

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Registered before the venue starts its writer (see AddJexStreams), so no commit is missed.
        _venue.Sequencer.AddObserver(this);
        _loops.Add(Task.Run(ConsumeCommitsAsync));
        _loops.Add(Every(_options.TradeIntervalMs, PushTrades));
        _loops.Add(Every(_options.SnapshotIntervalMs, PushSnapshots));
        _loops.Add(Every(_options.DiffDepthIntervalMs, PushDiffDepth));
        _loops.Add(Every(_options.HousekeepingIntervalMs, Housekeeping));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        _commits.Writer.TryComplete();
        foreach (var c in _connections.Keys) c.Close(WebSocketCloseStatus.EndpointUnavailable, "Server shutting down");
        try { await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false); }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException) { }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    private Task Every(int intervalMs, Action tick) => Task.Run(async () =>
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(1, intervalMs)));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                try { tick(); }
                catch (Exception e) { _log.LogError(e, "Stream push {Tick} failed", tick.Method.Name); }
            }
        }
        catch (OperationCanceledException) { }
    });

    // ------------------------------------------------------------------ the writer side

    /// <summary>A committed batch's copy, as the publisher needs it (taken on the writer thread).</summary>
    private sealed record CommitEvents(long Time, Trade[] Trades, OrderState[] Orders, (long AccountId, BalanceState[] Balances, bool Options)[] Accounts);

    public void OnCommitted(in CommittedBatch batch)
    {
        var output = batch.Output;
        bool users = !_userAccounts.IsEmpty && (output.Orders.Count > 0 || output.Balances.Count > 0);
        if (output.Trades.Count == 0 && !users) return;

        OrderState[] orders = [];
        (long, BalanceState[], bool)[] accounts = [];
        if (users)
        {
            var ownOrders = new List<OrderState>();
            foreach (var o in output.Orders)
                if (_userAccounts.ContainsKey(o.AccountId)) ownOrders.Add(o);
            orders = ownOrders.ToArray();
            var touched = new List<(long, BalanceState[], bool)>();
            var tokens = Endpoints.Option.OptionMarket.TokenAssets(_venue);
            foreach (var a in output.Accounts)
                if (_userAccounts.ContainsKey(a.AccountId))
                    touched.Add((a.AccountId, a.Balances, output.Balances.Exists(b => b.AccountId == a.AccountId && tokens.Contains(b.AssetId))));
            accounts = touched.ToArray();
        }
        // Unbounded: the writer never waits on the publisher.
        _commits.Writer.TryWrite(new CommitEvents(batch.Time, output.Trades.Count > 0 ? output.Trades.ToArray() : [], orders, accounts));
    }

    private async Task ConsumeCommitsAsync()
    {
        var reader = _commits.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var commit))
                {
                    try { Consume(commit); }
                    catch (Exception e) { _log.LogError(e, "Publishing a commit to streams failed"); }
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    private void Consume(CommitEvents commit)
    {
        if (commit.Trades.Length > 0)
        {
            lock (_tradeGate)
            {
                foreach (var t in commit.Trades)
                {
                    if (!_pendingTrades.TryGetValue(t.SymbolId, out var list)) _pendingTrades[t.SymbolId] = list = new List<Trade>();
                    list.Add(t);
                    _changedSinceSnapshot.Add(t.SymbolId);
                }
            }
        }
        // User data goes out as soon as it is committed: every order state change, then the balances after it.
        var symbols = _venue.Tables.Symbols;
        foreach (var o in commit.Orders)
        {
            if (UserSubscription(o.AccountId) is not { } sub) continue;
            var symbol = symbols[o.SymbolId];
            sub.Publish(StreamPayloads.ExecutionReport(symbol.Market, symbol, o, commit.Time), mustDeliver: true);
        }
        foreach (var (accountId, balances, options) in commit.Accounts)
        {
            if (UserSubscription(accountId) is not { } sub || _listenKeys.Find(sub.Key.ListenKey!) is not { } key) continue;
            var assets = _venue.Tables.Assets;
            // Option tokens are the option account's: accountOptionInfo when the batch changed one, accountSpotInfo for the rest.
            var tokens = Endpoints.Option.OptionMarket.TokenAssets(_venue);
            StreamPayloads.BalanceRow[] Rows(bool token) =>
                balances.Where(b => tokens.Contains(b.AssetId) == token).Select(b => new StreamPayloads.BalanceRow(assets[b.AssetId].Name, b.Free, b.Locked)).ToArray();
            sub.Publish(StreamPayloads.AccountInfo(MarketType.Spot, Rows(false), key, commit.Time, commit.Time), mustDeliver: true);
            if (options) sub.Publish(StreamPayloads.AccountInfo(MarketType.Option, Rows(true), key, commit.Time, commit.Time), mustDeliver: true);
        }
    }

    private Subscription? UserSubscription(long accountId) =>
        _userAccounts.TryGetValue(accountId, out var listenKey) && _subscriptions.TryGetValue(listenKey, out var sub) && sub.HasSubscribers ? sub : null;

    // ------------------------------------------------------------------ market data pushes

    private void PushTrades()
    {
        Dictionary<int, List<Trade>> pending;
        lock (_tradeGate)
        {
            if (_pendingTrades.Count == 0) return;
            pending = _pendingTrades;
            _pendingTrades = new Dictionary<int, List<Trade>>();
        }
        long now = _venue.Now;
        foreach (var (symbolId, trades) in pending)
        {
            var symbol = _venue.Tables.Symbols[symbolId];
            string name = $"{symbol.Name.ToLowerInvariant()}@{StreamNames.MarketPrefix(symbol.Market)}Trade";
            if (_subscriptions.TryGetValue(name, out var sub) && sub.HasSubscribers)
                sub.Publish(StreamPayloads.Trades(symbol.Market, symbol, trades, now), mustDeliver: false);
        }
    }

    private void PushSnapshots()
    {
        HashSet<int> changed;
        lock (_tradeGate)
        {
            changed = _changedSinceSnapshot;
            _changedSinceSnapshot = new HashSet<int>();
        }
        long now = _venue.Now;
        var tickers = new Dictionary<int, StreamPayloads.TickerData>();
        StreamPayloads.TickerData Ticker(SymbolSpec s)
        {
            if (!tickers.TryGetValue(s.Id, out var t))
            {
                var market = _venue.Views.Depth(s);
                long last = market.LastPrice;
                // Mark and index prices belong to the contract market; until it lands they equal the last price.
                tickers[s.Id] = t = new StreamPayloads.TickerData(s, _statistics.Day24(s, market, now), last, last);
            }
            return t;
        }

        foreach (var sub in _subscriptions.Values)
        {
            if (!sub.HasSubscribers) continue;
            var key = sub.Key;
            byte[]? payload = key.Kind switch
            {
                StreamKind.Kline => StreamPayloads.Kline(key, CurrentKline(key, now), now),
                StreamKind.MiniTicker => StreamPayloads.MiniTicker(key.Market, Ticker(key.Symbol!), now),
                StreamKind.Ticker => StreamPayloads.Ticker(key.Market, Ticker(key.Symbol!), now),
                StreamKind.PartialDepth => StreamPayloads.PartialDepth(_venue.Views.Depth(key.Symbol!), key.Levels),
                StreamKind.AllMiniTickers or StreamKind.AllTickers => AllTickers(key, changed, Ticker, now),
                _ => null,
            };
            if (payload is not null) sub.Publish(payload, mustDeliver: false);
        }
    }

    /// <summary>!&lt;type&gt;@arr: the symbols of the market that traded since the last push; nothing when none did.</summary>
    private byte[]? AllTickers(StreamKey key, HashSet<int> changed, Func<SymbolSpec, StreamPayloads.TickerData> ticker, long now)
    {
        var symbols = _venue.SymbolsOf(key.Market).Where(s => changed.Contains(s.Id)).Select(ticker).ToList();
        if (symbols.Count == 0) return null;
        return key.Kind == StreamKind.AllMiniTickers ? StreamPayloads.MiniTickers(key.Market, symbols, now) : StreamPayloads.Tickers(key.Market, symbols, now);
    }

    /// <summary>The current kline of an interval; flat at the last price when nothing traded in it yet.</summary>
    private Kline CurrentKline(StreamKey key, long now)
    {
        var klines = _statistics.Klines(key.Symbol!, key.Interval!, null, null, 1, now);
        if (klines.Count > 0) return klines[^1];
        long ms = MarketStatistics.IntervalMs(key.Interval!);
        long open = MarketStatistics.Align(now, ms);
        long last = _venue.Views.Depth(key.Symbol!).LastPrice;
        return new Kline(open, open + ms - 1, last, last, last, last, 0, 0, 0, 0, 0);
    }

    /// <summary>
    /// Diff depth: the difference between the top <see cref="DiffDepthLevels"/> levels per side now and at the last push,
    /// read from the same views REST depth answers from. U is the first book update the event covers, v the last
    /// (the book's update id, REST depth's lastUpdateId). A level that leaves the covered range is sent with quantity 0;
    /// one that enters it, with its quantity.
    /// </summary>
    private void PushDiffDepth()
    {
        long now = _venue.Now;
        lock (_diffGate)
        {
            var bases = _lastDiffBase;
            foreach (var symbol in _venue.Tables.Symbols)
            {
                if (symbol.Id >= bases.Length) continue; // the symbol table changed under a reset; the next push has the new one
                var current = _venue.Views.Depth(symbol);
                var last = bases[symbol.Id];
                if (last is null || last.UpdateId == current.UpdateId) { bases[symbol.Id] = current; continue; }
                string name = $"{symbol.Name.ToLowerInvariant()}@{StreamNames.MarketPrefix(symbol.Market)}Depth";
                if (!_subscriptions.TryGetValue(name, out var sub) || !sub.HasSubscribers) { bases[symbol.Id] = current; continue; }
                var bids = Diff(last.BidPrices, last.BidQuantities, current.BidPrices, current.BidQuantities);
                var asks = Diff(last.AskPrices, last.AskQuantities, current.AskPrices, current.AskQuantities);
                // Nothing changed in the covered range: keep the base, so the next event's U still follows the last v.
                if (bids.Count == 0 && asks.Count == 0) continue;
                bases[symbol.Id] = current;
                // An injected depth gap leaves this event out for the connections the rule matches: their next U skips ahead.
                sub.Publish(StreamPayloads.DepthUpdate(symbol.Market, symbol, now, last.UpdateId + 1, current.UpdateId, bids, asks), mustDeliver: false,
                    skip: c => _faults.ShouldSkipDepthUpdate(c.Path, symbol.Name));
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

    // ------------------------------------------------------------------ connections and subscriptions

    /// <summary>Resolves stream names, or throws the <see cref="JexException"/> the client gets.</summary>
    public IReadOnlyList<StreamKey> Resolve(IEnumerable<string> names) =>
        names.Select(n => StreamNames.Parse(n, _venue, _listenKeys)).DistinctBy(k => k.Name).ToList();

    public void Register(StreamConnection connection) => _connections[connection] = 0;

    /// <summary>Open connections (for housekeeping, tests and the benchmark).</summary>
    internal ICollection<StreamConnection> Connections => _connections.Keys;

    /// <summary>Raised after a connection has closed and left every stream.</summary>
    internal event Action<StreamConnection>? Disconnected;

    public void Unregister(StreamConnection connection)
    {
        try { UnregisterCore(connection); }
        finally { Disconnected?.Invoke(connection); }
    }

    private void UnregisterCore(StreamConnection connection)
    {
        _connections.TryRemove(connection, out _);
        lock (_subscribeGate)
        {
            foreach (var key in connection.Streams)
            {
                connection.RemoveStream(key.Name);
                if (_subscriptions.TryGetValue(key.Name, out var sub)) sub.Remove(connection);
            }
        }
    }

    /// <summary>Adds streams to a connection: all or none, within the per-connection limit.</summary>
    public void Subscribe(StreamConnection connection, IEnumerable<string> names) => Subscribe(connection, Resolve(names));

    public void Subscribe(StreamConnection connection, IReadOnlyList<StreamKey> keys)
    {
        lock (_subscribeGate)
        {
            var existing = connection.Streams.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            int total = existing.Count + keys.Count(k => !existing.Contains(k.Name));
            if (total > _options.MaxStreamsPerConnection) throw new JexException(StreamErrors.TooManyStreams(_options.MaxStreamsPerConnection, total));
            foreach (var key in keys)
            {
                if (!connection.TryAddStream(key)) continue;
                var sub = _subscriptions.GetOrAdd(key.Name, _ => new Subscription(key));
                sub.Add(connection);
                if (key.Kind == StreamKind.UserData && _listenKeys.Find(key.ListenKey!) is { } live) _userAccounts[live.AccountId] = live.Key;
            }
        }
    }

    public void Unsubscribe(StreamConnection connection, IEnumerable<string> names)
    {
        lock (_subscribeGate)
        {
            foreach (var name in names)
            {
                string canonical;
                try { canonical = StreamNames.Parse(name, _venue, _listenKeys).Name; }
                catch (JexException) { canonical = name; }
                if (connection.RemoveStream(canonical) && _subscriptions.TryGetValue(canonical, out var sub)) sub.Remove(connection);
            }
        }
    }

    private void OnListenKeyClosed(string listenKey)
    {
        foreach (var (account, key) in _userAccounts)
            if (key == listenKey) _userAccounts.TryRemove(new KeyValuePair<long, string>(account, key));
        if (_subscriptions.TryGetValue(listenKey, out var sub))
            foreach (var c in sub.Connections) c.Close(WebSocketCloseStatus.NormalClosure, "listenKey expired or closed");
    }

    private void Housekeeping()
    {
        _listenKeys.ExpireDue();
        long now = _venue.Now, lifetime = _options.MaxConnectionMinutes * 60_000L;
        foreach (var c in _connections.Keys)
            if (now - c.OpenedAt >= lifetime) c.Close(WebSocketCloseStatus.NormalClosure, "Connection lifetime reached");
    }

    /// <summary>Publishes raw bytes to a stream's subscribers (the benchmark drives the fan-out with it).</summary>
    internal int PublishRaw(string stream, byte[] payload, bool mustDeliver) =>
        _subscriptions.TryGetValue(stream, out var sub) ? sub.Publish(payload, mustDeliver) : 0;

    /// <summary>One stream and the connections on it. The connection array is copied on change, so pushes iterate it lock-free.</summary>
    private sealed class Subscription(StreamKey key)
    {
        private StreamConnection[] _connections = [];

        public StreamKey Key { get; } = key;

        public StreamConnection[] Connections => Volatile.Read(ref _connections);

        public bool HasSubscribers => Connections.Length > 0;

        public void Add(StreamConnection c) { lock (this) _connections = [.. _connections, c]; }

        public void Remove(StreamConnection c) { lock (this) _connections = _connections.Where(x => x != c).ToArray(); }

        /// <summary>Queues the payload to every subscriber without waiting; returns how many took it.</summary>
        public int Publish(byte[] raw, bool mustDeliver, Func<StreamConnection, bool>? skip = null)
        {
            var connections = Connections;
            if (connections.Length == 0) return 0;
            long at = Stopwatch.GetTimestamp();
            OutboundMessage? plain = null, wrapped = null;
            int delivered = 0;
            foreach (var c in connections)
            {
                if (skip is not null && skip(c)) continue;
                var message = c.Combined
                    ? wrapped ??= new OutboundMessage(StreamPayloads.Combined(Key.Name, raw), mustDeliver) { PublishedAt = at }
                    : plain ??= new OutboundMessage(raw, mustDeliver) { PublishedAt = at };
                if (c.Enqueue(message)) delivered++;
            }
            return delivered;
        }
    }
}
