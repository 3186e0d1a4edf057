using System.Collections.Concurrent;
using JexSim.Engine.Accounts;
using JexSim.Persistence;

namespace JexSim.Server.Venue;

/// <summary>API keys by key, for authenticating requests without touching the database. Filled after commits.</summary>
public sealed class ApiKeyRegistry
{
    private readonly ConcurrentDictionary<string, ApiKey> _keys = new(StringComparer.Ordinal);

    public bool TryGet(string apiKey, out ApiKey key) => _keys.TryGetValue(apiKey, out key!);

    public void Add(ApiKey key) => _keys[key.Key] = key;

    public void Clear() => _keys.Clear();

    public IEnumerable<ApiKey> ForAccount(long accountId) => _keys.Values.Where(k => k.AccountId == accountId);
}

/// <summary>An API key with its secret, owner and permissions. Keys and secrets are case sensitive.</summary>
public sealed record ApiKey(string Key, string Secret, long AccountId, Permissions Permissions)
{
    public static ApiKey From(ApiKeyRecord r) => new(r.ApiKey, r.SecretKey, r.AccountId, (Permissions)r.Permissions);

    public ApiKeyRecord ToRecord() => new(Key, Secret, AccountId, (int)Permissions);
}
