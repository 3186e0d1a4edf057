using JexSim.Server.Simulation;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace JexSim.Server.Tests.Infrastructure;

/// <summary>
/// A JexSim server in memory on its own temporary database, seeded from a fixture (default: fixtures/quiet.json, the
/// default fixture's symbols and demo accounts without feeds or agents, so nothing moves by itself).
/// The venue clock is virtual (JexSim:Clock=virtual) and starts at <see cref="StartTime"/>, so tests control time.
/// Dispose it to delete the database; <see cref="Restart"/> makes a new server on the same database.
/// </summary>
public sealed class JexSimFactory : WebApplicationFactory<Program>
{
    public const long StartTime = 1_767_225_600_000; // 2026-01-01T00:00:00Z

    private readonly Dictionary<string, string?> _settings;
    private bool _ownsDirectory;

    public JexSimFactory(string? fixture = null, Dictionary<string, string?>? settings = null, string? databasePath = null)
    {
        Directory = databasePath is null ? Path.Combine(Path.GetTempPath(), "jexsim-tests", Guid.NewGuid().ToString("N")) : Path.GetDirectoryName(databasePath)!;
        _ownsDirectory = databasePath is null;
        DatabasePath = databasePath ?? Path.Combine(Directory, "jexsim.db");
        _settings = new Dictionary<string, string?>
        {
            ["JexSim:Database"] = DatabasePath,
            ["JexSim:Fixture"] = FixturePath(fixture ?? "quiet.json"),
            ["JexSim:Durability"] = "Normal",
            ["JexSim:Clock"] = "virtual",
            ["JexSim:ClockStart"] = StartTime.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // The virtual clock stands still unless a test advances it, so the spec's 10 orders per second would refuse
            // the 11th order of any test. Rate-limit tests (tests/.../RateLimiting, Conformance) turn limits back on.
            ["JexSim:RateLimits:Enabled"] = "false",
        };
        foreach (var (k, v) in settings ?? new()) _settings[k] = v;
    }

    public string Directory { get; }
    public string DatabasePath { get; }

    public VenueClock Clock => Services.GetRequiredService<VenueClock>();

    /// <summary>Path of a fixture under the repository's fixtures/ folder.</summary>
    public static string FixturePath(string name)
    {
        if (Path.IsPathRooted(name)) return name;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "fixtures", name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"fixture {name} not found above {AppContext.BaseDirectory}");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (k, v) in _settings) builder.UseSetting(k, v);
    }

    /// <summary>A signing JEX client for a demo account of the default fixture (alice = 1, bob = 2) or any key.</summary>
    public JexClient ClientFor(string apiKey, string secret) => new(CreateClient(), apiKey, secret, () => Clock.NowMs);

    public JexClient Alice() => ClientFor(DemoAccounts.AliceKey, DemoAccounts.AliceSecret);
    public JexClient Bob() => ClientFor(DemoAccounts.BobKey, DemoAccounts.BobSecret);

    /// <summary>
    /// A new server on the same database file (this one is disposed first). The new server takes over the temporary
    /// directory: disposing this one afterwards no longer deletes it; disposing the new one does.
    /// </summary>
    public JexSimFactory Restart(string? fixture = null)
    {
        var settings = new Dictionary<string, string?>(_settings);
        if (fixture is not null) settings["JexSim:Fixture"] = FixturePath(fixture);
        bool owner = _ownsDirectory;
        _ownsDirectory = false; // Dispose() below must stop the server, not delete its database
        var venue = Services.GetRequiredService<JexSim.Server.Venue.ExchangeVenue>();
        Dispose();
        // The app's own disposal (Program's RunAsync) may still be closing the venue: wait until it let go of the database.
        if (!venue.Released.Wait(TimeSpan.FromSeconds(30))) throw new TimeoutException("the stopped server did not release its database within 30 s");
        return new JexSimFactory(settings: settings, databasePath: DatabasePath) { _ownsDirectory = owner };
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDirectory)
        {
            try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}

public static class DemoAccounts
{
    public const string AliceKey = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    public const string AliceSecret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    public const string BobKey = "bobDemoKey7Qx2LmN9pR4sT6vW8yZ1aB3cD5eF7gH9jK2mN4pQ6rS8tU0wX2yZ4aB6c";
    public const string BobSecret = "bobDemoSecret3Fh5Jk7Lm9Np1Qr3St5Uv7Wx9Yz1Ab3Cd5Ef7Gh9Ij1Kl3Mn5Op7Q";
}
