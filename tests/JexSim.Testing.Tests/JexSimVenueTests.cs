using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using JexSim.Testing;

namespace JexSim.Testing.Tests;

/// <summary>The in-process host as a user drives it: over HTTP and WebSocket, through its helpers.</summary>
public class JexSimVenueTests
{
    [Fact]
    public async Task Starts_a_real_server_on_a_loopback_port_with_the_fixture_and_a_virtual_clock()
    {
        await using var venue = await JexSimVenue.StartAsync(o => o.Fixture = "quiet");
        Assert.Equal("127.0.0.1", venue.BaseAddress.Host);
        Assert.NotEqual(0, venue.BaseAddress.Port);

        // A plain socket client, not an in-memory handler: the server really listens.
        using var http = new HttpClient();
        var time = JsonDocument.Parse(await http.GetStringAsync(new Uri(venue.BaseAddress, "api/v1/time"))).RootElement.GetProperty("serverTime").GetInt64();
        Assert.Equal(DateTimeOffset.Parse("2026-01-01T00:00:00Z").ToUnixTimeMilliseconds(), time); // the quiet fixture's startTime, standing still
        Assert.Equal(["alice", "bob"], venue.DemoAccounts.Select(a => a.Name));
        Assert.True(File.Exists(venue.DatabasePath));
    }

    [Fact]
    public async Task Dispose_stops_the_server_and_deletes_the_temporary_database()
    {
        var venue = await JexSimVenue.StartAsync();
        var address = venue.BaseAddress;
        string folder = Path.GetDirectoryName(venue.DatabasePath)!;
        await venue.DisposeAsync();

        Assert.False(Directory.Exists(folder));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(address, "api/v1/ping")));
    }

    [Fact]
    public async Task Signing_helper_produces_signatures_the_venue_accepts_and_a_wrong_secret_gets_1022()
    {
        await using var venue = await JexSimVenue.StartAsync();
        var alice = venue.Account("alice");
        using var client = venue.ClientFor(alice);
        var account = await client.SignedAsync(HttpMethod.Get, "/api/v1/account", []);
        Assert.Equal(JsonValueKind.Object, account.ValueKind);

        using var forger = venue.ClientFor(alice with { SecretKey = "not-alices-secret" });
        using var refused = await forger.SendSignedAsync(HttpMethod.Get, "/api/v1/account", []);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("-1022", await refused.Content.ReadAsStringAsync());
        Assert.Equal(64, JexSimClient.Sign("secret", "a=1").Length);
    }

    [Fact]
    public async Task Admin_helpers_create_an_account_add_a_fault_advance_the_clock_and_reset()
    {
        await using var venue = await JexSimVenue.StartAsync();
        var carol = await venue.CreateAccountAsync(new Dictionary<string, decimal> { ["USDT"] = 1000m }, "carol");
        using var client = venue.ClientFor(carol);
        var order = await client.PlaceLimitOrderAsync("BTCUSDT", "BUY", 0.001m, 20000m);
        Assert.Equal("NEW", order.GetProperty("status").GetString());

        long faultId = await venue.AddFaultAsync(new { route = "/api/v1/spot/depth", status = 503, code = -1001, msg = "injected by the test" });
        Assert.True(faultId > 0);
        using (var faulted = await client.SendAsync(HttpMethod.Get, "/api/v1/spot/depth", [new("symbol", "BTCUSDT")]))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.StatusCode);
            Assert.Contains("injected by the test", await faulted.Content.ReadAsStringAsync());
        }
        await venue.ClearFaultsAsync();

        long before = venue.Now;
        long after = await venue.AdvanceClockAsync(TimeSpan.FromHours(1));
        Assert.Equal(before + 3_600_000, after);
        Assert.Equal(after, venue.Now);

        var journal = await venue.JournalAsync(apiKey: carol.ApiKey, verdict: "rejected");
        Assert.Equal(1, journal.GetProperty("count").GetInt32());

        await venue.ResetAsync();
        Assert.Equal(before, venue.Now); // back to the fixture's start
        var accounts = await venue.AdminAsync(HttpMethod.Get, "accounts");
        Assert.DoesNotContain(accounts.EnumerateArray(), a => a.GetProperty("name").GetString() == "carol");
        Assert.Equal(0, (await venue.ReportAsync()).GetProperty("requests").GetInt32());
    }

    [Fact]
    public async Task Wallet_helpers_credit_a_deposit_and_force_a_withdrawal_back()
    {
        await using var venue = await JexSimVenue.StartAsync(o => o.Fixture = "quiet");
        var alice = venue.Account("alice");
        using var client = venue.ClientFor(alice);
        var deposit = await venue.DepositAsync(alice.AccountId, "BTC", 0.25m);
        Assert.Equal((0.25m, 1), (deposit.GetProperty("amount").GetDecimal(), deposit.GetProperty("status").GetInt32()));
        var made = await client.SignedAsync(HttpMethod.Get, "/wapi/v1/withdraw",
            [new("asset", "BTC"), new("address", "bc1qexampleaddress0000000000000000000"), new("amount", "4")]);
        string id = made.GetProperty("id").GetString()!;
        Assert.Equal(1, (await venue.SetWithdrawalStatusAsync(id, 1)).GetProperty("status").GetInt32()); // cancelled: the 4 BTC come back
        var balances = (await client.SignedAsync(HttpMethod.Get, "/api/v1/account", [])).GetProperty("spotBalances").EnumerateArray();
        Assert.Equal("10.25000000", balances.Single(b => b.GetProperty("asset").GetString() == "BTC").GetProperty("free").GetString());
        var history = await client.SignedAsync(HttpMethod.Get, "/wapi/v1/depositHistory", []);
        Assert.Equal(1, history.GetArrayLength());
    }

    [Fact]
    public async Task Streams_are_served_on_the_same_port()
    {
        await using var venue = await JexSimVenue.StartAsync();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(venue.WebSocketAddress, "ws/btcusdt@spotDepth5"), CancellationToken.None);
        var buffer = new byte[16 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = await socket.ReceiveAsync(buffer, timeout.Token);
        var depth = JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, received.Count)).RootElement;
        Assert.Equal("30000.00000000", depth.GetProperty("asks")[0][0].GetString());
    }

    [Fact]
    public async Task An_admin_token_is_sent_by_the_helpers_and_required_from_everyone_else()
    {
        await using var venue = await JexSimVenue.StartAsync(o => o.AdminToken = "s3cret");
        Assert.Equal(JsonValueKind.Object, (await venue.AdminAsync(HttpMethod.Get, "clock")).ValueKind);
        using var http = venue.CreateHttpClient();
        using var refused = await http.GetAsync("admin/v1/clock");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public void README_example_is_this_projects_ReadmeExampleTests_file()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "README.md"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("README.md not found");
        string readme = File.ReadAllText(Path.Combine(root, "README.md")).Replace("\r\n", "\n");
        string example = File.ReadAllText(Path.Combine(root, "tests", "JexSim.Testing.Tests", "ReadmeExampleTests.cs")).Replace("\r\n", "\n");
        string shown = string.Join("\n", example.Split('\n').Skip(1)).Trim(); // without the first comment line
        Assert.Contains(shown, readme);
    }
}
