using System.Collections.Concurrent;
using JexSim.Engine.Accounts;
using JexSim.Persistence;

namespace JexSim.Server.Venue;

/// <summary>
/// What authentication needs, on the read side: API keys by key and the accounts that are disabled. The writer fills it
/// after commits, so request threads never read the engine's state and only ever see committed changes.
/// </summary>
public sealed class ApiKeyRegistry
{
    private readonly ConcurrentDictionary<string, ApiKey> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, bool> _disabled = new();

    public bool TryGet(string apiKey, out ApiKey key) => _keys.TryGetValue(apiKey, out key!);

    public void Add(ApiKey key) => _keys[key.Key] = key;

    public bool IsDisabled(long accountId) => _disabled.ContainsKey(accountId);

    public void SetDisabled(long accountId, bool disabled)
    {
        if (disabled) _disabled[accountId] = true;
        else _disabled.TryRemove(accountId, out _);
    }

    /// <summary>Publishes recovered state: its keys and its disabled accounts.</summary>
    public void Load(IEnumerable<ApiKey> keys, IEnumerable<long> disabledAccounts)
    {
        foreach (var k in keys) Add(k);
        foreach (var id in disabledAccounts) SetDisabled(id, true);
    }

    public void Clear()
    {
        _keys.Clear();
        _disabled.Clear();
    }

    public IEnumerable<ApiKey> ForAccount(long accountId) => _keys.Values.Where(k => k.AccountId == accountId);
}

/// <summary>An API key with its secret, owner and permissions. Keys and secrets are case sensitive.</summary>
public sealed record ApiKey(string Key, string Secret, long AccountId, Permissions Permissions)
{
    public static ApiKey From(ApiKeyRecord r) => new(r.ApiKey, r.SecretKey, r.AccountId, (Permissions)r.Permissions);

    public ApiKeyRecord ToRecord() => new(Key, Secret, AccountId, (int)Permissions);
}
