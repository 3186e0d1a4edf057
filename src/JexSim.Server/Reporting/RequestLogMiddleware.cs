using System.Diagnostics;
using JexSim.Server.Api;

namespace JexSim.Server.Reporting;

/// <summary>
/// One line per request at Information, category "JexSim.Requests":
/// <c>POST /api/v1/spot/order key=vmPUZE6m… 400 -1013 1.2 ms</c>. The dashboard's own files log at Debug.
/// Levels follow the standard Logging:LogLevel settings (Logging__LogLevel__JexSim.Requests=Warning silences it).
/// </summary>
public sealed class RequestLogMiddleware(RequestDelegate next, ILoggerFactory loggers)
{
    /// <summary>HttpContext.Items key under which the request path leaves the JEX error code it answered with.</summary>
    public const string CodeItem = "JexSim.Code";

    public const string Category = "JexSim.Requests";

    private readonly ILogger _log = loggers.CreateLogger(Category);

    public async Task InvokeAsync(HttpContext http)
    {
        long started = Stopwatch.GetTimestamp();
        try
        {
            await next(http);
        }
        finally
        {
            var level = http.Request.Path.StartsWithSegments(Dashboard.DashboardEndpoints.AssetsPath) || http.Request.Path.StartsWithSegments(Dashboard.DashboardEndpoints.ReferencePath)
                ? LogLevel.Debug : LogLevel.Information;
            if (_log.IsEnabled(level))
            {
                string key = http.Request.Headers.TryGetValue(JexPipeline.ApiKeyHeader, out var k) && k.ToString() is { Length: > 0 } sent
                    ? (sent.Length > 8 ? sent[..8] + "…" : sent) : "-";
                string code = http.Items.TryGetValue(CodeItem, out var c) && c is int jex ? jex.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-";
                _log.Log(level, "{Method} {Path} key={Key} {Status} {Code} {DurationMs:0.0} ms",
                    http.Request.Method, http.Request.Path.Value, key, http.Response.StatusCode, code, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
    }
}
