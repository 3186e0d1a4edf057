using System.Text.Json;
using JexSim.Server.Tests.Infrastructure;

namespace JexSim.Server.Tests.Spot;

/// <summary>GET /api/v1/ping, /time, /exchangeInfo, /optionInfo, /contractInfo (read-only: one venue for the class).</summary>
public sealed class GeneralEndpointTests(VenueFixture fixture) : IClassFixture<VenueFixture>
{
    private readonly JexClient _client = fixture.Venue.Alice();

    [Fact]
    public async Task Ping_answers_an_empty_object()
    {
        var ping = await _client.Public(HttpMethod.Get, "/api/v1/ping");
        Assert.Equal("{}", ping.Ok().GetRawText());
    }

    [Fact]
    public async Task Time_is_the_venue_clock_as_an_unquoted_integer()
    {
        var time = await _client.Get("/api/v1/time");
        SpotApi.AssertShape(time, ("serverTime", 'n'));
        Assert.Equal(fixture.Venue.Clock.NowMs, time.Num("serverTime"));
    }

    [Fact]
    public async Task ExchangeInfo_has_the_spec_shape_and_rate_limits()
    {
        var info = await _client.Get("/api/v1/exchangeInfo");
        SpotApi.AssertShape(info, ("timezone", 's'), ("serverTime", 'n'), ("rateLimits", 'a'),
            ("optionSymbols", 'a'), ("contractSymbols", 'a'), ("spotSymbols", 'a'));
        Assert.Equal("UTC", info.Str("timezone"));
        Assert.Equal(fixture.Venue.Clock.NowMs, info.Num("serverTime"));

        // The values of rest-api.md's example response.
        var limits = info.GetProperty("rateLimits").EnumerateArray().ToArray();
        foreach (var l in limits) SpotApi.AssertShape(l, ("rateLimitType", 's'), ("interval", 's'), ("intervalNum", 'n'), ("limit", 'n'));
        Assert.Equal(
            [("requestsWeight", "minute", 1L, 1200L), ("orders", "second", 1L, 10L), ("orders", "day", 1L, 100000L), ("rawRequests", "minute", 5L, 5000L)],
            limits.Select(l => (l.Str("rateLimitType"), l.Str("interval"), l.Num("intervalNum"), l.Num("limit"))).ToArray());

        // The default fixture has a call and a put on BTC, and two perpetuals named as their spot symbols.
        Assert.Equal(["BTCCALLM", "BTCPUTM"], info.GetProperty("optionSymbols").EnumerateArray().Select(s => s.Str("symbol")).ToArray());
        Assert.Equal(["BTCUSDT", "ETHUSDT"], info.GetProperty("contractSymbols").EnumerateArray().Select(s => s.Str("symbol")).ToArray());
        Assert.Equal(["BTCUSDT", "ETHUSDT", "ETHBTC", "JEXBTC", "LTCBTC"],
            info.GetProperty("spotSymbols").EnumerateArray().Select(s => s.Str("symbol")).ToArray());
    }

    [Theory]
    // symbol, base, quote, baseAssetPrecision, quotePrecision, minPrice, maxPrice, tickSize, minQty, maxQty, stepSize, minNotional (fixtures/default.json)
    [InlineData("BTCUSDT", "BTC", "USDT", 6, 2, "0.01000000", "1000000.00000000", "0.01000000", "0.00000100", "9000.00000000", "0.00000100", "10.00000000")]
    [InlineData("ETHUSDT", "ETH", "USDT", 5, 2, "0.01000000", "100000.00000000", "0.01000000", "0.00001000", "90000.00000000", "0.00001000", "10.00000000")]
    [InlineData("ETHBTC", "ETH", "BTC", 3, 6, "0.00000100", "100.00000000", "0.00000100", "0.00100000", "100000.00000000", "0.00100000", "0.00010000")]
    [InlineData("JEXBTC", "JEX", "BTC", 0, 8, "0.00000001", "1.00000000", "0.00000001", "1.00000000", "90000000.00000000", "1.00000000", "0.00010000")]
    [InlineData("LTCBTC", "LTC", "BTC", 2, 6, "0.00000100", "100.00000000", "0.00000100", "0.01000000", "100000.00000000", "0.01000000", "0.00010000")]
    public async Task ExchangeInfo_describes_each_spot_symbol_from_the_fixture(string symbol, string baseAsset, string quoteAsset,
        int basePrecision, int quotePrecision, string minPrice, string maxPrice, string tickSize, string minQty, string maxQty, string stepSize, string minNotional)
    {
        var info = await _client.Get("/api/v1/exchangeInfo");
        var s = info.GetProperty("spotSymbols").EnumerateArray().Single(x => x.Str("symbol") == symbol);
        SpotApi.AssertShape(s, ("symbol", 's'), ("status", 's'), ("baseAsset", 's'), ("baseAssetPrecision", 'n'), ("quoteAsset", 's'),
            ("quotePrecision", 'n'), ("orderTypes", 'a'), ("icebergAllowed", 'b'), ("filters", 'a'), ("makerFee", 's'), ("takerFee", 's'));
        Assert.Equal("TRADING", s.Str("status"));
        Assert.Equal(baseAsset, s.Str("baseAsset"));
        Assert.Equal(quoteAsset, s.Str("quoteAsset"));
        Assert.Equal(basePrecision, s.GetProperty("baseAssetPrecision").GetInt32());
        Assert.Equal(quotePrecision, s.GetProperty("quotePrecision").GetInt32());
        Assert.Equal(["LIMIT", "MARKET"], s.GetProperty("orderTypes").EnumerateArray().Select(t => t.GetString()!).ToArray());
        Assert.False(s.GetProperty("icebergAllowed").GetBoolean());
        Assert.Equal("0.00080000", s.Str("makerFee"));
        Assert.Equal("0.00100000", s.Str("takerFee"));

        var filters = s.GetProperty("filters").EnumerateArray().ToDictionary(f => f.Str("filterType"));
        var price = filters["PRICE_FILTER"];
        SpotApi.AssertShape(price, ("filterType", 's'), ("minPrice", 's'), ("maxPrice", 's'), ("tickSize", 's'));
        Assert.Equal((minPrice, maxPrice, tickSize), (price.Str("minPrice"), price.Str("maxPrice"), price.Str("tickSize")));
        var lot = filters["LOT_SIZE"];
        SpotApi.AssertShape(lot, ("filterType", 's'), ("minQty", 's'), ("maxQty", 's'), ("stepSize", 's'));
        Assert.Equal((minQty, maxQty, stepSize), (lot.Str("minQty"), lot.Str("maxQty"), lot.Str("stepSize")));
        Assert.Equal(minNotional, filters["MIN_NOTIONAL"].Str("minNotional"));
    }
}
