using System.Security.Cryptography;
using JexSim.Persistence;

namespace JexSim.Server.Fixtures;

/// <summary>
/// Whether a database was seeded from the fixture the server is configured with. Seeding records the fixture's path and
/// the SHA-256 of its file in the database's meta table; a restart compares them, and lists what the database holds
/// that the configured fixture cannot carry (balances of assets it lacks, open orders and option writers of symbols it lacks).
/// </summary>
public static class StoredFixtureCheck
{
    public const string PathKey = "fixture", HashKey = "fixture_sha256";

    public static string Fingerprint(string fixturePath)
    {
        try { return Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(fixturePath))); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return "unreadable"; }
    }

    /// <summary>How the seeding fixture differs from the configured one; null when it is the same (or unrecorded).</summary>
    public static string? Difference(IReadOnlyDictionary<string, string> meta, string fixturePath)
    {
        meta.TryGetValue(PathKey, out var seededPath);
        if (meta.TryGetValue(HashKey, out var seededHash))
            return seededHash == Fingerprint(fixturePath) ? null
                : $"the database was seeded from {seededPath ?? "another fixture"} (sha256 {seededHash[..12]}…), not from {fixturePath} (sha256 {Fingerprint(fixturePath)[..12]}…)";
        return seededPath is not null && Path.GetFullPath(seededPath) != Path.GetFullPath(fixturePath)
            ? $"the database was seeded from {seededPath}, not from {fixturePath}" : null;
    }

    /// <summary>Stored funds and open orders the fixture's markets cannot hold: they would be stranded.</summary>
    public static List<string> Stranded(RecoveredState state, MarketTables tables)
    {
        var symbols = new HashSet<string>(tables.Symbols.Select(s => s.StoreKey), StringComparer.OrdinalIgnoreCase);
        var stranded = new List<string>();
        foreach (var b in state.Balances)
            if ((b.Free != 0 || b.Locked != 0) && !tables.AssetsByName.ContainsKey(b.Asset))
                stranded.Add($"balances row (account {b.AccountId}, {b.Asset}): asset {b.Asset} is not in the fixture");
        foreach (var o in state.OpenOrders)
            if (!symbols.Contains(o.Symbol))
                stranded.Add($"orders row {o.Id} (account {o.AccountId}): open order of symbol {o.Symbol}, which is not in the fixture");
        foreach (var w in state.OptionWriters)
            if (w.Released - w.Backed - w.Settled != 0 && !symbols.Contains(w.Symbol))
                stranded.Add($"option writer (account {w.AccountId}, {w.Symbol}): {w.Released - w.Backed - w.Settled} tokens' collateral locked in option {w.Symbol}, which is not in the fixture");
        return stranded;
    }
}
