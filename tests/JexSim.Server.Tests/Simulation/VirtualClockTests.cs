using System.Net;
using JexSim.Server.Simulation;
using JexSim.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace JexSim.Server.Tests.Simulation;

public sealed class VirtualClockTests
{
    [Fact]
    public async Task In_virtual_mode_nothing_happens_until_the_clock_is_advanced()
    {
        using var venue = new JexSimFactory("default.json");
        var admin = venue.Admin();

        var clock = (await admin.Ok(HttpMethod.Get, "/clock")).Json;
        Assert.Equal("virtual", clock.GetProperty("mode").GetString());
        Assert.Equal(JexSimFactory.StartTime, clock.GetProperty("time").GetInt64());
        Assert.Empty(venue.AllTrades("BTCUSDT"));
        var btc = venue.Venue().FindSymbol("BTCUSDT", Engine.MarketType.Spot)!;
        Assert.Equal(5, venue.Venue().Views.Depth(btc).AskPrices.Length); // only bob's ladder: the market maker has not quoted yet
        Assert.Equal("[]", (await admin.Ok(HttpMethod.Get, "/prices")).Body);

        await admin.Advance(60_000);

        Assert.Equal(JexSimFactory.StartTime + 60_000, await admin.Now());
        Assert.NotEmpty(venue.AllTrades("BTCUSDT"));
        Assert.True(venue.Venue().Views.Depth(btc).AskPrices.Length > 5);
    }

    [Fact]
    public async Task Advancing_an_hour_runs_every_step_in_order_so_each_minute_has_its_own_trades_and_kline()
    {
        using var venue = new JexSimFactory("default.json");
        var admin = venue.Admin();

        await admin.Advance(3_600_000);

        var trades = venue.AllTrades("BTCUSDT");
        Assert.True(trades.Zip(trades.Skip(1)).All(p => p.First.Time <= p.Second.Time), "trade times follow the clock");
        Assert.True(trades[^1].Time > JexSimFactory.StartTime + 3_500_000, "the last trades happen late in the hour, not at its start");
        var klines = (await venue.Alice().Public(HttpMethod.Get, "/api/v1/spot/klines",
            $"symbol=BTCUSDT&interval=1m&startTime={JexSimFactory.StartTime}&limit=60")).Json.EnumerateArray().ToList();
        Assert.Equal(60, klines.Count);
        for (int i = 0; i < 60; i++)
        {
            Assert.Equal(JexSimFactory.StartTime + i * 60_000L, klines[i][0].GetInt64());
            Assert.True(klines[i][8].GetInt64() > 0, $"minute {i} has trades of its own");
        }
        var index = (await admin.Ok(HttpMethod.Get, "/prices")).Json.EnumerateArray().Single(p => p.GetProperty("symbol").GetString() == "BTCUSDT");
        Assert.Equal(JexSimFactory.StartTime + 3_600_000, index.GetProperty("time").GetInt64()); // the random walk ticked up to the end
    }

    [Fact]
    public async Task The_clock_drives_kline_boundaries()
    {
        using var venue = new JexSimFactory();
        var admin = venue.Admin();
        var alice = venue.Alice();

        await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.01&price=30000");
        await admin.Advance(59_999);
        await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.01&price=30000");
        await admin.Advance(1);
        await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.5&price=30010");

        var klines = (await alice.Public(HttpMethod.Get, "/api/v1/spot/klines", "symbol=BTCUSDT&interval=1m")).Json.EnumerateArray().ToList();
        Assert.Equal(2, klines.Count);
        Assert.Equal(JexSimFactory.StartTime, klines[0][0].GetInt64());
        Assert.Equal(JexSimFactory.StartTime + 59_999, klines[0][6].GetInt64());
        Assert.Equal(2, klines[0][8].GetInt64());
        Assert.Equal(JexSimFactory.StartTime + 60_000, klines[1][0].GetInt64());
        Assert.Equal("30010.00000000", klines[1][4].GetString());
    }

    [Fact]
    public async Task Clock_can_be_set_forward_and_run_at_a_speed_but_not_go_back()
    {
        using var venue = new JexSimFactory();
        var admin = venue.Admin();

        var set = await admin.Ok(HttpMethod.Post, "/clock", new { time = JexSimFactory.StartTime + 5_000 });
        Assert.Equal(JexSimFactory.StartTime + 5_000, set.Json.GetProperty("time").GetInt64());

        var back = await admin.Post("/clock", new { time = JexSimFactory.StartTime });
        Assert.Equal(HttpStatusCode.BadRequest, back.Status);
        Assert.Equal("time", back.Field());
        var negative = await admin.Post("/clock/advance", new { ms = -1 });
        Assert.Equal("ms", negative.Field());
        var missing = await admin.Post("/clock/advance", new { });
        Assert.Equal("ms", missing.Field());
        Assert.Equal("speed", (await admin.Post("/clock", new { speed = -2 })).Field());
        Assert.Equal("body", (await admin.Post("/clock", "{not json")).Field());

        var fast = await admin.Ok(HttpMethod.Post, "/clock", new { speed = 1000 });
        Assert.Equal(1000, fast.Json.GetProperty("speed").GetDouble());
        var stopped = await admin.Ok(HttpMethod.Post, "/clock", new { speed = 0 });
        Assert.True(stopped.Json.GetProperty("time").GetInt64() >= JexSimFactory.StartTime + 5_000);
        Assert.Equal(stopped.Json.GetProperty("time").GetInt64(), await admin.Now()); // standing still again
    }

    [Fact]
    public async Task One_off_events_run_at_their_venue_time_in_order_with_the_clock_set_to_it()
    {
        using var venue = new JexSimFactory();
        var admin = venue.Admin();
        var scheduler = venue.Services.GetRequiredService<SimulationScheduler>();
        var clock = venue.Services.GetRequiredService<VenueClock>();
        var seen = new List<(string, long, long)>();
        scheduler.Schedule(JexSimFactory.StartTime + 3_000, "b", due => { seen.Add(("b", due, clock.NowMs)); return null; });
        scheduler.Schedule(JexSimFactory.StartTime + 1_000, "a", due => { seen.Add(("a", due, clock.NowMs)); return null; });
        scheduler.Schedule(JexSimFactory.StartTime + 9_000, "later", due => { seen.Add(("later", due, clock.NowMs)); return null; });

        await admin.Advance(5_000);

        Assert.Equal([("a", JexSimFactory.StartTime + 1_000, JexSimFactory.StartTime + 1_000), ("b", JexSimFactory.StartTime + 3_000, JexSimFactory.StartTime + 3_000)], seen);
    }
}
