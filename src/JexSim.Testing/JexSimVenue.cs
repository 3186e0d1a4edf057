using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using JexSim.Server.Admin;
using JexSim.Server.Simulation;
using JexSim.Server.Venue;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JexSim.Testing;

/// <summary>
/// A real JexSim venue inside a test: Kestrel on a free 127.0.0.1 port, a temporary database, the virtual clock.
/// <code>
/// await using var venue = await JexSimVenue.StartAsync(o => o.Fixture = "quiet");
/// var alice = venue.ClientFor(venue.Account("alice"));
/// </code>
/// Disposing it stops the server and deletes its temporary files.
/// </summary>
public sealed class JexSimVenue : IAsyncDisposable
{
    private readonly VenueHost _host;
    private readonly string _directory;
    private readonly string? _adminToken;
    private readonly HttpClient _admin;

    private JexSimVenue(VenueHost host, string directory, Uri baseAddress, string? adminToken)
    {
        _host = host;
        _directory = directory;
        _adminToken = adminToken;
        BaseAddress = baseAddress;
        _admin = CreateHttpClient();
        if (adminToken is not null) _admin.DefaultRequestHeaders.Add(AdminEndpoints.TokenHeader, adminToken);
    }

    /// <summary>http://127.0.0.1:&lt;port&gt;/: REST, the admin API, the dashboard.</summary>
    public Uri BaseAddress { get; }

    /// <summary>ws://127.0.0.1:&lt;port&gt;/: raw streams at ws/&lt;name&gt;, combined at stream?streams=a/b.</summary>
    public Uri WebSocketAddress => new UriBuilder(BaseAddress) { Scheme = "ws" }.Uri;

    /// <summary>The temporary SQLite database (deleted on dispose).</summary>
    public string DatabasePath => Path.Combine(_directory, "jexsim.db");

    /// <summary>The fixture's accounts (the demo accounts alice and bob on "quiet" and "default") with their keys and secrets.</summary>
    public IReadOnlyList<VenueAccount> DemoAccounts =>
        [.. Services.GetRequiredService<ExchangeVenue>().Fixture.Accounts.Select(a => new VenueAccount(a.Id, a.Name, a.ApiKey, a.SecretKey))];

    /// <summary>A fixture account by name ("alice", "bob").</summary>
    public VenueAccount Account(string name) =>
        DemoAccounts.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"The fixture has no account named '{name}'. It has: {string.Join(", ", DemoAccounts.Select(a => a.Name))}.", nameof(name));

    /// <summary>The venue's time now (Unix ms): what a signed request's timestamp should be.</summary>
    public long Now => Services.GetRequiredService<VenueClock>().NowMs;

    /// <summary>The server's services, for assertions that need more than HTTP (the engine's invariants, the journal).</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>Starts a venue; <paramref name="configure"/> picks the fixture, clock and limits.</summary>
    public static async Task<JexSimVenue> StartAsync(Action<JexSimVenueOptions>? configure = null)
    {
        var options = new JexSimVenueOptions();
        configure?.Invoke(options);
        string directory = Path.Combine(Path.GetTempPath(), "jexsim-venue", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var settings = new Dictionary<string, string?>
        {
            ["JexSim:Database"] = Path.Combine(directory, "jexsim.db"),
            ["JexSim:Fixture"] = FixturePath(options.Fixture),
            ["JexSim:Durability"] = "None", // the database is thrown away with the venue
            ["JexSim:Clock"] = options.VirtualClock ? "virtual" : "real",
            ["JexSim:RateLimits:Enabled"] = options.RateLimits ? "true" : "false",
            ["JexSim:AdminToken"] = options.AdminToken,
            ["Logging:LogLevel:Default"] = options.LogLevel.ToString(),
            ["Logging:LogLevel:Microsoft.AspNetCore"] = (options.LogLevel > LogLevel.Warning ? options.LogLevel : LogLevel.Warning).ToString(),
        };
        if (options.ClockStart is { } start) settings["JexSim:ClockStart"] = start.ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in options.Settings) settings[key] = value;

        var host = new VenueHost(settings);
        try
        {
            await Task.Run(host.StartServer).ConfigureAwait(false);
            var addresses = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            var address = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
            return new JexSimVenue(host, directory, address, options.AdminToken);
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            TryDelete(directory);
            throw;
        }
    }

    /// <summary>An HttpClient on <see cref="BaseAddress"/> (the caller disposes it).</summary>
    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A client that signs requests with this account's secret and the venue's time.</summary>
    public JexSimClient ClientFor(VenueAccount account) => new(CreateHttpClient(), account, () => Now);

    /// <summary>A client for public endpoints only.</summary>
    public JexSimClient PublicClient() => new(CreateHttpClient(), null, () => Now);

    // ---- admin helpers (the admin API, as any client would call it) ----

    /// <summary>Creates an account with these balances (asset → amount) and permissions (default: read, trade, withdraw).</summary>
    public async Task<VenueAccount> CreateAccountAsync(IReadOnlyDictionary<string, decimal>? balances = null, string? name = null, params string[] permissions)
    {
        var body = new Dictionary<string, object?>
        {
            ["name"] = name,
            ["balances"] = balances?.ToDictionary(b => b.Key, b => b.Value.ToString(CultureInfo.InvariantCulture)),
            ["permissions"] = permissions.Length == 0 ? null : permissions,
        };
        var created = await AdminAsync(HttpMethod.Post, "accounts", body).ConfigureAwait(false);
        return new VenueAccount(created.GetProperty("accountId").GetInt64(), name, created.GetProperty("apiKey").GetString()!, created.GetProperty("secretKey").GetString()!);
    }

    /// <summary>Moves virtual time forward, running every feed tick, agent action and expiry due on the way; returns the new time.</summary>
    public async Task<long> AdvanceClockAsync(TimeSpan by) =>
        (await AdminAsync(HttpMethod.Post, "clock/advance", new { ms = (long)by.TotalMilliseconds }).ConfigureAwait(false)).GetProperty("time").GetInt64();

    /// <summary>Back to the fixture (or another one): accounts, books, trades, clock; faults, journal and report cleared.</summary>
    public Task ResetAsync(string? fixture = null) =>
        AdminAsync(HttpMethod.Post, "reset", fixture is null ? new { } : new { fixture = FixturePath(fixture) });

    /// <summary>
    /// Adds a fault rule, e.g. new { route = "/api/v1/spot/order", status = 503, code = -1001 }; returns its id.
    /// See README "Use in CI" for every field.
    /// </summary>
    public async Task<long> AddFaultAsync(object rule) =>
        (await AdminAsync(HttpMethod.Post, "faults", rule).ConfigureAwait(false)).GetProperty("id").GetInt64();

    /// <summary>Removes every fault rule.</summary>
    public Task ClearFaultsAsync() => AdminAsync(HttpMethod.Delete, "faults");

    /// <summary>Credits a deposit (POST /admin/v1/deposits); it shows in GET /wapi/v1/depositHistory. Returns that entry.</summary>
    public Task<JsonElement> DepositAsync(long accountId, string asset, decimal amount) =>
        AdminAsync(HttpMethod.Post, "deposits", new { accountId, asset, amount = amount.ToString(CultureInfo.InvariantCulture) });

    /// <summary>
    /// Forces a withdrawal's status (0 Email Sent … 6 Completed; 1, 3 and 5 give the amount back) and returns its
    /// withdrawHistory entry (POST /admin/v1/withdrawals/{id}/status).
    /// </summary>
    public Task<JsonElement> SetWithdrawalStatusAsync(string withdrawalId, int status) =>
        AdminAsync(HttpMethod.Post, $"withdrawals/{Uri.EscapeDataString(withdrawalId)}/status", new { status });

    /// <summary>The client conformance report for a key since the last reset (GET /admin/v1/report).</summary>
    public Task<JsonElement> ReportAsync(string? apiKey = null) =>
        AdminAsync(HttpMethod.Get, apiKey is null ? "report" : $"report?apiKey={Uri.EscapeDataString(apiKey)}");

    /// <summary>The request journal, newest first (GET /admin/v1/journal?apiKey=&amp;path=&amp;verdict=).</summary>
    public Task<JsonElement> JournalAsync(string? apiKey = null, string? path = null, string? verdict = null)
    {
        var query = new[] { ("apiKey", apiKey), ("path", path), ("verdict", verdict) }.Where(p => p.Item2 is not null)
            .Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}");
        return AdminAsync(HttpMethod.Get, "journal?" + string.Join("&", query));
    }

    /// <summary>Any admin call: path relative to /admin/v1/, body serialized as JSON. Throws with the venue's message on an error status.</summary>
    public async Task<JsonElement> AdminAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, "admin/v1/" + path);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType());
        using var response = await _admin.SendAsync(request).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{method} /admin/v1/{path}: {(int)response.StatusCode} {text}", null, response.StatusCode);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _host.DisposeAsync().ConfigureAwait(false);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TryDelete(_directory);
    }

    /// <summary>A fixture name ("quiet") becomes fixtures/quiet.json, found by the server beside the app or above it.</summary>
    private static string FixturePath(string fixture) =>
        fixture.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || fixture.Contains('/') || fixture.Contains('\\')
            ? fixture
            : Path.Combine("fixtures", fixture + ".json");

    private static void TryDelete(string directory)
    {
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
