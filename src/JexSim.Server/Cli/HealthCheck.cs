using JexSim.Server.Api;
using JexSim.Server.Simulation;
using JexSim.Server.Venue;

namespace JexSim.Server.Cli;

/// <summary>
/// The health check: <c>GET /health</c> on the server (outside /api, so it is never rate-limited, journaled or faulted),
/// and <c>JexSim.Server --healthcheck [url]</c>, which calls it and exits 0 when healthy, 1 otherwise. The container's
/// HEALTHCHECK uses the CLI, so the runtime image needs no curl; without a URL it derives the port the server listens on
/// from ASPNETCORE_URLS / ASPNETCORE_HTTP_PORTS, as the server itself does. The answer is 200 while the writer
/// (<see cref="Sequencer.Health"/>) is running, 503 with the writer's state and last error otherwise.
/// </summary>
public static class HealthCheck
{
    public const string Flag = "--healthcheck";
    public const string Path = "/health";

    public static bool Requested(string[] args) => args.Length > 0 && args[0] == Flag;

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, (ExchangeVenue venue, VenueClock clock) =>
        {
            // While the writer is not running (starting, degraded, unavailable, stopped) the answer is 503 with its
            // state and last error, so a supervisor (Docker's HEALTHCHECK) sees a venue that cannot take changes.
            var health = venue.Sequencer.Health;
            var writer = new { state = health.State, lastError = health.LastError, lastErrorAt = health.LastErrorAt?.ToUnixTimeMilliseconds(), queued = health.Queued };
            var body = new { status = health.IsHealthy ? "ok" : health.State, writer, time = clock.NowMs, clock = clock.Mode, fixture = venue.Fixture.Name };
            return TypedResults.Json(body, JexResults.Json, statusCode: health.IsHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).ExcludeFromDescription();
        return routes;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        string baseUrl = args.Length > 1 ? args[1] : LocalUrl(Environment.GetEnvironmentVariable("ASPNETCORE_URLS"), Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS"));
        string url = $"{baseUrl.TrimEnd('/')}{Path}";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(url);
            Console.WriteLine($"{url} -> {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.Error.WriteLine($"{url} failed: {e.Message}");
            return 1;
        }
    }

    /// <summary>Where to reach the server from inside its own host: the first listen URL, a wildcard host read as 127.0.0.1.</summary>
    public static string LocalUrl(string? urls, string? httpPorts)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase));
        if (first is not null)
        {
            var normalized = first.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1").Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://127.0.0.1");
            if (Uri.TryCreate(normalized, UriKind.Absolute, out var u)) return $"http://{(u.Host == "localhost" ? "127.0.0.1" : u.Host)}:{u.Port}";
        }
        var port = httpPorts?.Split(';', ',').Select(p => p.Trim()).FirstOrDefault(p => p.Length > 0);
        return $"http://127.0.0.1:{port ?? "8080"}";
    }
}
