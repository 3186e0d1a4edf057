using JexSim.Engine.Accounts;

namespace JexSim.Server.Streams;

/// <summary>A live listenKey: whose it is, what its API key may do, and when it expires (venue time, Unix ms).</summary>
public sealed record ListenKey(string Key, long AccountId, Permissions Permissions, long ExpiresAt);
