using JexSim.Server.Api;
using JexSim.Server.Api.Catalogue;
using JexSim.Server.Venue;
using Microsoft.Extensions.Options;

namespace JexSim.Server.Simulation;

/// <summary>
/// Where the JEX request path reports each request's outcome (called once per request by <see cref="JexPipeline"/>,
/// and by fault injection for requests it answers itself).
/// </summary>
public interface IRequestJournal
{
    void Record(HttpContext http, JexEndpoint? endpoint, ApiKey? key, RequestParameters? parameters, JexError? error, string? fault = null);
}

/// <summary>One journaled request. <see cref="Reason"/> explains a rejection precisely (what was signed, which window).</summary>
public sealed record JournalEntry(
    long Id, long Time, string Method, string Path, string? Endpoint, string Query, string Body,
    IReadOnlyDictionary<string, string> Parameters, string? ApiKey, long? AccountId,
    string Verdict, int Status, int? Code, string? Msg, string? Reason, string? SignedPayload, string? Fault);

/// <summary>
/// The last N requests (JexSim:JournalSize) in memory, newest first on query, filterable by API key, path (with *
/// wildcards) and verdict, the way WireMock's request journal works. Secrets are never recorded.
/// </summary>
public sealed class RequestJournal(IOptions<SimulationOptions> options, IOptions<Configuration.JexSimOptions> venueOptions, VenueClock clock) : IRequestJournal
{
    private readonly object _gate = new();
    /// <summary>Most entries kept, whatever JexSim:JournalSize says, and most characters kept of a query or body.</summary>
    public const int MaxCapacity = 100_000, MaxTextChars = 4096;

    private readonly int _capacity = Math.Clamp(options.Value.JournalSize, 1, MaxCapacity);
    private readonly bool _showExpectedSignature = !string.IsNullOrEmpty(venueOptions.Value.AdminToken);
    private readonly Queue<JournalEntry> _entries = new();
    private long _nextId = 1;

    public int Capacity => _capacity;

    public void Record(HttpContext http, JexEndpoint? endpoint, ApiKey? key, RequestParameters? parameters, JexError? error, string? fault = null)
    {
        long now = clock.NowMs;
        var values = parameters?.Values ?? System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;
        string? sentKey = key?.Key ?? (http.Request.Headers.TryGetValue(JexPipeline.ApiKeyHeader, out var h) ? h.ToString() : null);
        string? reason = null, signed = null;
        if (error?.Code == JexErrors.BadSignature.Code && parameters is not null)
        {
            signed = parameters.SignedPayload;
            // The expected signature is a valid signature for that payload: shown only behind the admin token.
            string expected = key is null ? "?" : _showExpectedSignature ? Signature.Compute(key.Secret, signed)
                : "a different signature (shown here only when JexSim:AdminToken is set)";
            reason = $"The server computed HMAC-SHA256 over the string in signedPayload (the query string followed by the request body, " +
                     $"without the signature parameter), signed with the secret key of API key {key?.Key}; that gives {expected}, " +
                     $"but the request sent signature={values.GetValueOrDefault("signature") ?? "(none)"}.";
        }
        else if (error?.Code == -1021)
        {
            long window = long.TryParse(values.GetValueOrDefault("recvWindow"), out var w) ? w : Params.DefaultRecvWindow;
            long.TryParse(values.GetValueOrDefault("timestamp"), out long ts);
            reason = ts >= now + 1000
                ? $"timestamp {ts} is {ts - now} ms ahead of the server time {now}; the server accepts at most 1000 ms ahead."
                : $"server time {now} minus timestamp {ts} is {now - ts} ms, more than recvWindow {window} ms (accepted: timestamp in [{now - window}, {now + 999}]).";
        }
        else if (fault is not null) reason = $"Injected fault: {fault}";

        var entry = new JournalEntry(0, now, http.Request.Method, http.Request.Path.Value ?? "", endpoint?.Key,
            Cap(parameters?.RawQuery ?? (http.Request.QueryString.HasValue ? http.Request.QueryString.Value![1..] : "")),
            Cap(parameters?.RawBody ?? ""), values, sentKey, key?.AccountId,
            error is null && fault is null ? "accepted" : "rejected",
            error?.Status ?? (fault is not null ? http.Response.StatusCode : StatusCodes.Status200OK), error?.Code, error?.Msg, reason, signed, fault);
        lock (_gate)
        {
            entry = entry with { Id = _nextId++ };
            _entries.Enqueue(entry);
            while (_entries.Count > _capacity) _entries.Dequeue();
        }
    }

    private static string Cap(string text) => text.Length <= MaxTextChars ? text : text[..MaxTextChars] + $"…({text.Length - MaxTextChars} more characters)";

    /// <summary>Entries matching every given filter, newest first, at most <paramref name="limit"/>; and how many matched in all.</summary>
    public (int Count, IReadOnlyList<JournalEntry> Entries) Query(string? apiKey, string? path, string? verdict, int limit)
    {
        JournalEntry[] all;
        lock (_gate) all = _entries.ToArray();
        var matching = all.Reverse().Where(e =>
            (string.IsNullOrEmpty(apiKey) || e.ApiKey == apiKey) &&
            (string.IsNullOrEmpty(path) || RoutePattern.Matches(path, e.Path)) &&
            (string.IsNullOrEmpty(verdict) || string.Equals(e.Verdict, verdict, StringComparison.OrdinalIgnoreCase))).ToList();
        return (matching.Count, matching.Take(limit).ToList());
    }

    public void Clear()
    {
        lock (_gate) _entries.Clear();
    }
}

/// <summary>Route patterns of the admin API: literal paths with * matching any run of characters ("*" alone matches everything).</summary>
public static class RoutePattern
{
    public static bool Matches(string pattern, string path)
    {
        if (pattern == "*") return true;
        var regex = "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*") + "$";
        return System.Text.RegularExpressions.Regex.IsMatch(path, regex, System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    }
}
