using System.Text.Json;
using System.Text.Json.Serialization;
using JexSim.Server.Api;
using Microsoft.AspNetCore.Http.Features;

namespace JexSim.Server.Simulation;

/// <summary>How a fault's latency is drawn: fixed, uniform in [minMs, maxMs], or lognormal around medianMs.</summary>
public sealed record LatencySpec(string Distribution, double Ms, double MinMs, double MaxMs, double MedianMs, double Sigma);

/// <summary>
/// One fault rule of POST /admin/v1/faults. <see cref="Route"/> matches request paths (REST and WebSocket) with *
/// wildcards; "*" is global. Every other field is optional:
/// latency (always added when the rule fires), an error answer (status/code/msg), a connection fault
/// ("reset": aborted before the request runs; "drop": the request runs, then the connection is aborted unanswered),
/// <see cref="Executed"/> (the request runs, then the client gets the error: "executed, status unknown"), and the
/// stream faults "disconnect" and "depthGap" that the WebSocket code consults through <see cref="IFaultPolicy"/>.
/// <see cref="ErrorRate"/> is the chance (0..1) that the rule fires on a matching request; <see cref="Times"/> caps how often.
/// </summary>
public sealed record FaultRule
{
    public long Id { get; init; }
    public required string Route { get; init; }
    public string? Method { get; init; }
    public LatencySpec? Latency { get; init; }
    public double ErrorRate { get; init; } = 1;
    public int? Status { get; init; }
    public int? Code { get; init; }
    public string? Msg { get; init; }
    public bool Executed { get; init; }
    public string? Connection { get; init; }
    public string? Stream { get; init; }
    public int? Times { get; init; }
    public int Fired { get; init; }

    [JsonIgnore] public bool AnswersWithError => Status is not null || Code is not null;

    /// <summary>
    /// The error the client gets. A code alone answers with that code's real HTTP status and message
    /// (<see cref="JexErrors.Canonical"/>); a status alone with the code JEX pairs with it; msg and status override.
    /// </summary>
    public JexError Error()
    {
        var canonical = Code is { } c ? JexErrors.Canonical(c) : null;
        int status = Status ?? canonical?.Status ?? 503;
        int code = Code ?? status switch { 429 or 418 => -1003, >= 500 => -1001, _ => -1000 };
        string msg = Msg ?? (code, status) switch
        {
            (-1003, 418) => "Way too many requests; IP banned.",
            _ => (canonical ?? JexErrors.Canonical(code))?.Msg ?? "Injected fault.",
        };
        return new JexError(code, msg, status);
    }

    public string Describe() =>
        string.Join(", ", new[]
        {
            Latency is null ? null : $"latency {Latency.Distribution}",
            AnswersWithError ? $"HTTP {Error().Status} code {Error().Code}{(Executed ? " after the request was executed" : "")}" : null,
            Connection is null ? null : $"connection {Connection}",
            Stream is null ? null : $"stream {Stream}",
        }.Where(x => x is not null)) + $" (rule {Id}, route {Route})";
}

/// <summary>
/// What the WebSocket code asks before it sends: whether to drop a connection, or to leave a diff-depth update out
/// so the client sees a gap between one event's u and the next one's U and must resync from REST depth.
/// Rules come from POST /admin/v1/faults with "stream":"disconnect" or "stream":"depthGap" and a route matching the
/// stream's path (e.g. "/ws/*"), fired with their errorRate from the seeded dice.
/// </summary>
public interface IFaultPolicy
{
    /// <summary>Call once per message about to be sent on a stream connection; true = close the connection abruptly instead.</summary>
    bool ShouldDisconnectStream(string streamPath);

    /// <summary>Call once per diff-depth event about to be published; true = skip it (the versions then have a gap).</summary>
    bool ShouldSkipDepthUpdate(string streamPath, string symbol);
}

/// <summary>The active fault rules and the seeded dice that decide when they fire. Thread-safe.</summary>
public sealed class FaultInjector : IFaultPolicy
{
    private readonly object _gate = new();
    private readonly List<FaultRule> _rules = new();
    private SeededRandom _random;
    private long _seed;
    private long _nextId = 1;
    // Stream rules are asked about on every message sent: with none active, the answer is one volatile read, no lock.
    private volatile bool _disconnectRules;
    private volatile bool _depthGapRules;

    public FaultInjector(long seed)
    {
        _seed = seed;
        _random = new SeededRandom(seed);
    }

    public IReadOnlyList<FaultRule> Rules { get { lock (_gate) return _rules.ToList(); } }

    public FaultRule Add(FaultRule rule)
    {
        lock (_gate)
        {
            rule = rule with { Id = _nextId++ };
            _rules.Add(rule);
            RefreshStreamFlags();
            return rule;
        }
    }

    /// <summary>Removes one rule; false when there is none with that id.</summary>
    public bool Remove(long id)
    {
        lock (_gate)
        {
            if (_rules.RemoveAll(r => r.Id == id) == 0) return false;
            RefreshStreamFlags();
            return true;
        }
    }

    /// <summary>Removes every rule and re-seeds the dice (so a test script sees the same faults each run).</summary>
    public void Clear(long? seed = null)
    {
        lock (_gate)
        {
            _rules.Clear();
            RefreshStreamFlags();
            if (seed is not null) _seed = seed.Value;
            _random = new SeededRandom(_seed);
        }
    }

    /// <summary>The first HTTP rule matching the request that fires this time (rules tried in the order added).</summary>
    public (FaultRule Rule, TimeSpan Delay)? Decide(string method, string path) =>
        Fire(r => r.Stream is null && (r.Method is null || string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase)) && RoutePattern.Matches(r.Route, path));

    public bool ShouldDisconnectStream(string streamPath) =>
        _disconnectRules && Fire(r => r.Stream == "disconnect" && RoutePattern.Matches(r.Route, streamPath)) is not null;

    public bool ShouldSkipDepthUpdate(string streamPath, string symbol) =>
        _depthGapRules && Fire(r => r.Stream == "depthGap" && RoutePattern.Matches(r.Route, streamPath)) is not null;

    private (FaultRule Rule, TimeSpan Delay)? Fire(Func<FaultRule, bool> matches)
    {
        lock (_gate)
        {
            for (int i = 0; i < _rules.Count; i++)
            {
                var rule = _rules[i];
                if (!matches(rule)) continue;
                if (rule.ErrorRate < 1 && _random.NextDouble() >= rule.ErrorRate) continue;
                var delay = rule.Latency is null ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Sample(rule.Latency));
                rule = rule with { Fired = rule.Fired + 1 };
                if (rule.Times is { } times && rule.Fired >= times)
                {
                    _rules.RemoveAt(i);
                    RefreshStreamFlags();
                }
                else _rules[i] = rule;
                return (rule, delay);
            }
            return null;
        }
    }

    /// <summary>Called under the lock after every change to the rule list.</summary>
    private void RefreshStreamFlags()
    {
        _disconnectRules = _rules.Exists(r => r.Stream == "disconnect");
        _depthGapRules = _rules.Exists(r => r.Stream == "depthGap");
    }

    private double Sample(LatencySpec l) => l.Distribution switch
    {
        "uniform" => _random.NextDouble(l.MinMs, l.MaxMs),
        "lognormal" => Math.Min(60_000, l.MedianMs * Math.Exp(l.Sigma * _random.NextGaussian())),
        _ => l.Ms,
    };
}

/// <summary>
/// Applies fault rules to JEX requests (never to /admin or the health check). Latency is real time (it models the network, not the venue).
/// </summary>
public sealed class FaultInjectionMiddleware(RequestDelegate next, FaultInjector faults, IRequestJournal journal)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        if (path.StartsWith("/admin/", StringComparison.OrdinalIgnoreCase) || path.Equals(Cli.HealthCheck.Path, StringComparison.OrdinalIgnoreCase) || faults.Decide(http.Request.Method, path) is not { } decision)
        {
            await next(http);
            return;
        }
        var (rule, delay) = decision;
        if (delay > TimeSpan.Zero) await Task.Delay(delay, TimeProvider.System, http.RequestAborted);

        if (rule.Connection == "reset")
        {
            journal.Record(http, null, null, null, null, rule.Describe());
            http.Abort();
            return;
        }
        bool executeFirst = rule.Executed || rule.Connection == "drop";
        if (!executeFirst && rule.AnswersWithError)
        {
            var error = rule.Error();
            if (error.Status is 429 or 418) http.Response.Headers.RetryAfter = error.Status == 418 ? "120" : "1";
            await JexResults.Error(error).ExecuteAsync(http);
            journal.Record(http, null, null, null, error, rule.Describe()); // the journal and the report show the code sent
            return;
        }
        if (!executeFirst)
        {
            await next(http); // latency only
            return;
        }

        // Run the request for real, throw its answer away, then answer with the fault.
        var original = http.Features.Get<IHttpResponseBodyFeature>()!;
        using var discarded = new MemoryStream();
        http.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(discarded));
        try { await next(http); }
        finally { http.Features.Set(original); }
        if (rule.Connection == "drop")
        {
            http.Abort();
            return;
        }
        http.Response.Clear();
        await JexResults.Error(rule.Error()).ExecuteAsync(http);
    }
}

/// <summary>Parses the JSON body of POST /admin/v1/faults, naming the field at fault.</summary>
public static class FaultRuleParser
{
    /// <summary>The fields of a rule; anything else is refused (a misspelt "latencyMS" must not become a silent no-op).</summary>
    public static readonly string[] Fields = ["route", "method", "latencyMs", "latency", "errorRate", "status", "code", "msg", "executed", "connection", "stream", "times"];

    private static readonly string[] LatencyFields = ["distribution", "ms", "minMs", "maxMs", "medianMs", "sigma"];

    public static FaultRule Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object) throw new AdminInputException("body", "must be a JSON object.");
        Admin.AdminEndpoints.RefuseUnknownFields(body, Fields);
        string route = Str(body, "route") ?? throw new AdminInputException("route", "is required (a path with * wildcards, or \"*\" for every route).");
        if (!route.StartsWith('/') && route != "*" && !route.StartsWith('*')) throw new AdminInputException("route", "must start with / or *.");
        LatencySpec? latency = null;
        if (body.TryGetProperty("latencyMs", out var lat))
        {
            if (lat.ValueKind != JsonValueKind.Number || !lat.TryGetDouble(out double ms) || ms < 0 || ms > 60_000)
                throw new AdminInputException("latencyMs", "must be a number of milliseconds between 0 and 60000.");
            latency = new LatencySpec("fixed", ms, 0, 0, 0, 0);
        }
        if (body.TryGetProperty("latency", out var l))
        {
            if (l.ValueKind != JsonValueKind.Object) throw new AdminInputException("latency", "must be an object such as {\"distribution\":\"uniform\",\"minMs\":10,\"maxMs\":200}.");
            Admin.AdminEndpoints.RefuseUnknownFields(l, LatencyFields, "latency.");
            string dist = Str(l, "distribution", "latency.distribution") ?? "fixed";
            double Num(string name, double max = 60_000)
            {
                if (!l.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out double d) || d < 0 || d > max)
                    throw new AdminInputException($"latency.{name}", $"is required for {dist} latency: a number between 0 and {max}.");
                return d;
            }
            latency = dist switch
            {
                "fixed" => new LatencySpec("fixed", Num("ms"), 0, 0, 0, 0),
                "uniform" => new LatencySpec("uniform", 0, Num("minMs"), Num("maxMs"), 0, 0),
                "lognormal" => new LatencySpec("lognormal", 0, 0, 0, Num("medianMs"), Num("sigma", 5)),
                _ => throw new AdminInputException("latency.distribution", "must be fixed, uniform or lognormal."),
            };
            if (latency.Distribution == "uniform" && latency.MaxMs < latency.MinMs) throw new AdminInputException("latency.maxMs", "must be at least minMs.");
        }
        double rate = 1;
        if (body.TryGetProperty("errorRate", out var r))
        {
            if (r.ValueKind != JsonValueKind.Number || !r.TryGetDouble(out rate) || rate < 0 || rate > 1)
                throw new AdminInputException("errorRate", "must be a number between 0 and 1.");
        }
        int? status = Int(body, "status");
        if (status is not null and not (>= 400 and <= 599)) throw new AdminInputException("status", "must be an HTTP error status (400-599).");
        int? code = Int(body, "code");
        if (code is not null and >= 0) throw new AdminInputException("code", "must be a negative JEX error code such as -1001 or -1007.");
        string? connection = Str(body, "connection");
        if (connection is not null and not ("reset" or "drop")) throw new AdminInputException("connection", "must be reset or drop.");
        string? stream = Str(body, "stream");
        if (stream is not null and not ("disconnect" or "depthGap")) throw new AdminInputException("stream", "must be disconnect or depthGap.");
        bool executed = body.TryGetProperty("executed", out var ex) && (ex.ValueKind == JsonValueKind.True ? true
            : ex.ValueKind == JsonValueKind.False ? false : throw new AdminInputException("executed", "must be true or false."));
        if (executed && status is null && code is null) code = -1007;
        int? times = Int(body, "times");
        if (times is <= 0) throw new AdminInputException("times", "must be at least 1.");
        string? method = Str(body, "method")?.ToUpperInvariant();
        if (latency is null && status is null && code is null && connection is null && stream is null)
            throw new AdminInputException("route", "a rule needs at least one of latencyMs, latency, status, code, executed, connection or stream.");
        return new FaultRule
        {
            Route = route, Method = method, Latency = latency, ErrorRate = rate, Status = status, Code = code, Msg = Str(body, "msg"),
            Executed = executed, Connection = connection, Stream = stream, Times = times,
        };
    }

    private static string? Str(JsonElement o, string name, string? field = null)
    {
        if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw new AdminInputException(field ?? name, "must be a string.");
    }

    private static int? Int(JsonElement o, string name)
    {
        if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i) ? i : throw new AdminInputException(name, "must be an integer.");
    }
}

/// <summary>Bad admin input: answered with 400 and the field's name.</summary>
public sealed class AdminInputException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;

    /// <summary>400, or 413 for a body over the size limit.</summary>
    public int Status { get; init; } = StatusCodes.Status400BadRequest;
}
