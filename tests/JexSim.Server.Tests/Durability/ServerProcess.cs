using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace JexSim.Server.Tests.Durability;

/// <summary>
/// The real JexSim server as a child process (<c>dotnet JexSim.Server.dll</c>) on 127.0.0.1 and a free port, so that a
/// test can SIGKILL it. Only the process started here is ever killed, by its own handle.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }
    public int Pid => _process.Id;
    public string Log { get { lock (_log) return _log.ToString(); } }

    /// <summary>The server assembly: copied next to the test assembly by the project reference.</summary>
    public static string ServerDll => Path.Combine(AppContext.BaseDirectory, "JexSim.Server.dll");

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>Starts the server and waits (bounded) until GET /api/v1/ping answers 200.</summary>
    public static Task<ServerProcess> StartAsync(string database, string fixture, string durability, TimeSpan timeout, params string[] extraArgs) =>
        StartFromAsync(ServerDll, database, fixture, durability, timeout, extraArgs);

    /// <summary>As <see cref="StartAsync"/>, from another build of the server (a published folder, say).</summary>
    public static async Task<ServerProcess> StartFromAsync(string serverDll, string database, string fixture, string durability, TimeSpan timeout, params string[] extraArgs)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
        };
        foreach (var a in new[] { serverDll, "--urls", url, $"--JexSim:Database={database}", $"--JexSim:Fixture={fixture}", $"--JexSim:Durability={durability}",
                     // Load from one machine is what this launcher is for (crash test, benchmarks): request/order limits off.
                     "--JexSim:RateLimits:Enabled=false" })
            psi.ArgumentList.Add(a);
        foreach (var a in extraArgs) psi.ArgumentList.Add(a);
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start the server");
        var server = new ServerProcess(process, new Uri(url));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                process.WaitForExit(); // drains the redirected output, so the log below is complete
                throw new InvalidOperationException($"server exited with {process.ExitCode}:\n{server.Log}");
            }
            try
            {
                using var r = await http.GetAsync("/api/v1/ping");
                if (r.StatusCode == HttpStatusCode.OK) return server;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(5);
        }
        await server.DisposeAsync();
        throw new TimeoutException($"server did not answer ping within {timeout}:\n{server.Log}");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    /// <summary>
    /// SIGTERM (what docker stop sends), then waits up to <paramref name="wait"/> for the process to exit; returns how
    /// long that took and the exit code, or null when it did not exit in time (the caller's dispose then kills it).
    /// </summary>
    public (TimeSpan Elapsed, int ExitCode)? Terminate(TimeSpan wait)
    {
        var watch = Stopwatch.StartNew();
        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!)
            kill.WaitForExit(5_000);
        if (!_process.WaitForExit(wait)) return null;
        _process.WaitForExit(); // flush the redirected output
        return (watch.Elapsed, _process.ExitCode);
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush, exactly like a crash.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit(10_000);
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
