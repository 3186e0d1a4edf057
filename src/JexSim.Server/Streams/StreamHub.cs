using System.Collections.Concurrent;
using System.Net.WebSockets;
using JexSim.Server.Api;
using JexSim.Server.Venue;
using Microsoft.Extensions.Options;

namespace JexSim.Server.Streams;

/// <summary>
/// The subscription registry: open connections, the streams each carries, and the subscribers of each stream. The
/// publishers (<see cref="MarketDataPublisher"/>, <see cref="UserDataPublisher"/>) look streams up here and queue their
/// payloads to the subscribers; the connections subscribe and unsubscribe here.
/// </summary>
public sealed class StreamHub(ExchangeVenue venue, ListenKeys listenKeys, IOptions<StreamOptions> options)
{
    /// <summary>Levels per side the diff-depth stream covers (see <see cref="MarketDataPublisher.DiffDepthLevels"/>).</summary>
    public const int DiffDepthLevels = MarketDataPublisher.DiffDepthLevels;

    private readonly ConcurrentDictionary<string, StreamSubscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<StreamConnection, byte> _connections = new();
    /// <summary>Accounts with a user data subscription, and its listenKey: the commit tap copies user events only for these.</summary>
    private readonly ConcurrentDictionary<long, string> _userAccounts = new();
    private readonly object _subscribeGate = new();

    public StreamOptions Options { get; } = options.Value;

    public int ConnectionCount => _connections.Count;

    /// <summary>Open connections (for housekeeping, tests and the benchmark).</summary>
    internal ICollection<StreamConnection> Connections => _connections.Keys;

    /// <summary>Raised after a connection has closed and left every stream.</summary>
    internal event Action<StreamConnection>? Disconnected;

    // ------------------------------------------------------------------ connections and subscriptions

    /// <summary>Resolves stream names, or throws the <see cref="JexException"/> the client gets.</summary>
    public IReadOnlyList<StreamKey> Resolve(IEnumerable<string> names) =>
        names.Select(n => StreamNames.Parse(n, venue, listenKeys)).DistinctBy(k => k.Name).ToList();

    public void Register(StreamConnection connection) => _connections[connection] = 0;

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
            if (total > Options.MaxStreamsPerConnection) throw new JexException(StreamErrors.TooManyStreams(Options.MaxStreamsPerConnection, total));
            foreach (var key in keys)
            {
                if (!connection.TryAddStream(key)) continue;
                var sub = _subscriptions.GetOrAdd(key.Name, _ => new StreamSubscription(key));
                sub.Add(connection);
                if (key.Kind != StreamKind.UserData) continue;
                if (listenKeys.Find(key.ListenKey!) is { } live) _userAccounts[live.AccountId] = live.Key;
                // The key ended between the handshake's check and this subscription (a DELETE right after the upgrade):
                // its close already ran without this connection, so close it here. (A close after the Add above finds it.)
                else connection.Close(WebSocketCloseStatus.NormalClosure, UserDataPublisher.ListenKeyClosedReason);
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
                try { canonical = StreamNames.Parse(name, venue, listenKeys).Name; }
                catch (JexException) { canonical = name; }
                if (connection.RemoveStream(canonical) && _subscriptions.TryGetValue(canonical, out var sub)) sub.Remove(connection);
            }
        }
    }

    // ------------------------------------------------------------------ what publishers read

    /// <summary>The stream of this canonical name when anyone is on it, else null.</summary>
    internal StreamSubscription? Subscribed(string name) =>
        _subscriptions.TryGetValue(name, out var sub) && sub.HasSubscribers ? sub : null;

    /// <summary>Every stream somebody is on.</summary>
    internal IEnumerable<StreamSubscription> Active => _subscriptions.Values.Where(s => s.HasSubscribers);

    /// <summary>True when the account has a user data subscription (read by the commit tap on the writer).</summary>
    internal bool HasUserStream(long accountId) => _userAccounts.ContainsKey(accountId);

    internal bool AnyUserStreams => !_userAccounts.IsEmpty;

    /// <summary>The account's user data stream when anyone is on it, else null.</summary>
    internal StreamSubscription? UserStream(long accountId) =>
        _userAccounts.TryGetValue(accountId, out var listenKey) ? Subscribed(listenKey) : null;

    /// <summary>Publishes raw bytes to a stream's subscribers (the benchmark drives the fan-out with it).</summary>
    internal void PublishRaw(string stream, byte[] payload, bool mustDeliver)
    {
        if (_subscriptions.TryGetValue(stream, out var sub)) sub.Publish(payload, mustDeliver);
    }

    // ------------------------------------------------------------------ closing

    /// <summary>A listenKey is gone (closed, expired, reset, account disabled): its account leaves the user streams and its sockets close.</summary>
    internal void CloseUserStream(string listenKey, WebSocketCloseStatus status, string reason)
    {
        foreach (var (account, key) in _userAccounts)
            if (key == listenKey) _userAccounts.TryRemove(new KeyValuePair<long, string>(account, key));
        if (_subscriptions.TryGetValue(listenKey, out var sub))
            foreach (var c in sub.Connections) c.Close(status, reason);
    }

    /// <summary>Closes connections opened <paramref name="lifetimeMs"/> or more before <paramref name="now"/> (venue time).</summary>
    internal void CloseOlderThan(long now, long lifetimeMs)
    {
        foreach (var c in _connections.Keys)
            if (now - c.OpenedAt >= lifetimeMs) c.Close(WebSocketCloseStatus.NormalClosure, "Connection lifetime reached");
    }

    /// <summary>Asks every open connection to close with this status; returns at once (see <see cref="StreamPublishing.CloseAllAsync"/>).</summary>
    public void CloseAll(WebSocketCloseStatus status, string reason)
    {
        foreach (var c in _connections.Keys) c.Close(status, reason);
    }
}
