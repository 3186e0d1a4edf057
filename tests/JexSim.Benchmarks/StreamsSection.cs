using System.Diagnostics;

namespace JexSim.Benchmarks;

/// <summary>
/// WebSocket fan-out: runs the stream benchmark (tests/JexSim.Benchmarks.Streams, built Release by run.sh) as its own
/// process, so its Kestrel server and subscribers do not share a heap with the other sections, and copies its table.
/// </summary>
public static class StreamsSection
{
    public static async Task Run(Options options, Report report, string repo)
    {
        report.Line("## WebSocket fan-out (one diff-depth stream, N subscribers on 127.0.0.1)");
        report.Line();
        string dll = Path.Combine(repo, "tests", "JexSim.Benchmarks.Streams", "bin", "Release", "net10.0", "JexSim.Benchmarks.Streams.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("stream benchmark not built (run.sh builds it)", dll);
        string seconds = options.Smoke ? "1" : options.Quick ? "3" : "5";
        string counts = options.Smoke ? "10" : "10,100,1000";
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { dll, seconds, counts }) psi.ArgumentList.Add(a);
        Console.WriteLine($"running the stream benchmark ({seconds}s per run, {counts} subscribers)...");
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(5))) { p.Kill(entireProcessTree: true); throw new TimeoutException("stream benchmark timed out"); }
        if (p.ExitCode != 0) throw new InvalidOperationException("stream benchmark failed: " + await error);
        report.Line("```");
        foreach (var line in (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries)) report.Line(line.TrimEnd());
        report.Line("```");
        report.Line();
    }
}
