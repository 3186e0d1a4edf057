using System.Net;
using System.Text.Json.Nodes;
using JexSim.Server.RateLimiting;
using JexSim.Server.Tests.Infrastructure;

namespace JexSim.Server.Tests.Conformance;

/// <summary>
/// A venue whose BTCUSDT has filters every bound of which can be crossed on its own: tickSize 0.05 (2 decimals),
/// minPrice 100, stepSize 0.002 (3 decimals), minQty 0.01, maxQty 9000, minNotional 10.
/// </summary>
public sealed class FilterVenue : IDisposable
{
    public FilterVenue()
    {
        var fixture = JsonNode.Parse(File.ReadAllText(JexSimFactory.FixturePath("quiet.json")))!;
        var btc = fixture["spotSymbols"]!.AsArray().Single(s => (string?)s!["symbol"] == "BTCUSDT")!;
        btc["tickSize"] = "0.05";
        btc["minPrice"] = "100";
        btc["stepSize"] = "0.002";
        btc["minQty"] = "0.01";
        FixtureFile = Path.Combine(Path.GetTempPath(), $"jexsim-filters-{Guid.NewGuid():N}.json");
        File.WriteAllText(FixtureFile, fixture.ToJsonString());
        Venue = new JexSimFactory(FixtureFile, new() { ["JexSim:RateLimits:Enabled"] = "true" });
    }

    public string FixtureFile { get; }
    public JexSimFactory Venue { get; }

    public void Dispose()
    {
        Venue.Dispose();
        File.Delete(FixtureFile);
    }
}

/// <summary>PRICE_FILTER, LOT_SIZE and MIN_NOTIONAL, one request per bound, on order and order/test; and the open-order cap.</summary>
public sealed class SymbolFilterTests(FilterVenue filters) : IClassFixture<FilterVenue>
{
    public static TheoryData<string, string, string> Bounds => new()
    {
        { "price below minPrice", "quantity=0.01&price=50", "PRICE_FILTER" },
        { "price above maxPrice", "quantity=0.01&price=1000000.05", "PRICE_FILTER" },
        { "price off the tick", "quantity=0.01&price=29000.01", "PRICE_FILTER" },
        { "quantity below minQty", "quantity=0.008&price=29000", "LOT_SIZE" },
        { "quantity above maxQty", "quantity=9000.002&price=29000", "LOT_SIZE" },
        { "quantity off the step", "quantity=0.011&price=29000", "LOT_SIZE" },
        { "notional below minNotional", "quantity=0.01&price=100", "MIN_NOTIONAL" },
    };

    [Theory, MemberData(nameof(Bounds))]
    public async Task An_order_crossing_one_bound_fails_that_filter_and_changes_nothing(string bound, string amounts, string filter)
    {
        var alice = filters.Venue.Alice();
        string before = await Balances(alice);
        foreach (var path in new[] { "/api/v1/spot/order", "/api/v1/spot/order/test" })
        {
            filters.Venue.Clock.Advance(TimeSpan.FromSeconds(1));
            var response = await alice.Signed(HttpMethod.Post, path, "symbol=BTCUSDT&side=BUY&type=LIMIT&" + amounts);
            Assert.True(response.Status == HttpStatusCode.BadRequest, $"{bound} on {path}: {response}");
            Assert.Equal(-9000, response.Code);
            Assert.Equal($"Filter failure: {filter}", response.Msg);
            ConformanceVenue.AssertWeightHeaders(response);
        }
        Assert.Equal(before, await Balances(alice));
        var open = await alice.Signed(HttpMethod.Get, "/api/v1/spot/openOrders", "symbol=BTCUSDT");
        Assert.Equal(0, open.Json.GetArrayLength());
    }

    private static async Task<string> Balances(JexClient client) =>
        (await client.Signed(HttpMethod.Get, "/api/v1/account")).Json.GetProperty("spotBalances").GetRawText();

    [Fact]
    public async Task An_order_on_every_bound_is_accepted()
    {
        var alice = filters.Venue.Alice();
        filters.Venue.Clock.Advance(TimeSpan.FromSeconds(1));
        var placed = await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1&price=100");
        Assert.Equal(HttpStatusCode.OK, placed.Status);
        Assert.Equal(1, int.Parse(Assert.Single(placed.Headers.GetValues(RateLimitHeaders.OrderCount1S))));
        var cancelled = await alice.Signed(HttpMethod.Delete, "/api/v1/spot/order", $"symbol=BTCUSDT&orderId={placed.Json.GetProperty("orderId").GetInt64()}");
        Assert.Equal(HttpStatusCode.OK, cancelled.Status);
    }
}

/// <summary>200 open orders per symbol per account; the 201st answers -2019.</summary>
public sealed class OpenOrderCapTests
{
    [Fact]
    public async Task The_201st_open_order_of_a_symbol_gets_2019_and_other_symbols_are_not_capped()
    {
        using var venue = new JexSimFactory(settings: new() { ["JexSim:RateLimits:Enabled"] = "true" });
        var alice = venue.Alice();
        for (int i = 0; i < 200; i++)
        {
            if (i % 10 == 0) venue.Clock.Advance(TimeSpan.FromSeconds(1)); // 10 orders per second
            var placed = await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", $"symbol=LTCBTC&side=BUY&type=LIMIT&quantity=1&price=0.00{1000 + i}");
            Assert.True(placed.Status == HttpStatusCode.OK, $"order {i}: {placed}");
        }
        venue.Clock.Advance(TimeSpan.FromSeconds(1));
        var capped = await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=LTCBTC&side=BUY&type=LIMIT&quantity=1&price=0.000999");
        Assert.Equal(HttpStatusCode.BadRequest, capped.Status);
        Assert.Equal(-2019, capped.Code);
        Assert.Equal("has reach max order number 200", capped.Msg);
        ConformanceVenue.AssertWeightHeaders(capped);

        var elsewhere = await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=ETHBTC&side=BUY&type=LIMIT&quantity=1&price=0.01");
        Assert.Equal(HttpStatusCode.OK, elsewhere.Status);
    }
}
