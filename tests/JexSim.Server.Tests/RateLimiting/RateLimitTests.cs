using System.Net;
using System.Text.Json;
using JexSim.Server.Api.Catalogue;
using JexSim.Server.RateLimiting;
using JexSim.Server.Tests.Infrastructure;

namespace JexSim.Server.Tests.RateLimiting;

/// <summary>The limits exchangeInfo advertises, enforced on the venue clock (driven with Advance, never slept on).</summary>
public sealed class RateLimitTests
{
    private const string AllTickers = "/api/v1/spot/ticker/24hr"; // weight 40 without symbol

    private static JexSimFactory Venue(params (string Key, string Value)[] settings)
    {
        var all = new Dictionary<string, string?> { ["JexSim:RateLimits:Enabled"] = "true" };
        foreach (var (k, v) in settings) all[$"JexSim:RateLimits:{k}"] = v;
        return new JexSimFactory(settings: all);
    }

    private static int Header(JexResponse r, string name) => int.Parse(Assert.Single(r.Headers.GetValues(name)));

    private static int RetryAfter(JexResponse r) => (int)r.Headers.RetryAfter!.Delta!.Value.TotalSeconds;

    [Fact]
    public async Task Weight_past_the_limit_gets_429_then_continuing_gets_escalating_418_bans_that_end()
    {
        using var venue = Venue();
        var client = venue.Alice();

        // 1200 weight per minute: 30 whole-market tickers of weight 40 fit exactly.
        for (int i = 1; i <= 30; i++)
        {
            var ok = await client.Public(HttpMethod.Get, AllTickers);
            Assert.Equal(HttpStatusCode.OK, ok.Status);
            Assert.Equal(40 * i, Header(ok, RateLimitHeaders.UsedWeight1M));
            Assert.Equal(40 * i, Header(ok, RateLimitHeaders.UsedWeight));
        }

        venue.Clock.Advance(TimeSpan.FromSeconds(15));
        var limited = await client.Public(HttpMethod.Get, "/api/v1/ping");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal(-1003, limited.Code);
        Assert.Equal("Too much request weight used; current limit is 1200 request weight per 1 MINUTE. Please use the websocket for live updates to avoid polling the API.", limited.Msg);
        Assert.Equal(45, RetryAfter(limited)); // until the minute window ends
        Assert.Equal(1200, Header(limited, RateLimitHeaders.UsedWeight1M));

        // Not backing off: more 429s, then a 418 ban of 2 minutes.
        for (int i = 2; i <= JexRateLimiter.RefusalsBeforeBan; i++)
            Assert.Equal(HttpStatusCode.TooManyRequests, (await client.Public(HttpMethod.Get, "/api/v1/ping")).Status);
        var banned = await client.Public(HttpMethod.Get, "/api/v1/ping");
        long bannedUntil = venue.Clock.NowMs + 120_000;
        Assert.Equal((HttpStatusCode)418, banned.Status);
        Assert.Equal(-1003, banned.Code);
        Assert.Equal($"Way too much request weight used; IP banned until {bannedUntil}. Please use the websocket for live updates to avoid bans.", banned.Msg);
        Assert.Equal(120, RetryAfter(banned));

        // The ban holds for its whole duration, even after the weight window reset...
        venue.Clock.Advance(TimeSpan.FromSeconds(119));
        var stillBanned = await client.Public(HttpMethod.Get, "/api/v1/ping");
        Assert.Equal((HttpStatusCode)418, stillBanned.Status);
        Assert.Equal(1, RetryAfter(stillBanned));

        // ...and ends after it.
        venue.Clock.Advance(TimeSpan.FromSeconds(1));
        var free = await client.Public(HttpMethod.Get, "/api/v1/ping");
        Assert.Equal(HttpStatusCode.OK, free.Status);
        Assert.Equal(1, Header(free, RateLimitHeaders.UsedWeight1M));

        // A repeat offender's next ban is longer (5 minutes, per the documented schedule).
        while ((await client.Public(HttpMethod.Get, AllTickers)).Status == HttpStatusCode.OK) { }
        JexResponse next;
        do next = await client.Public(HttpMethod.Get, "/api/v1/ping");
        while (next.Status == HttpStatusCode.TooManyRequests);
        Assert.Equal((HttpStatusCode)418, next.Status);
        Assert.Equal(JexRateLimiter.BanSchedule[1].TotalSeconds, RetryAfter(next));
    }

    [Fact]
    public async Task Raw_requests_are_limited_per_5_minutes_with_the_configured_value()
    {
        using var venue = Venue(("RawRequestsPer5Minutes", "20"));
        var client = venue.Alice();
        for (int i = 0; i < 20; i++) Assert.Equal(HttpStatusCode.OK, (await client.Public(HttpMethod.Get, "/api/v1/ping")).Status);

        venue.Clock.Advance(TimeSpan.FromSeconds(100)); // a new minute: weight is free again, raw requests are not
        var limited = await client.Public(HttpMethod.Get, "/api/v1/ping");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal(-1003, limited.Code);
        Assert.Equal("Too many requests; current limit is 20 requests per 5 MINUTE. Please use the websocket for live updates to avoid polling the API.", limited.Msg);
        Assert.Equal(200, RetryAfter(limited));

        venue.Clock.Advance(TimeSpan.FromSeconds(200));
        Assert.Equal(HttpStatusCode.OK, (await client.Public(HttpMethod.Get, "/api/v1/ping")).Status);
    }

    [Fact]
    public async Task Orders_per_second_are_counted_in_headers_and_the_eleventh_gets_429()
    {
        using var venue = Venue();
        var alice = venue.Alice();
        const string restingBuy = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.01&price=1000";

        for (int i = 1; i <= 10; i++)
        {
            var placed = await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", restingBuy);
            Assert.Equal(HttpStatusCode.OK, placed.Status);
            Assert.Equal(i, Header(placed, RateLimitHeaders.OrderCount1S));
            Assert.Equal(i, Header(placed, RateLimitHeaders.OrderCount1D));
            Assert.Equal(i, Header(placed, RateLimitHeaders.UsedWeight1M));
        }
        var refused = await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", restingBuy);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal(-1015, refused.Code);
        Assert.Equal("Too many new orders; current limit is 10 orders per SECOND.", refused.Msg);
        Assert.Equal(1, RetryAfter(refused));

        // Other endpoints and other accounts are not held back by alice's order count.
        Assert.Equal(HttpStatusCode.OK, (await alice.Signed(HttpMethod.Get, "/api/v1/spot/openOrders", "symbol=BTCUSDT")).Status);
        Assert.Equal(HttpStatusCode.OK, (await venue.Bob().Signed(HttpMethod.Post, "/api/v1/spot/order", restingBuy)).Status);

        var open = await alice.Signed(HttpMethod.Get, "/api/v1/spot/openOrders", "symbol=BTCUSDT");
        Assert.Equal(10, open.Json.GetArrayLength()); // the refused order changed nothing

        venue.Clock.Advance(TimeSpan.FromSeconds(1));
        var again = await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", restingBuy);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(1, Header(again, RateLimitHeaders.OrderCount1S));
        Assert.Equal(11, Header(again, RateLimitHeaders.OrderCount1D));
    }

    [Fact]
    public async Task Orders_per_day_use_the_configured_value_and_reset_at_midnight()
    {
        using var venue = Venue(("OrdersPerDay", "3"));
        var alice = venue.Alice();
        const string restingBuy = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.01&price=1000";
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", restingBuy)).Status);
            venue.Clock.Advance(TimeSpan.FromSeconds(10));
        }
        venue.Clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromSeconds(60)); // 23:59:30 UTC of the venue clock
        var refused = await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", restingBuy);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal(-1015, refused.Code);
        Assert.Equal("Too many new orders; current limit is 3 orders per DAY.", refused.Msg);
        Assert.Equal(30, RetryAfter(refused));
        venue.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", restingBuy)).Status);
    }
}

/// <summary>Counting follows the catalogue's weights, holds under concurrency, and can be turned off.</summary>
public sealed class RateLimitAccountingTests
{
    private static int UsedWeight(JexResponse r) => int.Parse(Assert.Single(r.Headers.GetValues(RateLimitHeaders.UsedWeight1M)));

    [Fact]
    public async Task Every_catalogue_endpoint_charges_its_declared_weight_even_when_the_request_fails()
    {
        using var venue = new JexSimFactory(settings: new() { ["JexSim:RateLimits:Enabled"] = "true" });
        var client = venue.Alice();
        int before = 0;
        foreach (var endpoint in JexCatalogue.Endpoints)
        {
            foreach (var query in new[] { "", "symbol=BTCUSDT" })
            {
                var response = await client.Public(new HttpMethod(endpoint.Method), endpoint.Path, query);
                Assert.NotEqual(HttpStatusCode.TooManyRequests, response.Status);
                int used = UsedWeight(response);
                Assert.True(endpoint.Weight.For(query.Length > 0) == used - before, $"{endpoint.Key}?{query}: charged {used - before}, declared {endpoint.Weight}");
                before = used;
            }
            venue.Clock.Advance(TimeSpan.FromMinutes(1)); // a fresh window per endpoint
            before = 0;
        }
    }

    [Fact]
    public async Task Unknown_routes_and_wrong_methods_are_counted_with_weight_1()
    {
        using var venue = new JexSimFactory(settings: new() { ["JexSim:RateLimits:Enabled"] = "true" });
        var client = venue.Alice();
        Assert.Equal(1, UsedWeight(await client.Public(HttpMethod.Get, "/api/v1/nowhere")));
        Assert.Equal(2, UsedWeight(await client.Public(HttpMethod.Delete, "/api/v1/ping")));
    }

    [Fact]
    public async Task Concurrent_requests_lose_no_count()
    {
        using var venue = new JexSimFactory(settings: new() { ["JexSim:RateLimits:Enabled"] = "true" });
        var client = venue.Alice();
        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => client.Public(HttpMethod.Get, "/api/v1/ping")));
        Assert.Equal(201, UsedWeight(await client.Public(HttpMethod.Get, "/api/v1/ping")));
    }

    [Fact]
    public void The_window_counter_is_exact_under_parallel_adds_and_resets_with_the_window()
    {
        var counter = new FixedWindowCounter(60_000);
        int accepted = 0;
        Parallel.For(0, 10_000, _ => { if (counter.TryAdd(120_000, 1, 5_000, out _)) Interlocked.Increment(ref accepted); });
        Assert.Equal(5_000, accepted);
        Assert.Equal(5_000, counter.Used(179_999));
        Assert.Equal(0, counter.Used(180_000));
        Assert.True(counter.TryAdd(180_000, 7, 10, out int used));
        Assert.Equal(7, used);
        Assert.False(counter.TryAdd(180_001, 4, 10, out used));
        Assert.Equal(7, used);
    }

    [Fact]
    public async Task Disabled_limits_count_nothing_and_send_no_headers()
    {
        using var venue = new JexSimFactory(settings: new() { ["JexSim:RateLimits:Enabled"] = "false" });
        var client = venue.Alice();
        JexResponse last = null!;
        for (int i = 0; i < 40; i++) last = await client.Public(HttpMethod.Get, "/api/v1/spot/ticker/24hr"); // 1600 weight
        Assert.Equal(HttpStatusCode.OK, last.Status);
        Assert.False(last.Headers.Contains(RateLimitHeaders.UsedWeight));
    }

    [Fact]
    public async Task ExchangeInfo_reports_the_configured_limits()
    {
        using var venue = new JexSimFactory(settings: new()
        {
            ["JexSim:RateLimits:RequestWeightPerMinute"] = "600",
            ["JexSim:RateLimits:RawRequestsPer5Minutes"] = "700",
            ["JexSim:RateLimits:OrdersPerSecond"] = "5",
            ["JexSim:RateLimits:OrdersPerDay"] = "800",
        });
        var info = await venue.Alice().Public(HttpMethod.Get, "/api/v1/exchangeInfo");
        var limits = info.Json.GetProperty("rateLimits").EnumerateArray()
            .Select(l => $"{l.GetProperty("rateLimitType").GetString()} {l.GetProperty("intervalNum").GetInt32()} {l.GetProperty("interval").GetString()} {l.GetProperty("limit").GetInt32()}")
            .ToArray();
        Assert.Equal(["requestsWeight 1 minute 600", "orders 1 second 5", "orders 1 day 800", "rawRequests 5 minute 700"], limits);
    }

    [Fact]
    public async Task ExchangeInfo_reports_the_spec_defaults()
    {
        using var venue = new JexSimFactory();
        var info = await venue.Alice().Public(HttpMethod.Get, "/api/v1/exchangeInfo");
        var limits = info.Json.GetProperty("rateLimits").EnumerateArray().Select(l => l.GetProperty("limit").GetInt32()).ToArray();
        Assert.Equal([1200, 10, 100_000, 5000], limits);
    }

    [Fact]
    public void Zero_or_negative_limits_fail_at_start_up()
    {
        using var venue = new JexSimFactory(settings: new() { ["JexSim:RateLimits:OrdersPerSecond"] = "0" });
        var e = Assert.ThrowsAny<Exception>(() => venue.CreateClient());
        Assert.Contains("OrdersPerSecond", e.ToString());
    }
}
