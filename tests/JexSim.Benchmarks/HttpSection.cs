using System.Diagnostics;
using System.Text.Json;
using JexSim.Server.Tests.Durability;

namespace JexSim.Benchmarks;

/// <summary>HTTP on 127.0.0.1: signed orders vs ping per durability level, market data vs ping, depth vs WireMock.</summary>
public static class HttpSection
{
    public static async Task Run(Options options, Report report, string repo)
    {
        var warm = TimeSpan.FromSeconds(options.Smoke ? 0.2 : options.Quick ? 0.5 : 1);
        var dur = TimeSpan.FromSeconds(options.Smoke ? 0.5 : options.Quick ? 2 : 4);
        string fixture = StartupSection.Fixture(repo);
        var accounts = Accounts(fixture);
        var rows = new List<HttpStats>();
        var ratios = new List<string[]>();
        string? depthJson = null;
        string dir = Path.Combine(Path.GetTempPath(), $"jexsim-bench-http-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        try
        {
            foreach (var durability in new[] { "Full", "Normal", "None" })
            {
                await using var server = await ServerProcess.StartAsync(Path.Combine(dir, $"{durability}.db"), fixture, durability, TimeSpan.FromSeconds(30));
                await WarmUp(server.BaseAddress, accounts);
                foreach (int c in options.Smoke ? new[] { 8 } : new[] { 8, 64 })
                {
                    var ping = await HttpLoad.Run($"ping ({durability})", server.BaseAddress, c, warm, dur, HttpLoad.Get("/api/v1/ping"));
                    var order = await HttpLoad.Run($"signed order ({durability})", server.BaseAddress, c, warm, dur, HttpLoad.SignedOrders(accounts));
                    rows.Add(ping); rows.Add(order);
                    ratios.Add([$"signed order, durability {durability.ToLowerInvariant()}", c.ToString(), Report.F(order.Rps / ping.Rps, "N2"), Report.F(order.P99Ms, "N2"),
                        durability == "Full" ? (c == 64 ? (order.Rps / ping.Rps >= 0.5 && order.P99Ms <= 5 ? "met" : "missed") : "") : "",
                        "≥ 0.5x ping, p99 ≤ 5 ms at 64"]);
                    if (durability == "Full")
                    {
                        foreach (var (name, path) in new[] { ("depth", "/api/v1/spot/depth?symbol=BTCUSDT&limit=60"), ("ticker 24hr", "/api/v1/spot/ticker/24hr?symbol=BTCUSDT"), ("bookTicker", "/api/v1/spot/ticker/bookTicker?symbol=BTCUSDT") })
                        {
                            var md = await HttpLoad.Run(name, server.BaseAddress, c, warm, dur, HttpLoad.Get(path));
                            rows.Add(md);
                            ratios.Add([name, c.ToString(), Report.F(md.Rps / ping.Rps, "N2"), Report.F(md.P99Ms, "N2"), md.Rps / ping.Rps >= 0.85 ? "met" : "missed", "≥ 0.85x ping"]);
                        }
                    }
                }
                if (durability == "Full")
                {
                    using var http = new HttpClient { BaseAddress = server.BaseAddress };
                    depthJson = await http.GetStringAsync("/api/v1/spot/depth?symbol=BTCUSDT&limit=60");
                }
            }

            if (depthJson is not null && options.NodeModules is not null)
            {
                await using var jex = await ServerProcess.StartAsync(Path.Combine(dir, "wm.db"), fixture, "Full", TimeSpan.FromSeconds(30));
                await using var wiremock = await WireMockProcess.StartAsync(options.NodeModules, depthJson, dir);
                await WarmUp(jex.BaseAddress, accounts);
                await HttpLoad.Run("warm-up", wiremock.BaseAddress, 8, TimeSpan.FromSeconds(3), TimeSpan.Zero, HttpLoad.Get("/api/v1/spot/depth?symbol=BTCUSDT&limit=60"));
                foreach (int c in new[] { 8, 64 })
                {
                    var wm = await HttpLoad.Run("WireMock static depth stub", wiremock.BaseAddress, c, warm, dur, HttpLoad.Get("/api/v1/spot/depth?symbol=BTCUSDT&limit=60"));
                    var js = await HttpLoad.Run("JexSim depth", jex.BaseAddress, c, warm, dur, HttpLoad.Get("/api/v1/spot/depth?symbol=BTCUSDT&limit=60"));
                    rows.Add(wm); rows.Add(js);
                    ratios.Add(["JexSim depth ÷ WireMock stub", c.ToString(), Report.F(js.Rps / wm.Rps, "N2"), Report.F(js.P99Ms, "N2"), js.Rps / wm.Rps >= 10 ? "met" : "missed", "≥ 10x"]);
                }
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }

        report.Line($"## HTTP (127.0.0.1, closed loop, {dur.TotalSeconds:N0} s per run after {warm.TotalSeconds:N1} s warm-up; load generator and server share the 2 cores)");
        report.Line();
        report.Table(["Run", "connections", "req/s", "p50 ms", "p99 ms", "errors"],
            rows.Select(r => new[] { r.Name, r.Connections.ToString(), Report.F(r.Rps), Report.F(r.P50Ms, "N2"), Report.F(r.P99Ms, "N2"), r.Errors.ToString() }));
        report.Table(["Ratio", "connections", "ratio", "p99 ms", "verdict", "target"], ratios);
    }

    /// <summary>Gets every measured path through the JIT's tiers before anything is timed.</summary>
    private static async Task WarmUp(Uri server, List<(string, string)> accounts)
    {
        var quick = TimeSpan.FromSeconds(1);
        await HttpLoad.Run("warm-up", server, 8, quick, TimeSpan.Zero, HttpLoad.Get("/api/v1/ping"));
        await HttpLoad.Run("warm-up", server, 8, quick, TimeSpan.Zero, HttpLoad.SignedOrders(accounts));
        await HttpLoad.Run("warm-up", server, 8, quick, TimeSpan.Zero, HttpLoad.Get("/api/v1/spot/depth?symbol=BTCUSDT&limit=60"));
        await HttpLoad.Run("warm-up", server, 8, quick, TimeSpan.Zero, HttpLoad.Get("/api/v1/spot/ticker/24hr?symbol=BTCUSDT"));
    }

    private static List<(string, string)> Accounts(string fixture)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(fixture));
        return doc.RootElement.GetProperty("accounts").EnumerateArray().Take(2)
            .Select(a => (a.GetProperty("apiKey").GetString()!, a.GetProperty("secretKey").GetString()!)).ToList();
    }
}

/// <summary>WireMock standalone (from the npm package's jar) serving one static stub.</summary>
public sealed class WireMockProcess : IAsyncDisposable
{
    private readonly Process _process;
    public Uri BaseAddress { get; }

    private WireMockProcess(Process p, Uri baseAddress) { _process = p; BaseAddress = baseAddress; }

    public static async Task<WireMockProcess> StartAsync(string nodeModules, string body, string dir)
    {
        string jar = Directory.GetFiles(Path.Combine(nodeModules, "wiremock"), "wiremock-standalone*.jar", SearchOption.AllDirectories).First();
        string root = Path.Combine(dir, "wiremock");
        Directory.CreateDirectory(Path.Combine(root, "mappings"));
        var mapping = new
        {
            request = new { method = "GET", urlPath = "/api/v1/spot/depth" },
            response = new { status = 200, body, headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" } },
        };
        File.WriteAllText(Path.Combine(root, "mappings", "depth.json"), JsonSerializer.Serialize(mapping));
        int port = ServerProcess.FreePort();
        var psi = new ProcessStartInfo("java") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-jar", jar, "--port", port.ToString(), "--bind-address", "127.0.0.1", "--root-dir", root, "--disable-banner", "--no-request-journal", "--async-response-enabled", "false" })
            psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine(); p.BeginErrorReadLine();
        var wm = new WireMockProcess(p, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = wm.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(60))
        {
            try { if ((await http.GetAsync("/api/v1/spot/depth")).IsSuccessStatusCode) return wm; }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (p.HasExited) break;
            await Task.Delay(100);
        }
        await wm.DisposeAsync();
        throw new TimeoutException("WireMock did not start");
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited) { _process.Kill(); _process.WaitForExit(10_000); }
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
