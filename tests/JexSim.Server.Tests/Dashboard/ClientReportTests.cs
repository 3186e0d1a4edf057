using System.Net;
using System.Text.Json;
using JexSim.Server.Tests.Infrastructure;
using AdminApi = JexSim.Server.Tests.Simulation.Admin;

namespace JexSim.Server.Tests.Dashboard;

/// <summary>GET /admin/v1/report: what one client did since the last reset.</summary>
public class ClientReportTests
{
    private const string Order = "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=";

    [Fact]
    public async Task Counts_endpoints_errors_with_reasons_peak_weight_and_orders_per_key()
    {
        using var venue = new JexSimFactory();
        var alice = venue.Alice();
        var bob = venue.Bob();
        var admin = new AdminApi(venue.CreateClient());

        for (int i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", Order + (29000 + i))).Status);
        var tooSmall = await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.0001&price=100");
        Assert.Equal(-9000, tooSmall.Code); // the symbol's filters (min notional)
        var forged = venue.ClientFor(DemoAccounts.AliceKey, "not-the-secret");
        Assert.Equal(-1022, (await forged.Signed(HttpMethod.Get, "/api/v1/account")).Code);
        await alice.Public(HttpMethod.Get, "/api/v1/spot/depth", "symbol=BTCUSDT");           // no key header: not alice's
        await alice.Public(HttpMethod.Get, "/api/v1/spot/ticker/24hr", "", withKey: true);     // weight 40 without symbol
        await bob.Signed(HttpMethod.Get, "/api/v1/account");

        var report = (await admin.Ok(HttpMethod.Get, $"/report?apiKey={DemoAccounts.AliceKey}")).Json;
        Assert.Equal(DemoAccounts.AliceKey, report.GetProperty("apiKey").GetString());
        Assert.Equal(6, report.GetProperty("requests").GetInt32());
        Assert.Equal(4, report.GetProperty("accepted").GetInt32());
        Assert.Equal(2, report.GetProperty("rejected").GetInt32());

        var endpoints = report.GetProperty("endpoints").EnumerateArray().ToDictionary(e => e.GetProperty("endpoint").GetString()!, e => (e.GetProperty("count").GetInt32(), e.GetProperty("rejected").GetInt32()));
        Assert.Equal((4, 1), endpoints["POST /api/v1/spot/order"]);
        Assert.Equal((1, 1), endpoints["GET /api/v1/account"]);
        Assert.Equal((1, 0), endpoints["GET /api/v1/spot/ticker/24hr"]);
        Assert.False(endpoints.ContainsKey("GET /api/v1/spot/depth"));

        var errors = report.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("code").GetInt32());
        Assert.Equal(2, errors.Count);
        Assert.Equal(401, errors[-1022].GetProperty("status").GetInt32());
        Assert.Equal("Signature for this request is not valid.", errors[-1022].GetProperty("reasons")[0].GetString());
        Assert.Equal(tooSmall.Msg, errors[-9000].GetProperty("reasons")[0].GetString());
        Assert.Equal("POST /api/v1/spot/order", errors[-9000].GetProperty("endpoints")[0].GetString());

        // The clock stands still: everything fell in one minute and one second.
        var limits = report.GetProperty("rateLimits");
        Assert.Equal(4 + 1 + 40, limits.GetProperty("requestWeight").GetProperty("peak").GetInt32());
        Assert.Equal(1200, limits.GetProperty("requestWeight").GetProperty("limit").GetInt32());
        Assert.Equal(JexSimFactory.StartTime, limits.GetProperty("requestWeight").GetProperty("peakAt").GetInt64());
        Assert.Equal(4, limits.GetProperty("orders").GetProperty("peak").GetInt32()); // the -9000 order counts, as the ORDERS limit counts it
        Assert.Equal(0.4, limits.GetProperty("orders").GetProperty("used").GetDouble());

        var everything = (await admin.Ok(HttpMethod.Get, "/report")).Json;
        Assert.Equal(JsonValueKind.Null, everything.GetProperty("apiKey").ValueKind);
        Assert.Equal(8, everything.GetProperty("requests").GetInt32());
    }

    [Fact]
    public async Task Orders_peak_per_second_follows_the_venue_clock()
    {
        using var venue = new JexSimFactory();
        var alice = venue.Alice();
        var admin = new AdminApi(venue.CreateClient());
        await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", Order + "29000");
        await admin.Advance(1000);
        await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", Order + "29001");
        await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", Order + "29002");
        await admin.Advance(60_000);
        await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", Order + "29003");

        var orders = (await admin.Ok(HttpMethod.Get, $"/report?apiKey={DemoAccounts.AliceKey}")).Json.GetProperty("rateLimits").GetProperty("orders");
        Assert.Equal(2, orders.GetProperty("peak").GetInt32());
        Assert.Equal(JexSimFactory.StartTime + 1000, orders.GetProperty("peakAt").GetInt64());
    }

    [Fact]
    public async Task Lists_signed_requests_near_the_edge_of_recvWindow_and_past_it()
    {
        using var venue = new JexSimFactory();
        var alice = venue.Alice();
        var admin = new AdminApi(venue.CreateClient());
        long now = JexSimFactory.StartTime;
        await alice.Signed(HttpMethod.Get, "/api/v1/account", $"timestamp={now - 1000}");                   // 20 %: fine
        await alice.Signed(HttpMethod.Get, "/api/v1/account", $"timestamp={now - 4200}");                   // 84 %
        await alice.Signed(HttpMethod.Get, "/api/v1/account", $"recvWindow=10000&timestamp={now - 9000}");  // 90 % of 10000
        Assert.Equal(-1021, (await alice.Signed(HttpMethod.Get, "/api/v1/account", $"timestamp={now - 7000}")).Code);
        await alice.Signed(HttpMethod.Get, "/api/v1/account", $"timestamp={now + 900}");                    // 900 ms ahead

        var drift = (await admin.Ok(HttpMethod.Get, $"/report?apiKey={DemoAccounts.AliceKey}")).Json.GetProperty("recvWindow");
        Assert.Equal(5, drift.GetProperty("signedRequests").GetInt32());
        Assert.Equal(9000, drift.GetProperty("maxDriftMs").GetInt64());
        Assert.Equal(1.4, drift.GetProperty("maxWindowUsed").GetDouble());
        var near = drift.GetProperty("nearEdge").EnumerateArray().ToList(); // newest first
        Assert.Equal([-900L, 7000, 9000, 4200], near.Select(n => n.GetProperty("driftMs").GetInt64()));
        Assert.Equal(-1021, near[1].GetProperty("code").GetInt32());
        Assert.Equal(10000, near[2].GetProperty("recvWindow").GetInt64());
        Assert.Equal(0.84, near[3].GetProperty("windowUsed").GetDouble());
        Assert.Equal(0.9, near[0].GetProperty("windowUsed").GetDouble());
    }

    [Fact]
    public async Task A_reset_starts_the_report_over_and_an_unknown_key_has_an_empty_report()
    {
        using var venue = new JexSimFactory();
        var admin = new AdminApi(venue.CreateClient());
        await venue.Alice().Signed(HttpMethod.Post, "/api/v1/spot/order", Order + "29000");
        Assert.Equal(1, (await admin.Ok(HttpMethod.Get, $"/report?apiKey={DemoAccounts.AliceKey}")).Json.GetProperty("requests").GetInt32());

        await admin.Advance(5000);
        await admin.Ok(HttpMethod.Post, "/reset");
        var report = (await admin.Ok(HttpMethod.Get, $"/report?apiKey={DemoAccounts.AliceKey}")).Json;
        Assert.Equal(0, report.GetProperty("requests").GetInt32());
        Assert.Equal(JexSimFactory.StartTime, report.GetProperty("since").GetInt64());
        Assert.Empty(report.GetProperty("endpoints").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("rateLimits").GetProperty("orders").GetProperty("peakAt").ValueKind);

        var unknown = (await admin.Ok(HttpMethod.Get, "/report?apiKey=nobody")).Json;
        Assert.Equal(0, unknown.GetProperty("requests").GetInt32());
    }

    [Fact]
    public async Task Needs_the_admin_token_when_one_is_set()
    {
        using var venue = new JexSimFactory(settings: new() { ["JexSim:AdminToken"] = "t0ken" });
        var http = venue.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/admin/v1/report")).StatusCode);
        http.DefaultRequestHeaders.Add("X-JEXSIM-ADMIN-TOKEN", "t0ken");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/admin/v1/report")).StatusCode);
    }
}
