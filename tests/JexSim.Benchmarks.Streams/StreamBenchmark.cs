using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using JexSim.Server.Streams;
using JexSim.Server.Configuration;
using JexSim.Server.RateLimiting;
using JexSim.Server.Simulation;
using JexSim.Server.Venue;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Stream fan-out benchmark: N WebSocket subscribers of one diff-depth stream on a real Kestrel server on 127.0.0.1.
// The publisher serializes each depth update once (StreamPayloads.DepthUpdate) and hands the same bytes to the hub,
// which queues them to every subscriber: the path a real push takes, minus the cadence timer.
//
//   dotnet run -c Release --project tests/JexSim.Benchmarks.Streams -- [seconds per run, default 5] [subscriber counts, default 10,100,1000]

internal static class StreamBenchmark
{
    public static async Task Main(string[] args)
    {
        int seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        int[] counts = args.Length > 1 ? args[1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() : [10, 100, 1000];

        Console.WriteLine($"JexSim stream benchmark: {Environment.ProcessorCount} cores, {seconds}s per run, .NET {Environment.Version}");
        Console.WriteLine($"{"subscribers",11} {"published/s",12} {"deliveries/s",13} {"dropped",8} {"p50 ms",7} {"p99 ms",7} {"max ms",7} | {"idle p50",8} {"idle p99",8}");
        foreach (int n in counts)
        {
            var r = await Bench.RunAsync(n, TimeSpan.FromSeconds(seconds));
            Console.WriteLine($"{n,11} {r.PublishedPerSecond,12:N0} {r.DeliveriesPerSecond,13:N0} {r.Dropped,8} {r.P50,7:F2} {r.P99,7:F2} {r.Max,7:F2} | {r.IdleP50,8:F2} {r.IdleP99,8:F2}");
        }
    }
}

internal sealed record Result(double PublishedPerSecond, double DeliveriesPerSecond, long Dropped, double P50, double P99, double Max, double IdleP50, double IdleP99);

/// <summary>
/// The venue and its stream endpoints on Kestrel (127.0.0.1, a free port), wired as Program.cs wires them, minus the
/// REST surface the benchmark does not use.
/// </summary>
internal sealed class Venue : IAsyncDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "jexsim-bench", Guid.NewGuid().ToString("N"));
    private readonly WebApplication _app;

    private Venue(WebApplication app) => _app = app;

    public IServiceProvider Services => _app.Services;

    public string Address => _app.Urls.First();

    public static async Task<Venue> StartAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "jexsim-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Path.Combine(RepositoryRoot(), "src", "JexSim.Server") });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["JexSim:Database"] = Path.Combine(dir, "bench.db"),
            ["JexSim:Fixture"] = Path.Combine(RepositoryRoot(), "fixtures", "default.json"),
            ["JexSim:Durability"] = "None",
            ["JexSim:Streams:SendQueueCapacity"] = "4096",
        });
        builder.Services.AddOptions<JexSimOptions>().BindConfiguration(JexSimOptions.Section);
        builder.Services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<VenueClock>());
        builder.Services.AddSingleton<ExchangeVenue>();
        builder.Services.AddSingleton(sp => new MarketStatistics(sp.GetRequiredService<ExchangeVenue>().StoreReader));
        builder.Services.AddSingleton<IFaultPolicy>(new FaultInjector(0)); // no rules: streams ask it, it never fires
        builder.Services.AddJexStreams();
        builder.Services.AddHostedService<VenueStartup>();
        builder.Services.AddJexRateLimits(); // simulation control clears rate limits on reset
        builder.Services.AddSimulation(); // the clock, faults and simulation control the stream hub depends on, as Program.cs wires them
        var app = builder.Build();
        app.UseWebSockets();
        app.MapJexStreams();
        await app.StartAsync();
        var venue = new Venue(app);
        venue._dirToDelete = dir;
        return venue;
    }

    private string? _dirToDelete;

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "fixtures", "default.json"))) return dir.FullName;
        throw new FileNotFoundException("fixtures/default.json above " + AppContext.BaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try { if (_dirToDelete is not null) Directory.Delete(_dirToDelete, true); } catch (IOException) { }
    }
}

internal static class Bench
{
    private const string Stream = "btcusdt@spotDepth";
    private const int Window = 512; // publishes ahead of the average subscriber; below the queue capacity, so nothing is dropped

    public static async Task<Result> RunAsync(int subscribers, TimeSpan duration)
    {
        await using var venue = await Venue.StartAsync();
        var hub = venue.Services.GetRequiredService<StreamHub>();
        var address = venue.Address;
        var uri = new Uri(address.Replace("http://", "ws://").Replace("localhost", "127.0.0.1") + "/ws/" + Stream);
        var symbol = venue.Services.GetRequiredService<JexSim.Server.Venue.ExchangeVenue>().FindSymbol("BTCUSDT", JexSim.Engine.MarketType.Spot)!;

        var publishedAt = new long[64 * 1024 * 1024 / 8];
        var clients = new Client[subscribers];
        for (int i = 0; i < subscribers; i++)
        {
            var ws = new ClientWebSocket();
            await ws.ConnectAsync(uri, CancellationToken.None);
            clients[i] = new Client(ws, publishedAt, sampleEvery: Math.Max(1, subscribers / 10));
        }
        while (hub.ConnectionCount < subscribers) await Task.Delay(10);
        var readers = clients.Select(c => c.RunAsync()).ToArray();

        // Loaded run: publish as fast as the subscribers take it.
        long version = 0;
        long Total() { long t = 0; foreach (var c in clients) t += Volatile.Read(ref c.Received); return t; }
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            for (int k = 0; k < 64; k++) Publish(hub, symbol, ++version, publishedAt);
            while (version * subscribers - Total() > (long)Window * subscribers) await Task.Yield();
        }
        while (Total() < version * subscribers - hub.Connections.Sum(c => c.Dropped) && clock.Elapsed < duration * 3) await Task.Yield();
        double elapsed = clock.Elapsed.TotalSeconds;
        long delivered = Total();
        var loaded = clients.SelectMany(c => c.Latencies).Order().ToArray();
        long dropped = hub.Connections.Sum(c => c.Dropped);

        // Idle run: 200 publishes/s, each waited for, for the latency of one update on a quiet venue.
        foreach (var c in clients) c.Latencies.Clear();
        for (int i = 0; i < 400; i++)
        {
            long target = Total() + subscribers;
            Publish(hub, symbol, ++version, publishedAt);
            var wait = Stopwatch.StartNew();
            while (Total() < target && wait.ElapsedMilliseconds < 2000) await Task.Yield();
            await Task.Delay(5);
        }
        var idle = clients.SelectMany(c => c.Latencies).Order().ToArray();

        foreach (var c in clients) c.Socket.Abort();
        await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });
        return new Result(version / elapsed, delivered / elapsed, dropped,
            Percentile(loaded, 0.50), Percentile(loaded, 0.99), loaded.Length > 0 ? loaded[^1] : 0,
            Percentile(idle, 0.50), Percentile(idle, 0.99));
    }

    private static void Publish(StreamHub hub, JexSim.Engine.Markets.SymbolSpec symbol, long version, long[] publishedAt)
    {
        long price = (30_000 + version % 50) * 100_000_000L;
        var bytes = StreamPayloads.DepthUpdate(JexSim.Engine.MarketType.Spot, symbol, 0, version, version,
            [(price, 50_000_000), (price - 100_000_000, 0)], [(price + 1_000_000_000, 25_000_000)]);
        publishedAt[version % publishedAt.Length] = Stopwatch.GetTimestamp();
        hub.PublishRaw(Stream, bytes, mustDeliver: false);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
}

internal sealed class Client(ClientWebSocket socket, long[] publishedAt, int sampleEvery)
{
    public long Received;
    public ClientWebSocket Socket { get; } = socket;
    public List<double> Latencies { get; } = new();

    public async Task RunAsync()
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var r = await Socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                if (r.MessageType == WebSocketMessageType.Close) return;
                if (!r.EndOfMessage) continue;
                long n = Interlocked.Increment(ref Received);
                if (n % sampleEvery == 0 && TryVersion(buffer.AsSpan(0, r.Count), out long v))
                    Latencies.Add(Stopwatch.GetElapsedTime(publishedAt[v % publishedAt.Length]).TotalMilliseconds);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
    }

    private static bool TryVersion(ReadOnlySpan<byte> json, out long v)
    {
        v = 0;
        int i = json.IndexOf("\"v\":"u8);
        return i >= 0 && Utf8Parser.TryParse(json[(i + 4)..], out v, out _);
    }
}
