using System.Diagnostics;
using System.Net;
using JexSim.Server.Simulation;
using JexSim.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace JexSim.Server.Tests.Simulation;

/// <summary>Every fault type, as a client sees it.</summary>
public sealed class FaultInjectionTests
{
    private const string Depth = "/api/v1/spot/depth";

    private static Task<JexResponse> GetDepth(JexClient client) => client.Public(HttpMethod.Get, Depth, "symbol=BTCUSDT");

    [Theory]
    [InlineData("{\"route\":\"/api/v1/spot/depth\",\"latencyMs\":150}", 150)]
    [InlineData("{\"route\":\"/api/v1/spot/*\",\"latency\":{\"distribution\":\"uniform\",\"minMs\":120,\"maxMs\":160}}", 120)]
    [InlineData("{\"route\":\"*\",\"latency\":{\"distribution\":\"lognormal\",\"medianMs\":100,\"sigma\":0}}", 100)]
    public async Task Latency_delays_the_answer_which_still_succeeds(string rule, int atLeastMs)
    {
        using var venue = new JexSimFactory();
        var admin = venue.Admin();
        var client = venue.Alice();
        await GetDepth(client); // warm up
        await admin.Ok(HttpMethod.Post, "/faults", rule);

        var watch = Stopwatch.StartNew();
        var r = await GetDepth(client);
        watch.Stop();

        Assert.Equal(HttpStatusCode.OK, r.Status);
        // Timers may fire a millisecond or so before the stopwatch agrees; 5 ms of slack keeps the bound honest.
        Assert.True(watch.ElapsedMilliseconds >= atLeastMs - 5, $"answered after {watch.ElapsedMilliseconds} ms");
    }

    [Theory]
    [InlineData(503, -1001, 503, -1001)]
    [InlineData(429, null, 429, -1003)]
    [InlineData(418, null, 418, -1003)]
    [InlineData(null, -1007, 503, -1007)]
    [InlineData(500, -1000, 500, -1000)]
    [InlineData(null, -1000, 500, -1000)]
    [InlineData(null, -2015, 401, -2015)]
    [InlineData(null, -1021, 400, -1021)]
    [InlineData(null, -1015, 429, -1015)]
    [InlineData(null, -1020, 404, -1020)]
    [InlineData(400, -2015, 400, -2015)] // a status sent overrides the code's own
    public async Task Error_answers_carry_the_status_and_code(int? status, int? code, int expectedStatus, int expectedCode)
    {
        using var venue = new JexSimFactory();
        var admin = venue.Admin();
        await admin.Ok(HttpMethod.Post, "/faults", new { route = Depth, status, code });

        var r = await GetDepth(venue.Alice());

        Assert.Equal(expectedStatus, (int)r.Status);
        Assert.Equal(expectedCode, r.Code);
        if (expectedStatus is 429 or 418) Assert.True(r.Headers.RetryAfter is not null);
        var other = await venue.Alice().Public(HttpMethod.Get, "/api/v1/spot/trades", "symbol=BTCUSDT");
        Assert.Equal(HttpStatusCode.OK, other.Status); // only the matching route
    }

    [Fact]
    public async Task A_code_alone_answers_with_that_codes_real_message_and_msg_overrides_it()
    {
        using var venue = new JexSimFactory();
        await venue.Admin().Ok(HttpMethod.Post, "/faults", new { route = Depth, code = -2015, times = 1 });
        var r = await GetDepth(venue.Alice());
        Assert.Equal((401, "Invalid API-key, IP, or permissions for action."), ((int)r.Status, r.Msg));

        await venue.Admin().Ok(HttpMethod.Post, "/faults", new { route = Depth, code = -1021, msg = "clock skew drill", times = 1 });
        r = await GetDepth(venue.Alice());
        Assert.Equal((400, -1021, "clock skew drill"), ((int)r.Status, r.Code, r.Msg));
    }

    /// <summary>The option and wallet codes the venue answers with, injected alone: errors_CN.md's wording and JexSim's status.</summary>
    [Theory]
    [InlineData(-7007, 400, "asset not enough")]
    [InlineData(-7012, 400, "option not exist")]
    [InlineData(-7013, 400, "passed option exercise time")]
    [InlineData(-7014, 400, "no release option")]
    [InlineData(-7015, 400, "back amount greater than release amount")]
    [InlineData(-8000, 400, "withdraw amount error")]
    [InlineData(-8001, 403, "withdraw is forbidden")]
    [InlineData(-8003, 400, "withdraw address error")]
    [InlineData(-8004, 400, "your balance is not enough")]
    [InlineData(-8006, 400, "withdraw asset error")]
    public async Task Option_and_wallet_codes_alone_answer_with_their_spec_message(int code, int status, string msg)
    {
        using var venue = new JexSimFactory();
        await venue.Admin().Ok(HttpMethod.Post, "/faults", new { route = Depth, code, times = 1 });
        var r = await GetDepth(venue.Alice());
        Assert.Equal((status, code, msg), ((int)r.Status, r.Code, r.Msg));
    }

    [Fact]
    public async Task Error_rate_fires_on_a_seeded_share_of_requests_and_times_caps_it()
    {
        async Task<string> Pattern()
        {
            using var venue = new JexSimFactory();
            await venue.Admin().Ok(HttpMethod.Post, "/faults", new { route = "/api/v1/spot/*", errorRate = 0.5, status = 503, code = -1001 });
            var pattern = "";
            for (int i = 0; i < 40; i++) pattern += (await GetDepth(venue.Alice())).Status == HttpStatusCode.OK ? "." : "x";
            return pattern;
        }
        var first = await Pattern();
        Assert.InRange(first.Count(c => c == 'x'), 8, 32);
        Assert.Equal(first, await Pattern()); // seeded: the same run twice fails the same requests

        using var capped = new JexSimFactory();
        await capped.Admin().Ok(HttpMethod.Post, "/faults", new { route = Depth, status = 503, times = 2 });
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 4; i++) statuses.Add((await GetDepth(capped.Alice())).Status);
        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task Executed_but_unknown_the_order_is_placed_yet_the_client_gets_minus_1007()
    {
        using var venue = new JexSimFactory();
        var alice = venue.Alice();
        await venue.Admin().Ok(HttpMethod.Post, "/faults", new { route = "/api/v1/spot/order", method = "POST", executed = true });

        var r = await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.01&price=29000");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, r.Status);
        Assert.Equal(-1007, r.Code);
        Assert.Contains("execution status unknown", r.Msg);
        var open = await alice.Signed(HttpMethod.Get, "/api/v1/spot/openOrders", "symbol=BTCUSDT");
        var order = Assert.Single(open.Json.EnumerateArray());
        Assert.Equal("29000.00000000", order.GetProperty("price").GetString());
    }

    [Fact]
    public async Task Reset_connections_fail_before_the_request_runs_and_dropped_ones_after()
    {
        using var venue = new JexSimFactory();
        var admin = venue.Admin();
        var alice = venue.Alice();

        await admin.Ok(HttpMethod.Post, "/faults", new { route = "/api/v1/spot/order", connection = "reset" });
        await Assert.ThrowsAnyAsync<Exception>(() => alice.Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.01&price=29000"));
        Assert.Empty((await alice.Signed(HttpMethod.Get, "/api/v1/spot/openOrders", "symbol=BTCUSDT")).Json.EnumerateArray());

        await admin.Ok(HttpMethod.Delete, "/faults");
        await admin.Ok(HttpMethod.Post, "/faults", new { route = "/api/v1/spot/order", method = "POST", connection = "drop" });
        await Assert.ThrowsAnyAsync<Exception>(() => alice.Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.01&price=29000"));
        Assert.Single((await alice.Signed(HttpMethod.Get, "/api/v1/spot/openOrders", "symbol=BTCUSDT")).Json.EnumerateArray());
    }

    [Fact]
    public async Task Faults_are_listed_cleared_and_never_touch_the_admin_api()
    {
        using var venue = new JexSimFactory();
        var admin = venue.Admin();
        await admin.Ok(HttpMethod.Post, "/faults", new { route = "*", status = 503 });

        var listed = (await admin.Ok(HttpMethod.Get, "/faults")).Json; // the admin API still answers
        Assert.Equal("*", Assert.Single(listed.EnumerateArray()).GetProperty("route").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await GetDepth(venue.Alice())).Status);

        await admin.Ok(HttpMethod.Delete, "/faults");
        Assert.Empty((await admin.Ok(HttpMethod.Get, "/faults")).Json.EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await GetDepth(venue.Alice())).Status);
    }

    [Theory]
    [InlineData("{}", "route")]
    [InlineData("{\"route\":\"depth\",\"status\":503}", "route")]
    [InlineData("{\"route\":\"*\"}", "route")]
    [InlineData("{\"route\":\"*\",\"errorRate\":2,\"status\":503}", "errorRate")]
    [InlineData("{\"route\":\"*\",\"status\":200}", "status")]
    [InlineData("{\"route\":\"*\",\"code\":1001}", "code")]
    [InlineData("{\"route\":\"*\",\"latencyMs\":\"slow\"}", "latencyMs")]
    [InlineData("{\"route\":\"*\",\"latency\":{\"distribution\":\"uniform\",\"minMs\":5}}", "latency.maxMs")]
    [InlineData("{\"route\":\"*\",\"latency\":{\"distribution\":\"gamma\"}}", "latency.distribution")]
    [InlineData("{\"route\":\"*\",\"connection\":\"cut\"}", "connection")]
    [InlineData("{\"route\":\"*\",\"stream\":\"boom\"}", "stream")]
    [InlineData("[1]", "body")]
    public async Task Bad_rules_are_refused_naming_the_field(string body, string field)
    {
        using var venue = new JexSimFactory();
        var r = await venue.Admin().Post("/faults", body);
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal(field, r.Field());
        Assert.Empty((await venue.Admin().Ok(HttpMethod.Get, "/faults")).Json.EnumerateArray());
    }

    [Fact]
    public async Task Stream_faults_are_offered_to_the_websocket_code_through_IFaultPolicy()
    {
        // The WebSocket streams are another change; until they consult the policy, check what it answers them.
        using var venue = new JexSimFactory();
        var admin = venue.Admin();
        var policy = venue.Services.GetRequiredService<IFaultPolicy>();
        Assert.False(policy.ShouldDisconnectStream("/ws/btcusdt@trade"));

        await admin.Ok(HttpMethod.Post, "/faults", new { route = "/ws/*", stream = "disconnect", times = 1 });
        await admin.Ok(HttpMethod.Post, "/faults", new { route = "/ws/*depth*", stream = "depthGap", errorRate = 1 });

        Assert.True(policy.ShouldSkipDepthUpdate("/ws/btcusdt@depth", "BTCUSDT"));
        Assert.False(policy.ShouldSkipDepthUpdate("/ws/btcusdt@trade", "BTCUSDT"));
        Assert.True(policy.ShouldDisconnectStream("/ws/btcusdt@trade"));
        Assert.False(policy.ShouldDisconnectStream("/ws/btcusdt@trade")); // times = 1
        Assert.Equal(HttpStatusCode.OK, (await GetDepth(venue.Alice())).Status); // stream rules leave REST alone
    }
}
