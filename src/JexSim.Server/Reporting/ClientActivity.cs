using JexSim.Server.Api;
using JexSim.Server.Api.Catalogue;
using JexSim.Server.RateLimiting;
using JexSim.Server.Simulation;
using JexSim.Server.Venue;
using Microsoft.Extensions.Options;

namespace JexSim.Server.Reporting;

/// <summary>
/// What each client did since the last reset, per API key (and over all requests): the input of the client
/// conformance report at GET /admin/v1/report. Fed once per JEX request by <see cref="ObservedRequestJournal"/>;
/// emptied when a reset or a snapshot restore replaces the venue's state.
/// </summary>
public sealed class ClientActivity(VenueClock clock, IOptions<RateLimitOptions> limits) : ICommitObserver
{
    /// <summary>A signed request whose timestamp used this share of recvWindow (or of the 1000 ms allowed ahead) is near the edge.</summary>
    public const double NearEdgeFraction = 0.8;

    /// <summary>How many near-edge requests a report keeps per key (the most recent).</summary>
    public const int MaxNearEdge = 50;

    /// <summary>The tally of requests sent without an API key and of every request together, keyed apart from real keys.</summary>
    public const string AllRequests = "*";

    private readonly object _gate = new();
    private readonly Dictionary<string, ClientTally> _tallies = new(StringComparer.Ordinal);
    private long _since = clock.NowMs;

    public void Record(HttpContext http, JexEndpoint? endpoint, ApiKey? key, RequestParameters? parameters, JexError? error, string? fault)
    {
        long now = clock.NowMs;
        var values = parameters?.Values;
        string? sentKey = key?.Key ?? (http.Request.Headers.TryGetValue(JexPipeline.ApiKeyHeader, out var h) ? h.ToString() : null);
        var request = new ObservedRequest(
            now, endpoint?.Key ?? $"{http.Request.Method} {http.Request.Path}", http.Request.Path.Value ?? "",
            error?.Code, error?.Msg ?? (fault is null ? null : $"Injected fault: {fault}"),
            error?.Status ?? (fault is null ? StatusCodes.Status200OK : http.Response.StatusCode),
            endpoint?.Weight.For(values?.GetValueOrDefault("symbol") is { Length: > 0 }) ?? 0,
            endpoint is { PlacesOrder: true } && key is not null && PassedOrderChecks(error) && fault is null,
            endpoint is not null && endpoint.Security.IsSigned() && values is not null ? Drift(values, now) : null);
        lock (_gate)
        {
            Tally(AllRequests).Add(request);
            if (!string.IsNullOrEmpty(sentKey)) Tally(sentKey).Add(request);
        }
    }

    /// <summary>The report for one API key, or over every request when <paramref name="apiKey"/> is null or empty.</summary>
    public ClientReport Report(string? apiKey)
    {
        var l = limits.Value;
        lock (_gate)
        {
            string id = string.IsNullOrEmpty(apiKey) ? AllRequests : apiKey;
            var tally = _tallies.GetValueOrDefault(id) ?? new ClientTally();
            return tally.ToReport(string.IsNullOrEmpty(apiKey) ? null : apiKey, _since, clock.NowMs, l);
        }
    }

    /// <summary>Forgets everything: called when the venue's state is replaced (reset, snapshot restore).</summary>
    /// <summary>On the writer: a committed reset or restore clears the report.</summary>
    public void OnCommitted(in CommittedBatch batch)
    {
        if (batch.StateReplaced) Clear();
    }

    public void Clear()
    {
        lock (_gate)
        {
            _tallies.Clear();
            _since = clock.NowMs;
        }
    }

    private ClientTally Tally(string key)
    {
        if (!_tallies.TryGetValue(key, out var t)) _tallies[key] = t = new ClientTally();
        return t;
    }

    /// <summary>The venue's ORDERS limits count an order once validation, timestamp, signature and permission passed.</summary>
    private static bool PassedOrderChecks(JexError? error) =>
        error is null || error.Code is -2010 or -2011 or -2013 or -2019 or -9000 or -1015;

    private static TimestampDrift? Drift(IReadOnlyDictionary<string, string> values, long serverTime)
    {
        if (!long.TryParse(values.GetValueOrDefault("timestamp"), out long timestamp)) return null;
        long window = long.TryParse(values.GetValueOrDefault("recvWindow"), out long w) && w > 0 ? w : Params.DefaultRecvWindow;
        long drift = serverTime - timestamp; // > 0: the request is late; < 0: it claims to come from the future
        double used = drift >= 0 ? (double)drift / window : -drift / 1000.0;
        return new TimestampDrift(timestamp, serverTime, window, drift, Math.Round(used, 3));
    }
}
