using System.Net;
using JexSim.Server.Cli;
using JexSim.Server.Venue;
using Microsoft.Extensions.DependencyInjection;
using JexSim.Server.Tests.Infrastructure;
using JexSim.Server.Tests.Spot;
using JexSim.Server.Tests.Simulation;

namespace JexSim.Server.Tests.Hardening;

/// <summary>README's CI recipe for a whole suite: virtual clock, limits on, a reset between tests, a health check apart.</summary>
public sealed class CiRecipeTests
{
    private static readonly string[] Assets = ["BTC", "USDT", "ETH", "JEX", "LTC"];

    private static Dictionary<string, string?> LimitsOn(int weightPerMinute = 1200) => new()
    {
        ["JexSim:RateLimits:Enabled"] = "true",
        ["JexSim:RateLimits:RequestWeightPerMinute"] = weightPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// 25 tests of 200 requests each (5,000 in all, 2,000 orders) on the virtual clock with the spec's limits on, as the
    /// README says: reset before each test (it rewinds the clock and clears the counters), sign with the server's time, at
    /// most 10 orders per venue second. No request may be refused, and after every test the ledger invariants and every
    /// asset's supply hold. (Reset_and_DELETE_rateLimits_clear_counters_and_bans shows the counters do refuse otherwise.)
    /// </summary>
    [Fact]
    public async Task A_suite_of_5000_requests_with_limits_on_and_a_reset_between_tests_gets_no_429()
    {
        using var venue = new JexSimFactory(settings: LimitsOn());
        var admin = venue.Admin();
        var alice = venue.Alice();
        var supply = new Dictionary<string, long>();
        foreach (var a in Assets) supply[a] = await Ledger.Supply(venue, a);
        var statuses = new Dictionary<int, int>();
        int requests = 0;

        for (int test = 0; test < 25; test++)
        {
            await admin.Ok(HttpMethod.Post, "/reset");
            var open = new Stack<long>();
            int placed = 0;
            for (int i = 0; i < 200; i++)
            {
                JexResponse r;
                switch (i % 10)
                {
                    case < 4:
                        if (placed > 0 && placed % 10 == 0) await admin.Advance(1000); // ORDERS: 10 per second
                        r = await alice.Signed(HttpMethod.Post, SpotApi.Order, $"symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.01&price={29000 + i % 50}");
                        placed++;
                        if (r.Status == HttpStatusCode.OK) open.Push(r.Json.GetProperty("orderId").GetInt64());
                        break;
                    case 4:
                        r = await alice.Signed(HttpMethod.Delete, SpotApi.Order, $"symbol=BTCUSDT&orderId={open.Pop()}");
                        break;
                    case 5: r = await alice.Public(HttpMethod.Get, "/api/v1/time"); break;
                    case 6: r = await alice.Public(HttpMethod.Get, "/api/v1/spot/depth", "symbol=BTCUSDT&limit=5"); break;
                    case 7: r = await alice.Signed(HttpMethod.Get, "/api/v1/account", "", inBody: false); break;
                    case 8: r = await alice.Signed(HttpMethod.Get, "/api/v1/spot/openOrders", "symbol=BTCUSDT", inBody: false); break;
                    default: r = await alice.Public(HttpMethod.Get, "/api/v1/spot/ticker/price", "symbol=BTCUSDT"); break;
                }
                requests++;
                statuses[(int)r.Status] = statuses.GetValueOrDefault((int)r.Status) + 1;
            }
            await Ledger.AssertHolds(venue);
            foreach (var a in Assets) Assert.Equal(supply[a], await Ledger.Supply(venue, a));
        }

        Assert.Equal(5000, requests);
        Assert.Equal($"200:{requests}", string.Join(" ", statuses.Select(s => $"{s.Key}:{s.Value}")));
    }

    [Fact]
    public async Task Reset_and_DELETE_rateLimits_clear_counters_and_bans()
    {
        using var venue = new JexSimFactory(settings: LimitsOn(weightPerMinute: 10));
        var admin = venue.Admin();
        var alice = venue.Alice();
        async Task<HttpStatusCode> Time() => (await alice.Public(HttpMethod.Get, "/api/v1/time")).Status;

        for (int i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.OK, await Time());
        Assert.Equal(HttpStatusCode.TooManyRequests, await Time());
        await admin.Ok(HttpMethod.Post, "/reset");
        Assert.Equal(HttpStatusCode.OK, await Time());

        for (int i = 0; i < 20 && await Time() != (HttpStatusCode)418; i++) { }
        Assert.Equal((HttpStatusCode)418, await Time()); // banned
        var status = (await admin.Ok(HttpMethod.Get, "/rateLimits")).Json;
        Assert.Equal(1, status.GetProperty("refusingClients").GetInt32());
        // The health check is not rate-limited, journaled or faulted.
        await admin.Ok(HttpMethod.Post, "/faults", new { route = "*", status = 503 });
        long journaled = (await admin.Ok(HttpMethod.Get, "/journal")).Json.GetProperty("count").GetInt64();
        var health = await venue.CreateClient().GetAsync(HealthCheck.Path);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("\"state\":\"running\"", await health.Content.ReadAsStringAsync());
        Assert.Equal(journaled, (await admin.Ok(HttpMethod.Get, "/journal")).Json.GetProperty("count").GetInt64());
        await admin.Ok(HttpMethod.Delete, "/faults");

        await admin.Ok(HttpMethod.Delete, "/rateLimits");
        Assert.Equal(HttpStatusCode.OK, await Time());
        Assert.Equal(0, (await admin.Ok(HttpMethod.Get, "/rateLimits")).Json.GetProperty("refusingClients").GetInt32());
    }

    [Fact]
    public async Task Health_answers_503_with_the_writers_state_once_the_writer_is_not_running()
    {
        using var venue = new JexSimFactory();
        var client = venue.CreateClient();
        var ok = await client.GetAsync(HealthCheck.Path);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using (var json = System.Text.Json.JsonDocument.Parse(await ok.Content.ReadAsStringAsync()))
        {
            Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
            Assert.Equal(SequencerHealth.Running, json.RootElement.GetProperty("writer").GetProperty("state").GetString());
        }

        // A writer that has stopped takes no more changes: the check fails, naming the state, so a supervisor restarts it.
        await venue.Services.GetRequiredService<ExchangeVenue>().Sequencer.DisposeAsync();
        var down = await client.GetAsync(HealthCheck.Path);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        using var body = System.Text.Json.JsonDocument.Parse(await down.Content.ReadAsStringAsync());
        Assert.Equal(SequencerHealth.Stopped, body.RootElement.GetProperty("status").GetString());
        Assert.Equal(SequencerHealth.Stopped, body.RootElement.GetProperty("writer").GetProperty("state").GetString());
    }

    [Theory]
    [InlineData(null, null, "http://127.0.0.1:8080")]
    [InlineData("http://0.0.0.0:9090", null, "http://127.0.0.1:9090")]
    [InlineData("http://+:7000;https://+:7001", null, "http://127.0.0.1:7000")]
    [InlineData("http://localhost:5005", null, "http://127.0.0.1:5005")]
    [InlineData(null, "8181", "http://127.0.0.1:8181")]
    public void The_healthcheck_cli_finds_the_configured_port(string? urls, string? ports, string expected) =>
        Assert.Equal(expected, HealthCheck.LocalUrl(urls, ports));
}
