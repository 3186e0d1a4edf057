using System.Net;
using JexSim.Server.Simulation;
using JexSim.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace JexSim.Server.Tests.Simulation;

public sealed class ResetAndSnapshotTests
{
    /// <summary>Everything a client or the admin API can see, as text: balances, open orders, trades, depth, clock, prices.</summary>
    private static async Task<string> State(JexSimFactory venue)
    {
        var sb = new System.Text.StringBuilder();
        var admin = venue.Admin();
        sb.AppendLine((await admin.Ok(HttpMethod.Get, "/accounts")).Body);
        sb.AppendLine((await admin.Ok(HttpMethod.Get, "/clock")).Body);
        sb.AppendLine((await admin.Ok(HttpMethod.Get, "/prices")).Body);
        foreach (var symbol in new[] { "BTCUSDT", "ETHUSDT" })
        {
            sb.AppendLine((await venue.Alice().Public(HttpMethod.Get, "/api/v1/spot/depth", $"symbol={symbol}&limit=60")).Body);
            sb.AppendLine((await venue.Alice().Signed(HttpMethod.Get, "/api/v1/spot/historyOrders", $"symbol={symbol}")).Body);
            foreach (var t in venue.AllTrades(symbol)) sb.AppendLine(t.ToString());
            sb.AppendLine((await venue.Alice().Public(HttpMethod.Get, "/api/v1/spot/klines", $"symbol={symbol}&interval=1m")).Body);
        }
        return sb.ToString();
    }

    [Fact]
    public async Task A_snapshot_restores_the_whole_venue_exactly_and_the_simulation_replays_from_it()
    {
        using var venue = new JexSimFactory("default.json");
        var admin = venue.Admin();
        var alice = venue.Alice();
        await admin.Advance(30_000);
        await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.02&price=29900");
        await admin.Ok(HttpMethod.Post, "/snapshots", new { name = "before" });
        var saved = await State(venue);

        await admin.Advance(60_000);
        var after1 = await State(venue);
        await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=ETHUSDT&side=SELL&type=MARKET&quantity=1");
        await admin.Ok(HttpMethod.Post, "/accounts", new { balances = new Dictionary<string, string> { ["USDT"] = "5" } });
        Assert.NotEqual(saved, await State(venue));

        var restored = await admin.Ok(HttpMethod.Post, "/snapshots/before/restore");
        Assert.Equal(JexSimFactory.StartTime + 30_000, restored.Json.GetProperty("clock").GetProperty("time").GetInt64());
        Assert.Equal(saved, await State(venue));

        // Feeds and agents continue exactly as they did the first time.
        await admin.Advance(60_000);
        Assert.Equal(after1, await State(venue));

        // A new order gets the next id after the snapshot's, as it would have then.
        var placed = await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.01&price=20000");
        Assert.Equal(HttpStatusCode.OK, placed.Status);
    }

    [Fact]
    public async Task Snapshot_names_are_checked_and_unknown_ones_are_404()
    {
        using var venue = new JexSimFactory();
        var admin = venue.Admin();
        Assert.Equal("name", (await admin.Post("/snapshots", new { })).Field());
        Assert.Equal("name", (await admin.Post("/snapshots", new { name = "a b/c" })).Field());
        var missing = await admin.Post("/snapshots/nope/restore");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal("name", missing.Field());
        // Stream publishers learn that the whole state was replaced from the commit: every listenKey is closed by then.
        var bob = venue.Bob();
        async Task<string> ListenKey() => (await bob.Public(HttpMethod.Post, "/api/v1/userDataStream", withKey: true)).Json.GetProperty("listenKey").GetString()!;
        Task<JexResponse> KeepAlive(string key) => bob.Public(HttpMethod.Put, "/api/v1/userDataStream", "listenKey=" + key, withKey: true);
        string key = await ListenKey();
        await admin.Ok(HttpMethod.Post, "/snapshots", new { name = "x" });
        Assert.Single((await admin.Ok(HttpMethod.Get, "/snapshots")).Json.EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await KeepAlive(key)).Status); // a snapshot replaces nothing
        await admin.Ok(HttpMethod.Post, "/snapshots/x/restore");
        Assert.Equal(-1125, (await KeepAlive(key)).Code);
        key = await ListenKey();
        await admin.Ok(HttpMethod.Post, "/reset");
        Assert.Equal(-1125, (await KeepAlive(key)).Code);
        await admin.Ok(HttpMethod.Delete, "/snapshots/x");
        Assert.Empty((await admin.Ok(HttpMethod.Get, "/snapshots")).Json.EnumerateArray());
    }

    [Fact]
    public async Task Reset_puts_the_fixture_back_clock_included_and_clears_faults_and_journal()
    {
        using var venue = new JexSimFactory("default.json");
        var fresh = await State(venue);
        var admin = venue.Admin();
        var alice = venue.Alice();
        await admin.Advance(120_000);
        await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.1");
        var created = await admin.Ok(HttpMethod.Post, "/accounts", new { });
        await admin.Ok(HttpMethod.Post, "/faults", new { route = "/nothing", status = 503 });

        var reset = await admin.Ok(HttpMethod.Post, "/reset");
        Assert.Equal("default", reset.Json.GetProperty("name").GetString());
        Assert.Equal(0, (await admin.Ok(HttpMethod.Get, "/journal")).Json.GetProperty("count").GetInt32());

        Assert.Equal(fresh, await State(venue));
        Assert.Empty((await admin.Ok(HttpMethod.Get, "/faults")).Json.EnumerateArray());
        var gone = await venue.ClientFor(created.Json.GetProperty("apiKey").GetString()!, created.Json.GetProperty("secretKey").GetString()!)
            .Signed(HttpMethod.Get, "/api/v1/spot/openOrders", "symbol=BTCUSDT");
        Assert.Equal(-2015, gone.Code); // the account made after the fixture is gone
        Assert.Equal(HttpStatusCode.OK, (await alice.Signed(HttpMethod.Get, "/api/v1/spot/openOrders", "symbol=BTCUSDT")).Status);
    }

    [Fact]
    public async Task Reset_can_switch_fixtures_and_refuses_a_bad_one_without_changing_anything()
    {
        var mine = Directory.CreateTempSubdirectory("jexsim-my-fixtures"); // a folder of one's own fixtures, allowed by configuration
        using var venue = new JexSimFactory(settings: new() { ["JexSim:FixtureFolders:0"] = mine.FullName });
        var admin = venue.Admin();

        await admin.Advance(10_000);
        Assert.Empty(venue.AllTrades("BTCUSDT")); // quiet: nothing moves

        var lively = await admin.Ok(HttpMethod.Post, "/reset", new { fixture = JexSimFactory.FixturePath("default.json") });
        Assert.Equal("default", lively.Json.GetProperty("name").GetString());
        Assert.Equal(JexSimFactory.StartTime, await admin.Now());
        await admin.Advance(10_000);
        Assert.NotEmpty(venue.AllTrades("BTCUSDT"));

        var missing = await admin.Post("/reset", new { fixture = "/no/such/fixture.json" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Equal("fixture", missing.Field());
        Assert.NotEmpty(venue.AllTrades("BTCUSDT")); // unchanged

        var unaffordable = Path.Combine(mine.FullName, "unaffordable.json");
        File.WriteAllText(unaffordable, File.ReadAllText(JexSimFactory.FixturePath("quiet.json")).Replace("\"quantity\": \"0.5\"", "\"quantity\": \"5000\""));
        long now = await admin.Now();
        var refused = await admin.Post("/reset", new { fixture = unaffordable });
        Assert.Equal("fixture", refused.Field());
        Assert.Contains("rejected", refused.Msg);
        Assert.Equal(now, await admin.Now());
        Assert.NotEmpty(venue.AllTrades("BTCUSDT")); // still the lively market it was
        Assert.Equal(HttpStatusCode.OK, (await venue.Alice().Signed(HttpMethod.Get, "/api/v1/spot/openOrders", "symbol=BTCUSDT")).Status);

        var back = await admin.Ok(HttpMethod.Post, "/reset", new { fixture = "quiet.json" }); // a bare name: in the fixtures folder
        Assert.Equal("quiet", back.Json.GetProperty("name").GetString());
        await admin.Advance(10_000);
        Assert.Empty(venue.AllTrades("BTCUSDT"));
        mine.Delete(recursive: true);
    }
}
