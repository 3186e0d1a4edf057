using System.Text.Json;
using JexSim.Server.Tests.Infrastructure;

namespace JexSim.Server.Tests.Spot;

/// <summary>avgPrice (5-minute VWAP), ticker/24hr, ticker/price and ticker/bookTicker, from trades at controlled times.</summary>
public sealed class TickerTests
{
    private const long T0 = JexSimFactory.StartTime;
    private static readonly string[] SpotSymbols = ["BTCUSDT", "ETHUSDT", "ETHBTC", "JEXBTC", "LTCBTC"];

    [Fact]
    public async Task AvgPrice_is_the_volume_weighted_price_of_the_last_five_minutes()
    {
        using var venue = new JexSimFactory();
        var alice = venue.Alice();
        async Task<string> AvgPrice()
        {
            var avg = await alice.Get("/api/v1/spot/avgPrice", "symbol=btcusdt");
            SpotApi.AssertShape(avg, ("mins", 'n'), ("price", 's'));
            Assert.Equal(5, avg.Num("mins"));
            return avg.Str("price");
        }

        await alice.PlaceResult("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.5"); // 0.5 at 30000, at T0
        Assert.Equal("30000.00000000", await AvgPrice());

        venue.Clock.Advance(TimeSpan.FromMinutes(3));
        await alice.PlaceResult("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.4"); // 0.4 at 30010, at T0+3m
        // (15000 + 12004) / 0.9 = 30004.444444444..., cut to 8 decimals.
        Assert.Equal("30004.44444444", await AvgPrice());

        venue.Clock.Advance(TimeSpan.FromMinutes(2));          // T0+5m: the first trade is exactly 5 minutes old and still counts
        Assert.Equal("30004.44444444", await AvgPrice());
        venue.Clock.Advance(TimeSpan.FromMilliseconds(1));     // now it has left the window
        Assert.Equal("30010.00000000", await AvgPrice());

        venue.Clock.Advance(TimeSpan.FromMinutes(10));         // no trade in the window: the last price
        Assert.Equal("30010.00000000", await AvgPrice());
    }

    [Fact]
    public async Task Ticker_24hr_rolls_over_a_day_of_trades()
    {
        using var venue = new JexSimFactory();
        var alice = venue.Alice();

        venue.Clock.SetVirtual(T0 + 60_000);
        await alice.PlaceResult("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.5&price=30000");  // 0.5 at 30000
        venue.Clock.SetVirtual(T0 + 2 * 3_600_000);
        await alice.PlaceResult("symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=0.3&price=29990"); // 0.3 at 29990
        venue.Clock.SetVirtual(T0 + 3 * 3_600_000);
        await alice.PlaceResult("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.2&price=30010");  // 0.2 at 30010

        var day = await Ticker(alice, "btcusdt");
        AssertTicker(day, "BTCUSDT", now: T0 + 3 * 3_600_000,
            open: "30000.00000000", high: "30010.00000000", low: "29990.00000000", last: "30010.00000000",
            change: "10.00000000", percent: "0.03333333", volume: "1.00000000", quoteVolume: "29999.00000000", weighted: "29999.00000000", count: 3);
        Assert.Equal(("29990.00000000", "0.20000000", "30010.00000000", "0.20000000"),
            (day.Str("bidPrice"), day.Str("bidQty"), day.Str("askPrice"), day.Str("askQty")));

        // A day and two minutes after the first trade, it has left the window.
        long now = T0 + 86_400_000 + 2 * 60_000;
        venue.Clock.SetVirtual(now);
        AssertTicker(await Ticker(alice, "BTCUSDT"), "BTCUSDT", now,
            open: "29990.00000000", high: "30010.00000000", low: "29990.00000000", last: "30010.00000000",
            change: "20.00000000", percent: "0.06668889", volume: "0.50000000", quoteVolume: "14999.00000000", weighted: "29998.00000000", count: 2);

        // Days later nothing traded in the window: flat at the last price.
        now = T0 + 4 * 86_400_000;
        venue.Clock.SetVirtual(now);
        AssertTicker(await Ticker(alice, "BTCUSDT"), "BTCUSDT", now,
            open: "30010.00000000", high: "30010.00000000", low: "30010.00000000", last: "30010.00000000",
            change: "0.00000000", percent: "0.00000000", volume: "0.00000000", quoteVolume: "0.00000000", weighted: "0.00000000", count: 0);

        // Without a symbol: every spot symbol, in exchangeInfo's order.
        var all = await alice.Get("/api/v1/spot/ticker/24hr");
        Assert.Equal(SpotSymbols, all.EnumerateArray().Select(t => t.Str("symbol")).ToArray());
        foreach (var t in all.EnumerateArray()) AssertTickerShape(t);
        var ltc = all.EnumerateArray().Single(t => t.Str("symbol") == "LTCBTC");
        Assert.Equal(("0.00249000", "50.00000000", "0.00250000", "50.00000000", "0.00000000"),
            (ltc.Str("bidPrice"), ltc.Str("bidQty"), ltc.Str("askPrice"), ltc.Str("askQty"), ltc.Str("volume")));
    }

    [Fact]
    public async Task Ticker_price_is_the_last_trade_price_for_one_or_all_symbols()
    {
        using var venue = new JexSimFactory();
        var alice = venue.Alice();
        await alice.PlaceResult("symbol=ETHUSDT&side=BUY&type=MARKET&quantity=6"); // 5 at 2000, 1 at 2001
        await alice.PlaceResult("symbol=LTCBTC&side=SELL&type=MARKET&quantity=1"); // 1 at 0.00249

        var one = await alice.Get("/api/v1/spot/ticker/price", "symbol=ethusdt");
        SpotApi.AssertShape(one, ("symbol", 's'), ("price", 's'));
        Assert.Equal(("ETHUSDT", "2001.00000000"), (one.Str("symbol"), one.Str("price")));

        var all = await alice.Get("/api/v1/spot/ticker/price");
        foreach (var t in all.EnumerateArray()) SpotApi.AssertShape(t, ("symbol", 's'), ("price", 's'));
        Assert.Equal(
            [("BTCUSDT", "0.00000000"), ("ETHUSDT", "2001.00000000"), ("ETHBTC", "0.00000000"), ("JEXBTC", "0.00000000"), ("LTCBTC", "0.00249000")],
            all.EnumerateArray().Select(t => (t.Str("symbol"), t.Str("price"))).ToArray());
    }

    [Fact]
    public async Task Book_ticker_is_the_best_bid_and_ask_for_one_or_all_symbols()
    {
        using var venue = new JexSimFactory();
        var alice = venue.Alice();
        (string, string, string, string, string)[] expected =
        [
            ("BTCUSDT", "29990.00000000", "0.50000000", "30000.00000000", "0.50000000"),
            ("ETHUSDT", "1999.00000000", "5.00000000", "2000.00000000", "5.00000000"),
            ("ETHBTC", "0.06590000", "10.00000000", "0.06600000", "10.00000000"),
            ("JEXBTC", "0.00000149", "100000.00000000", "0.00000150", "100000.00000000"),
            ("LTCBTC", "0.00249000", "50.00000000", "0.00250000", "50.00000000"),
        ];
        var all = await alice.Get("/api/v1/spot/ticker/bookTicker");
        Assert.Equal(expected, all.EnumerateArray().Select(Row).ToArray());

        await alice.PlaceResult("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.1&price=30000");
        await alice.Rest("BTCUSDT", "BUY", "0.25", "29995");
        var one = await alice.Get("/api/v1/spot/ticker/bookTicker", "symbol=btcusdt");
        Assert.Equal(("BTCUSDT", "29995.00000000", "0.25000000", "30000.00000000", "0.40000000"), Row(one));

        static (string, string, string, string, string) Row(JsonElement t)
        {
            SpotApi.AssertShape(t, ("symbol", 's'), ("bidPrice", 's'), ("bidQty", 's'), ("askPrice", 's'), ("askQty", 's'));
            return (t.Str("symbol"), t.Str("bidPrice"), t.Str("bidQty"), t.Str("askPrice"), t.Str("askQty"));
        }
    }

    private static Task<JsonElement> Ticker(JexClient client, string symbol) => client.Get("/api/v1/spot/ticker/24hr", $"symbol={symbol}");

    private static void AssertTickerShape(JsonElement t) =>
        SpotApi.AssertShape(t, ("symbol", 's'), ("priceChange", 's'), ("priceChangePercent", 's'), ("weightedAvgPrice", 's'),
            ("lastPrice", 's'), ("bidPrice", 's'), ("bidQty", 's'), ("askPrice", 's'), ("askQty", 's'), ("openPrice", 's'),
            ("highPrice", 's'), ("lowPrice", 's'), ("volume", 's'), ("quoteVolume", 's'), ("openTime", 'n'), ("closeTime", 'n'), ("count", 'n'));

    private static void AssertTicker(JsonElement t, string symbol, long now, string open, string high, string low, string last,
        string change, string percent, string volume, string quoteVolume, string weighted, long count)
    {
        AssertTickerShape(t);
        Assert.Equal(symbol, t.Str("symbol"));
        Assert.Equal((open, high, low, last), (t.Str("openPrice"), t.Str("highPrice"), t.Str("lowPrice"), t.Str("lastPrice")));
        Assert.Equal((change, percent), (t.Str("priceChange"), t.Str("priceChangePercent")));
        Assert.Equal((volume, quoteVolume, weighted), (t.Str("volume"), t.Str("quoteVolume"), t.Str("weightedAvgPrice")));
        Assert.Equal(count, t.Num("count"));
        Assert.Equal((now - 86_400_000, now), (t.Num("openTime"), t.Num("closeTime")));
    }
}
