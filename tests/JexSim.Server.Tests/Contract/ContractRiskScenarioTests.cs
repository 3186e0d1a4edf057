using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using JexSim.Server.Tests.Infrastructure;
using JexSim.Server.Tests.Simulation;
using JexSim.Server.Tests.Spot;

namespace JexSim.Server.Tests.Contract;

/// <summary>
/// Issue 12's scenarios through HTTP on quiet.json and the virtual clock: funding over three intervals; a liquidation
/// the book fills above the bankruptcy price (surplus to the fund); one filled below it (shortfall from the fund);
/// auto-deleveraging when the fund is empty. Alice opens long 0.5 @ 30005 against bob (margin 1500.25 at leverage 10,
/// liquidation price 27140.20100503, bankruptcy price 27004.5); the engine's invariants hold after each step.
/// </summary>
public sealed class ContractRiskScenarioTests
{
    private const string P = "/api/v1/contract";
    private const long Interval = 28_800_000;

    private static async Task Invariants(JexSimFactory venue) =>
        Assert.Empty(await venue.Venue().Sequencer.Inspect(core => core.CheckInvariants()));

    private static decimal Dec(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Number
        ? e.GetProperty(name).GetDecimal() : decimal.Parse(e.Str(name), CultureInfo.InvariantCulture);

    private static async Task<JsonElement?> Position(JexClient client) =>
        (await client.SignedGet($"{P}/position", "symbol=BTCUSDT")).EnumerateArray().Cast<JsonElement?>().SingleOrDefault(p => p!.Value.Str("currentQuantity") != "0.00000000");

    private static async Task<List<(string Type, decimal Amount)>> Bills(JexClient client) =>
        (await client.SignedGet($"{P}/bill", "")).EnumerateArray().Select(b => (b.Str("type"), b.GetProperty("amount").GetDecimal())).ToList();

    private static async Task<decimal> Fund(JexClient client) =>
        (await client.Get($"{P}/protectionFund", "symbol=BTCUSDT")).EnumerateArray().Last().GetProperty("insuranceFund").GetDecimal();

    private static async Task AliceOpensLong(JexClient alice)
    {
        var placed = (await alice.Signed(HttpMethod.Post, $"{P}/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.5&price=30005&newOrderRespType=RESULT")).Ok();
        Assert.Equal("filled", placed.Str("status"));
        Assert.Equal("27140.20100503", (await Position(alice))!.Value.Str("liquidationPrice"));
    }

    /// <summary>Bob takes his resting bids off the contract book.</summary>
    private static async Task BobCancelsBids(JexClient bob)
    {
        foreach (var o in (await bob.SignedGet($"{P}/openOrders", "symbol=BTCUSDT")).EnumerateArray().Where(o => o.Str("side") == "BUY").ToList())
            (await bob.Signed(HttpMethod.Delete, $"{P}/order", $"symbol=BTCUSDT&orderId={o.Str("orderId")}")).Ok();
    }

    [Fact]
    public async Task Funding_is_paid_every_interval_of_the_virtual_clock_zero_sum_and_listed()
    {
        using var venue = new JexSimFactory();
        var (alice, bob, admin) = (venue.Alice(), venue.Bob(), venue.Admin());
        await AliceOpensLong(alice);
        var info = (await alice.Get("/api/v1/contractInfo")).EnumerateArray().First();
        // Index 30000, basis 0: premium 0, so the rate is the interest 0.0001 (longs pay shorts).
        Assert.Equal((0m, 0.0001m, JexSimFactory.StartTime + Interval), (Dec(info, "fundingRate"), Dec(info, "predictedFundingRate"), info.Num("nextFundingTime")));

        // Three intervals in one advance: each funding applies at its own time, in order.
        await admin.Advance(3 * Interval);
        await Invariants(venue);
        var rates = (await alice.Get($"{P}/historyRate", "symbol=BTCUSDT")).EnumerateArray().ToList();
        Assert.Equal([JexSimFactory.StartTime + Interval, JexSimFactory.StartTime + 2 * Interval, JexSimFactory.StartTime + 3 * Interval], rates.Select(r => r.Num("date")));
        Assert.All(rates, r => Assert.Equal((0.0001m, 0.0003m, "BTCUSDT"), (Dec(r, "fundingRate"), Dec(r, "fundingRateDay"), r.Str("symbol"))));
        Assert.True(rates[0].Num("id") < rates[1].Num("id") && rates[1].Num("id") < rates[2].Num("id"));
        info = (await alice.Get("/api/v1/contractInfo")).EnumerateArray().First();
        Assert.Equal((0.0001m, JexSimFactory.StartTime + 4 * Interval), (Dec(info, "fundingRate"), info.Num("nextFundingTime")));

        // 0.5 x mark 30000 x 0.0001 = 1.5 a funding, from alice's position margin to bob's.
        Assert.Equal([-1.5m, -1.5m, -1.5m], (await Bills(alice)).Where(b => b.Type == "funding").Select(b => b.Amount));
        Assert.Equal([1.5m, 1.5m, 1.5m], (await Bills(bob)).Where(b => b.Type == "funding").Select(b => b.Amount));
        Assert.Equal("1495.75000000", (await Position(alice))!.Value.Str("positionMargin"));
        // Bob's short margin: 1500.25 + 4.5 (his open orders hold apart).
        Assert.Equal("1504.75000000", (await Position(bob))!.Value.Str("positionMargin"));

        // A restart on the last funding's instant does not pay it again.
        var restarted = venue.Restart();
        try
        {
            await restarted.Admin().Advance(1);
            Assert.Equal(3, (await restarted.Alice().Get($"{P}/historyRate", "symbol=BTCUSDT")).GetArrayLength());
            Assert.Equal("1495.75000000", (await Position(restarted.Alice()))!.Value.Str("positionMargin"));
        }
        finally { restarted.Dispose(); }
    }

    [Fact]
    public async Task A_liquidation_filled_above_the_bankruptcy_price_leaves_its_surplus_to_the_protection_fund()
    {
        using var venue = new JexSimFactory();
        var (alice, admin) = (venue.Alice(), venue.Admin());
        await AliceOpensLong(alice);
        Assert.Equal(150_000m, await Fund(alice));
        // Index 27100: the book's mid (30002.5) is clamped to +0.5% (135.5), a tenth of it: mark 27113.55 < 27140.2.
        var moved = (await admin.Put("/prices/BTCUSDT", new { price = "27100", market = "contract" })).Ok();
        Assert.Equal(("27100.00000000", "27113.55000000"), (moved.Str("indexPrice"), moved.Str("markPrice")));
        await Invariants(venue);

        Assert.Null(await Position(alice));
        // The FLAT order sold 0.5 into bob's best bid 29995: PnL -5, the 1495.25 left goes to the fund.
        var flat = (await alice.Public(HttpMethod.Get, $"{P}/liquidationOrder", "symbol=BTCUSDT", withKey: true)).Ok().EnumerateArray().Single();
        Assert.Equal(("FLAT", "SELL", "FILLED", "-0.50000000", "29995.00000000"), (flat.Str("type"), flat.Str("side"), flat.Str("status"), flat.Str("executedQty"), flat.Str("executedPrice")));
        var bills = await Bills(alice);
        Assert.Equal([("positionSize", -0.5m), ("closPosition", -5m), ("liquidation", -1495.25m)], bills.Skip(2));
        Assert.Equal(151_495.25m, await Fund(alice));
        Assert.Equal(50_000m - 7.50125m - 1500.25m, Dec((await alice.Account()).GetProperty("contractBalances")[0], "free"));
    }

    [Fact]
    public async Task A_liquidation_filled_below_the_bankruptcy_price_draws_the_shortfall_from_the_protection_fund()
    {
        using var venue = new JexSimFactory();
        var (alice, bob, admin) = (venue.Alice(), venue.Bob(), venue.Admin());
        await AliceOpensLong(alice);
        await BobCancelsBids(bob);
        (await bob.Signed(HttpMethod.Post, $"{P}/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.5&price=26500")).Ok();
        (await admin.Put("/prices/BTCUSDT", new { price = "27100", market = "contract" })).Ok();
        await Invariants(venue);

        Assert.Null(await Position(alice));
        // Sold at 26500: PnL (26500 - 30005) x 0.5 = -1752.5, 252.25 beyond the margin, paid by the fund.
        var flat = (await alice.Public(HttpMethod.Get, $"{P}/liquidationOrder", "symbol=BTCUSDT", withKey: true)).Ok().EnumerateArray().Single();
        Assert.Equal(("FLAT", "FILLED", "26500.00000000"), (flat.Str("type"), flat.Str("status"), flat.Str("executedPrice")));
        Assert.Equal([("positionSize", -0.5m), ("closPosition", -1752.5m)], (await Bills(alice)).Skip(2));
        var history = (await alice.Get($"{P}/protectionFund", "symbol=BTCUSDT")).EnumerateArray().Select(f => f.GetProperty("insuranceFund").GetDecimal()).ToList();
        Assert.Equal([150_000m, 149_747.75m], history);
        // Bob's long from the fill: 0.5 at 26500 (his short closed at a profit of 1752.5).
        Assert.Contains(("closPosition", 1752.5m), await Bills(bob));
    }

    [Fact]
    public async Task With_an_empty_fund_and_no_bids_the_liquidation_deleverages_the_profitable_short()
    {
        var node = JsonNode.Parse(File.ReadAllText(JexSimFactory.FixturePath("quiet.json")))!;
        foreach (var c in node["contractSymbols"]!.AsArray())
        {
            c!["protectionFund"] = "0";
            c["autoDeleveraging"] = "ENABLE";
        }
        var dir = Directory.CreateTempSubdirectory("jexsim-adl");
        var fixture = Path.Combine(dir.FullName, "quiet-adl.json");
        File.WriteAllText(fixture, node.ToJsonString());
        using var venue = new JexSimFactory(fixture);
        try
        {
            var (alice, bob, admin) = (venue.Alice(), venue.Bob(), venue.Admin());
            await AliceOpensLong(alice);
            await BobCancelsBids(bob);
            Assert.Equal("ENABLE", (await alice.Get("/api/v1/contractInfo")).EnumerateArray().First().Str("autoDeleveraging"));
            (await admin.Put("/prices/BTCUSDT", new { price = "27100", market = "contract" })).Ok();
            await Invariants(venue);

            // Nobody bids and the fund is empty: alice's 0.5 closes against bob's short at the bankruptcy price 27004.5.
            Assert.Null(await Position(alice));
            Assert.Null(await Position(bob));
            var flat = (await alice.Public(HttpMethod.Get, $"{P}/liquidationOrder", "symbol=BTCUSDT", withKey: true)).Ok().EnumerateArray().Single();
            Assert.Equal(("FLAT", "FILLED", "-0.50000000", "27004.50000000"), (flat.Str("type"), flat.Str("status"), flat.Str("executedQty"), flat.Str("executedPrice")));
            Assert.Equal([("positionSize", -0.5m), ("closPosition", -1500.25m)], (await Bills(alice)).Skip(2));
            Assert.Equal([("positionSize", 0.5m), ("adl", 1500.25m)], (await Bills(bob)).TakeLast(2));
            Assert.Empty((await alice.Get($"{P}/protectionFund", "symbol=BTCUSDT")).EnumerateArray()); // it never held anything
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public async Task A_stop_on_the_mark_price_waits_survives_a_restart_and_fires_with_the_price_move()
    {
        var venue = new JexSimFactory();
        try
        {
            var (alice, admin) = (venue.Alice(), venue.Admin());
            await AliceOpensLong(alice);
            // No position in ETHUSDT; a trigger equal to the mark; a stop at the liquidation price; then a good one.
            Assert.Equal(-7020, (await alice.Signed(HttpMethod.Post, $"{P}/order", "symbol=ETHUSDT&side=SELL&type=stopLimit&quantity=1&price=1900&triggerType=markPrice&triggerPrice=1950")).Code);
            Assert.Equal(-7004, (await alice.Signed(HttpMethod.Post, $"{P}/order", "symbol=BTCUSDT&side=SELL&type=stopLimit&quantity=0.5&price=29000&triggerType=markPrice&triggerPrice=30000")).Code);
            var atLiquidation = await alice.Signed(HttpMethod.Post, $"{P}/order", "symbol=BTCUSDT&side=SELL&type=stopLimit&quantity=0.5&price=27000&triggerType=markPrice&triggerPrice=27100");
            Assert.Equal((-7004, "Please try it later. reach liquidation price"), (atLiquidation.Code, atLiquidation.Msg));
            var placed = (await alice.Signed(HttpMethod.Post, $"{P}/order",
                "symbol=BTCUSDT&side=SELL&type=stopLimit&quantity=0.5&price=29000&triggerType=markPrice&triggerPrice=29500&newOrderRespType=RESULT")).Ok();
            Assert.Equal(("entrusting", "stoplimit"), (placed.Str("status"), placed.Str("type")));
            string id = placed.Str("orderId");
            Assert.Equal([id], (await alice.SignedGet($"{P}/openOrders", "symbol=BTCUSDT")).EnumerateArray().Select(o => o.Str("orderId")));

            venue = venue.Restart();
            (alice, admin) = (venue.Alice(), venue.Admin());
            Assert.Equal("ENTRUSTING", (await alice.SignedGet($"{P}/order", $"symbol=BTCUSDT&orderId={id}")).Str("status"));

            // The index falls to 29450; the book's mid (30002.5) is clamped to +0.5%: mark 29450 + 14.725 = 29464.725 < 29500.
            var moved = (await admin.Put("/prices/BTCUSDT", new { price = "29450", market = "contract" })).Ok();
            Assert.Equal("29464.72500000", moved.Str("markPrice"));
            await Invariants(venue);
            // The stop's limit order sold 0.5 into bob's best bid (29995) in the same step.
            var order = await alice.SignedGet($"{P}/order", $"symbol=BTCUSDT&orderId={id}");
            Assert.Equal(("FILLED", "STOPLIMIT", "-0.50000000", "29995.00000000"), (order.Str("status"), order.Str("type"), order.Str("executedQty"), order.Str("executedPrice")));
            Assert.Null(await Position(alice));
        }
        finally { venue.Dispose(); }
    }

    [Fact]
    public async Task The_index_follows_its_spot_symbols_reference_price_or_mid_on_the_virtual_clock()
    {
        var node = JsonNode.Parse(File.ReadAllText(JexSimFactory.FixturePath("quiet.json")))!;
        var contracts = node["contractSymbols"]!.AsArray();
        contracts[0]!["indexSymbol"] = "BTCUSDT";
        contracts[0]!["indexIntervalMs"] = 1000;
        contracts[1]!["indexSymbol"] = "ETHUSDT";
        contracts[1]!["indexSource"] = "mid";
        contracts[1]!["markMethod"] = 1;
        var dir = Directory.CreateTempSubdirectory("jexsim-index");
        var fixture = Path.Combine(dir.FullName, "quiet-index.json");
        File.WriteAllText(fixture, node.ToJsonString());
        using var venue = new JexSimFactory(fixture);
        try
        {
            var (alice, admin) = (venue.Alice(), venue.Admin());
            // The spot reference price of BTCUSDT (what a random-walk or replay feed drives) becomes the contract's index.
            (await admin.Put("/prices/BTCUSDT", new { price = "31000" })).Ok();
            await admin.Advance(1000);
            var btc = await alice.Get($"{P}/ticker/indicesPrice", "symbol=BTCUSDT");
            Assert.Equal("31000.00000000", btc.Str("indexPrice"));
            // ETHUSDT follows the spot book's mid, with markMethod 1 (mark = index).
            var spot = await alice.Get("/api/v1/spot/ticker/bookTicker", "symbol=ETHUSDT");
            decimal mid = (decimal.Parse(spot.Str("bidPrice"), CultureInfo.InvariantCulture) + decimal.Parse(spot.Str("askPrice"), CultureInfo.InvariantCulture)) / 2;
            var eth = await alice.Get($"{P}/ticker/indicesPrice", "symbol=ETHUSDT");
            Assert.Equal((mid, mid), (Dec(eth, "indexPrice"), Dec(eth, "markPrice")));
            await Invariants(venue);
        }
        finally { dir.Delete(recursive: true); }
    }
}
