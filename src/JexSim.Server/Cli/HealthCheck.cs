namespace JexSim.Server.Cli;

/// <summary>
/// `JexSim.Server --healthcheck [url]`: pings a running server and exits 0 when it answers, 1 otherwise.
/// The container's HEALTHCHECK uses it, so the runtime image needs no curl or wget.
/// </summary>
public static class HealthCheck
{
    public const string Flag = "--healthcheck";

    public static bool Requested(string[] args) => args.Length > 0 && args[0] == Flag;

    public static async Task<int> RunAsync(string[] args)
    {
        string baseUrl = args.Length > 1 ? args[1] : "http://127.0.0.1:8080";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync($"{baseUrl.TrimEnd('/')}/api/v1/ping");
            Console.WriteLine($"{baseUrl}/api/v1/ping -> {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.Error.WriteLine($"{baseUrl}/api/v1/ping failed: {e.Message}");
            return 1;
        }
    }
}
