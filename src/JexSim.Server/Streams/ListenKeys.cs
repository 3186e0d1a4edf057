using System.Collections.Concurrent;
using System.Security.Cryptography;
using JexSim.Engine.Accounts;
using Microsoft.Extensions.Options;

namespace JexSim.Server.Streams;

/// <summary>
/// The user data stream keys. A key is valid for <see cref="StreamOptions.ListenKeyMinutes"/> after POST or PUT,
/// measured on the venue clock; one account has at most one live key (POST again returns it and extends it, as
/// Binance does). Keys live in memory only: a restarted venue has none, so clients start a new stream.
/// </summary>
public sealed class ListenKeys(TimeProvider clock, IOptions<StreamOptions> options)
{
    private readonly ConcurrentDictionary<string, ListenKey> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, string> _byAccount = new();
    private readonly object _gate = new();

    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();
    private long Validity => options.Value.ListenKeyMinutes * 60_000L;

    /// <summary>Raised when a key closes (DELETE) or expires; its sockets are closed.</summary>
    public event Action<string>? Closed;

    /// <summary>Starts (or, when the account already has one, extends and returns) the account's user data stream.</summary>
    public ListenKey Start(long accountId, Permissions permissions)
    {
        lock (_gate)
        {
            if (_byAccount.TryGetValue(accountId, out var existing) && Find(existing) is { } live)
                return _keys[live.Key] = live with { ExpiresAt = Now + Validity, Permissions = permissions };
            var key = new ListenKey(RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 64),
                accountId, permissions, Now + Validity);
            _keys[key.Key] = key;
            _byAccount[accountId] = key.Key;
            return key;
        }
    }

    /// <summary>A live key, or null when it does not exist or has expired.</summary>
    public ListenKey? Find(string key) =>
        _keys.TryGetValue(key, out var k) && k.ExpiresAt > Now ? k : null;

    /// <summary>The account's live key, or null.</summary>
    public ListenKey? OfAccount(long accountId) =>
        _byAccount.TryGetValue(accountId, out var key) ? Find(key) : null;

    /// <summary>Extends a live key of the account. False when unknown, expired or someone else's.</summary>
    public bool KeepAlive(string key, long accountId)
    {
        lock (_gate)
        {
            if (Find(key) is not { } live || live.AccountId != accountId) return false;
            _keys[key] = live with { ExpiresAt = Now + Validity };
            return true;
        }
    }

    /// <summary>Closes a live key of the account (its sockets close). False when unknown, expired or someone else's.</summary>
    public bool Close(string key, long accountId)
    {
        lock (_gate)
        {
            if (Find(key) is not { } live || live.AccountId != accountId) return false;
            Remove(live);
        }
        Closed?.Invoke(key);
        return true;
    }

    /// <summary>Drops every key whose time has passed and closes its sockets. Called by the stream housekeeping.</summary>
    public void ExpireDue()
    {
        long now = Now;
        var expired = new List<string>();
        lock (_gate)
        {
            foreach (var k in _keys.Values)
                if (k.ExpiresAt <= now) { Remove(k); expired.Add(k.Key); }
        }
        foreach (var key in expired) Closed?.Invoke(key);
    }

    /// <summary>Closes every key (after the venue's state was replaced) and their sockets.</summary>
    public void CloseAll()
    {
        List<string> closed;
        lock (_gate)
        {
            closed = _keys.Keys.ToList();
            _keys.Clear();
            _byAccount.Clear();
        }
        foreach (var key in closed) Closed?.Invoke(key);
    }

    private void Remove(ListenKey key)
    {
        _keys.TryRemove(key.Key, out _);
        _byAccount.TryRemove(new KeyValuePair<long, string>(key.AccountId, key.Key));
    }
}
