using System.Diagnostics;
using JexSim.Engine;
using JexSim.Persistence;
using JexSim.Server.Tests.Durability;

namespace JexSim.Benchmarks;

/// <summary>Process start to first 200 on GET /api/v1/ping: empty database (seeding included) and a 1M-order history.</summary>
public static class StartupSection
{
    public static async Task Run(Options options, Report report, string repo)
    {
        // Start-up is measured on the build users run: the container's, published ReadyToRun by the Dockerfile's command
        // (run.sh publishes it and passes --published). Without it, the plain build output (JIT-compiled at start).
        string dll = options.Published is { } published ? Path.Combine(published, "JexSim.Server.dll") : ServerProcess.ServerDll;
        string build = options.Published is null ? "build output, not ReadyToRun" : "published ReadyToRun build, the Dockerfile's `dotnet publish`";
        report.Line($"## Start-up (real server process, `dotnet JexSim.Server.dll`, {build}, to first successful ping)");
        report.Line();
        string fixture = Fixture(repo);
        string dir = Path.Combine(Path.GetTempPath(), $"jexsim-bench-start-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        var rows = new List<string[]>();
        try
        {
            var cold = new List<double>();
            string db = "";
            int runs = options.Smoke ? 1 : 3;
            for (int i = 0; i < runs; i++)
            {
                db = Path.Combine(dir, $"cold{i}.db");
                var sw = Stopwatch.StartNew();
                await using (var s = await ServerProcess.StartFromAsync(dll, db, fixture, "Full", TimeSpan.FromSeconds(30))) cold.Add(sw.Elapsed.TotalMilliseconds);
            }
            rows.Add(["empty database (seeds the fixture)", Median(cold), string.Join(", ", cold.Select(c => c.ToString("N0"))), "≤ 500 ms", Verdict(cold, 500)]);

            int history = options.Smoke ? 10_000 : options.Quick ? 200_000 : 1_000_000;
            var fill = Stopwatch.StartNew();
            AddHistory(db, history);
            double fillSeconds = fill.Elapsed.TotalSeconds;
            var warm = new List<double>();
            for (int i = 0; i < runs; i++)
            {
                var sw = Stopwatch.StartNew();
                await using (var s = await ServerProcess.StartFromAsync(dll, db, fixture, "Full", TimeSpan.FromSeconds(60))) warm.Add(sw.Elapsed.TotalMilliseconds);
            }
            rows.Add([$"restart with {history:N0} orders of history", Median(warm), string.Join(", ", warm.Select(c => c.ToString("N0"))), "≤ 3000 ms", Verdict(warm, 3000)]);
            // Reset and snapshot/restore on the default fixture (the admin API, timed from the client: round trip included).
            await using (var s = await ServerProcess.StartFromAsync(dll, Path.Combine(dir, "reset.db"), Path.Combine(repo, "fixtures", "default.json"), "Normal", TimeSpan.FromSeconds(30)))
            {
                using var http = new HttpClient { BaseAddress = s.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
                async Task<List<double>> Time(Func<Task<HttpResponseMessage>> call)
                {
                    var runs = new List<double>();
                    for (int i = 0; i < (options.Smoke ? 2 : 6); i++)
                    {
                        var sw = Stopwatch.StartNew();
                        using var r = await call();
                        runs.Add(sw.Elapsed.TotalMilliseconds);
                        r.EnsureSuccessStatusCode();
                    }
                    return runs.Skip(1).ToList(); // the first call pays for JIT
                }
                var empty = () => new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                var reset = await Time(() => http.PostAsync("/admin/v1/reset", empty()));
                rows.Add(["POST /admin/v1/reset (default fixture)", Median(reset), string.Join(", ", reset.Select(c => c.ToString("N1"))), "< 100 ms", Verdict(reset, 100)]);
                var save = await Time(() => http.PostAsync("/admin/v1/snapshots", new StringContent("{\"name\":\"bench\"}", System.Text.Encoding.UTF8, "application/json")));
                rows.Add(["POST /admin/v1/snapshots (save)", Median(save), string.Join(", ", save.Select(c => c.ToString("N1"))), "", ""]);
                var restore = await Time(() => http.PostAsync("/admin/v1/snapshots/bench/restore", empty()));
                rows.Add(["POST /admin/v1/snapshots/{name}/restore", Median(restore), string.Join(", ", restore.Select(c => c.ToString("N1"))), "", ""]);
            }
            report.Table(["Case", "median ms", "runs ms", "target", "verdict"], rows);
            report.Line($"History written through the store's group-commit path at {history / fillSeconds:N0} orders/s (batches of 10,000, durability none).");
            report.Line();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    public static string Fixture(string repo)
    {
        string quiet = Path.Combine(repo, "fixtures", "quiet.json");
        return File.Exists(quiet) ? quiet : Path.Combine(repo, "fixtures", "default.json");
    }

    private static string Median(List<double> v) => v.Order().ElementAt(v.Count / 2).ToString("N0");

    private static string Verdict(List<double> v, double target) => v.Order().ElementAt(v.Count / 2) <= target ? "met" : "missed";

    /// <summary>Appends closed (filled) orders with their trades, as a long-running venue would have accumulated.</summary>
    private static void AddHistory(string db, int count)
    {
        using var store = new SqliteStoreWriter(db, Durability.None);
        var state = store.Load();
        long id = state.NextOrderId, tradeId = state.NextTradeId;
        long time = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - count;
        var batch = new CommitBatch();
        for (int i = 0; i < count; i += 2)
        {
            long price = 30_000_00000000 + (i % 100) * 1_000_000;
            long qty = 100_000;
            long quote = FixedPoint.Notional(price, qty);
            batch.Orders.Add(new OrderRecord(id, 1, "BTCUSDT", Side.Buy, OrderType.Limit, TimeInForce.Gtc, price, qty, qty, quote, OrderStatus.Filled, time + i, time + i, 0));
            batch.Orders.Add(new OrderRecord(id + 1, 2, "BTCUSDT", Side.Sell, OrderType.Limit, TimeInForce.Gtc, price, qty, qty, quote, OrderStatus.Filled, time + i, time + i, 0));
            batch.Trades.Add(new TradeRecord(tradeId++, "BTCUSDT", price, qty, quote, time + i, id, id + 1, 1, 2, true, 0, 0));
            id += 2;
            if (batch.Orders.Count >= 10_000) { store.Commit(batch); batch.Clear(); }
        }
        store.Commit(batch);
    }
}
