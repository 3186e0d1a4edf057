using System.Diagnostics;
using System.Text.Json;

namespace JexSim.Benchmarks;

/// <summary>Engine alone: exchange-core's mix and a 1M-order deep book, JexSim vs nodejs-order-book on the same stream.</summary>
public static class EngineSection
{
    public static async Task Run(Options options, Report report)
    {
        report.Line("## Engine alone (one thread, no persistence)");
        report.Line();
        report.Line("Command stream: exchange-core's mix (9% GTC, 3% IOC, 6% cancel, 82% move; a move is cancel + new GTC order and counts as one op). " +
                    "The identical stream (file) is fed to nodejs-order-book in node. Latency is per command, timer included; ops/s is measured in a second pass without per-op timers.");
        report.Line();
        var rows = new List<string[]>();
        int mixOps = options.Smoke ? 20_000 : options.Quick ? 1_000_000 : 3_000_000;
        rows.AddRange(await Case(options, "exchange-core mix (1k resting, ~750 levels)", resting: 1_000, halfSpread: 375, ops: mixOps, report, memory: false));
        int deep = options.Smoke ? 20_000 : options.Quick ? 200_000 : 1_000_000;
        rows.AddRange(await Case(options, $"deep book ({deep / 1000:N0}k resting)", resting: deep, halfSpread: 50_000, ops: options.Smoke ? 20_000 : options.Quick ? 300_000 : 1_000_000, report, memory: true));
        report.Table(["Case", "Engine", "ops/s", "p50 µs", "p99 µs", "p99.9 µs", "alloc B/op", "resting B/order", "JexSim ÷ node (ops/s)"], rows);
    }

    private static async Task<List<string[]>> Case(Options options, string name, int resting, int halfSpread, int ops, Report report, bool memory)
    {
        Console.WriteLine($"generating {name}...");
        var (setup, stream) = CommandStream.Generate(resting, halfSpread, ops, seed: 42);
        string file = Path.Combine(Path.GetTempPath(), $"jexsim-bench-{Environment.ProcessId}-{resting}.txt");
        CommandStream.Write(file, setup, stream);

        // Warm-up on a throwaway engine (JIT tiers), then measure on fresh engines.
        { var w = new EngineRunner(setup.Length + stream.Length); w.Setup(setup); w.Throughput(stream); }
        // Memory per resting order is the heap growth over the setup alone, as node measures it: the engine (with its
        // funded accounts) and the runner's stream-id map exist before the first order, so neither is counted.
        var runner = new EngineRunner(setup.Length + stream.Length);
        GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
        long before = GC.GetTotalMemory(true);
        runner.Setup(setup);
        long after = GC.GetTotalMemory(true);
        double perOrder = (after - before) / (double)runner.Core.OpenOrderCount;
        int restingCount = runner.Core.OpenOrderCount;
        var stats = runner.Measure(stream);
        var problems = runner.Core.CheckInvariants();
        if (problems.Count > 0) throw new InvalidOperationException("engine invariants broken: " + string.Join("; ", problems.Take(3)));
        var plain = new EngineRunner(setup.Length + stream.Length); plain.Setup(setup);
        double opsPerSecond = plain.Throughput(stream);
        GC.KeepAlive(runner);

        var rows = new List<string[]>();
        rows.Add([name, "JexSim", Report.F(opsPerSecond), Report.F(stats.P50Us, "N2"), Report.F(stats.P99Us, "N2"), Report.F(stats.P999Us, "N2"), Report.F(stats.BytesPerOp, "N1"),
             memory ? Report.F(perOrder, "N0") + $" ({restingCount:N0} resting)" : "", ""]);
        var node = await Node(options, file);
        if (node is not null)
        {
            var n = node.Value;
            rows.Add([name, "nodejs-order-book", Report.F(n.GetProperty("opsPerSecond").GetDouble()), Report.F(n.GetProperty("p50").GetDouble(), "N2"),
                Report.F(n.GetProperty("p99").GetDouble(), "N2"), Report.F(n.GetProperty("p999").GetDouble(), "N2"), "n/a",
                memory ? Report.F(n.GetProperty("restingBytes").GetDouble(), "N0") + " (V8 heap)" : "",
                Report.F(opsPerSecond / n.GetProperty("opsPerSecond").GetDouble(), "N1") + "x"]);
        }
        else rows.Add([name, "nodejs-order-book", "not run (no --node-modules)", "", "", "", "", "", ""]);
        File.Delete(file);
        return rows;
    }

    private static async Task<JsonElement?> Node(Options options, string streamFile)
    {
        if (options.NodeModules is null) return null;
        string script = Path.Combine(AppContext.BaseDirectory, "node", "engine-bench.mjs");
        var psi = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--expose-gc", "--max-old-space-size=4096", script, options.NodeModules, streamFile }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5))) { p.Kill(); throw new TimeoutException("node engine bench timed out"); }
        if (p.ExitCode != 0) throw new InvalidOperationException("node engine bench failed: " + await error);
        return JsonDocument.Parse(await output).RootElement.Clone();
    }
}
