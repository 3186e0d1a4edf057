using System.Collections.Concurrent;
using JexSim.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JexSim.Server.Tests.Dashboard;

/// <summary>One log line per request, the start-up banner, and the standard Logging:LogLevel control.</summary>
public class RequestLogTests
{
    [Fact]
    public async Task Each_request_gets_one_information_line_with_key_prefix_status_code_and_duration()
    {
        using var venue = new JexSimFactory();
        var logs = new CapturedLogs();
        using var logged = WithLogs(venue, logs);
        var forged = new JexClient(logged.CreateClient(), DemoAccounts.AliceKey, "wrong", () => JexSimFactory.StartTime);
        await forged.Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=29000");
        await logged.CreateClient().GetAsync("/api/v1/ping");
        await logged.CreateClient().GetAsync("/admin/v1/clock");

        var lines = logs.Lines("JexSim.Requests");
        Assert.Contains(lines, l => l.Level == LogLevel.Information && System.Text.RegularExpressions.Regex.IsMatch(l.Text,
            @"^POST /api/v1/spot/order key=vmPUZE6m… 401 -1022 \d+\.\d ms$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l.Text, @"^GET /api/v1/ping key=- 200 - \d+\.\d ms$"));
        Assert.Contains(lines, l => l.Text.StartsWith("GET /admin/v1/clock key=- 200 -", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Text.StartsWith("GET /api/v1/ping", StringComparison.Ordinal));
    }

    [Fact]
    public void The_start_up_banner_says_where_and_how_the_venue_runs()
    {
        using var venue = new JexSimFactory();
        var logs = new CapturedLogs();
        using var logged = WithLogs(venue, logs);
        _ = logged.Services; // starts the host
        var banner = Assert.Single(logs.Lines("JexSim.Server.Reporting.StartupBanner")).Text;
        Assert.Contains("fixture quiet (", banner);
        Assert.Contains($"database {venue.DatabasePath}", banner);
        Assert.Contains("clock virtual at 2026-01-01T00:00:00.000Z", banner);
        Assert.Contains("durability Normal", banner);
        Assert.Contains("API reference /reference", banner);
    }

    [Fact]
    public async Task Logging_LogLevel_settings_silence_the_request_lines()
    {
        using var venue = new JexSimFactory(settings: new() { ["Logging:LogLevel:JexSim.Requests"] = "Warning" });
        var logs = new CapturedLogs();
        using var logged = WithLogs(venue, logs);
        await logged.CreateClient().GetAsync("/api/v1/ping");
        Assert.Empty(logs.Lines("JexSim.Requests"));
    }

    private static WebApplicationFactory<Program> WithLogs(JexSimFactory venue, CapturedLogs logs) =>
        venue.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs)));

    private sealed record Line(string Category, LogLevel Level, string Text);

    private sealed class CapturedLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<Line> _lines = new();

        public List<Line> Lines(string category) => [.. _lines.Where(l => l.Category == category)];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<Line> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(new Line(category, logLevel, formatter(state, exception)));
        }
    }
}
