using System.Text.Json;
using JexSim.Server.Tests.Infrastructure;
using JexSim.Server.Tests.Spot;

namespace JexSim.Server.Tests.Option;

/// <summary>
/// One real request per option route on quiet.json (bob's ladder: call bids 140/130, asks 160/170; put bids 220/210,
/// asks 250/260), each answer checked field by field against the shape the spec's example gives (the refusals are
/// <see cref="Conformance.OptionConformanceTests"/>).
/// </summary>
public sealed class OptionShapeTests : IDisposable
{
    private const string P = "/api/v1/option";
    private readonly JexSimFactory _venue = new();

    public void Dispose() => _venue.Dispose();

    private static readonly (string, char)[] WriterInfoShape =
    [
        ("assetMargin", 's'), ("assetBase", 's'), ("assetOption", 's'), ("releaseAmount", 's'), ("backAmount", 's'), ("marginAmount", 's'),
        ("baseAmount", 's'), ("availableMargin", 's'), ("availableBase", 's'), ("availableOption", 's'),
    ];

    private static readonly (string, char)[] TickerShape =
    [
        ("symbol", 's'), ("priceChange", 's'), ("priceChangePercent", 's'), ("weightedAvgPrice", 's'), ("lastPrice", 's'), ("bidPrice", 's'),
        ("bidQty", 's'), ("askPrice", 's'), ("askQty", 's'), ("openPrice", 's'), ("highPrice", 's'), ("lowPrice", 's'), ("volume", 's'),
        ("quoteVolume", 's'), ("openTime", 'n'), ("closeTime", 'n'), ("count", 'n'), ("exertionTime", 'n'), ("performPrice", 's'),
        ("referencePrice", 's'), ("exertionPrice", 's'),
    ];

    [Fact]
    public async Task Market_data_routes_answer_in_the_spec_shapes()
    {
        var alice = _venue.Alice();
        await alice.Signed(HttpMethod.Post, $"{P}/order", "symbol=BTCCALLM&side=BUY&type=LIMIT&quantity=1&price=160"); // one trade to show

        var depth = await alice.Get($"{P}/depth", "symbol=BTCCALLM&limit=5");
        SpotApi.AssertShape(depth, ("lastUpdateId", 'n'), ("bids", 'a'), ("asks", 'a'));
        Assert.Equal(["140.00000000", "130.00000000"], depth.GetProperty("bids").EnumerateArray().Select(l => l[0].GetString()!).ToArray());
        Assert.Equal(["160.00000000", "170.00000000"], depth.GetProperty("asks").EnumerateArray().Select(l => l[0].GetString()!).ToArray());
        Assert.Equal("4.00000000", depth.GetProperty("asks")[0][1].GetString());

        SpotApi.AssertShape(Assert.Single((await alice.Get($"{P}/trades", "symbol=BTCCALLM")).EnumerateArray()), ("price", 's'), ("qty", 's'), ("time", 'n'));
        var historical = (await alice.Public(HttpMethod.Get, $"{P}/historicalTrades", "symbol=BTCCALLM", withKey: true)).Ok();
        SpotApi.AssertShape(Assert.Single(historical.EnumerateArray()), ("id", 's'), ("price", 's'), ("qty", 's'), ("time", 'n'), ("buyerMaker", 'b'));
        var kline = Assert.Single((await alice.Get($"{P}/klines", "symbol=BTCCALLM&interval=1m")).EnumerateArray());
        Assert.Equal([JsonValueKind.Number, JsonValueKind.String, JsonValueKind.String, JsonValueKind.String, JsonValueKind.String, JsonValueKind.String,
            JsonValueKind.Number, JsonValueKind.String, JsonValueKind.Number, JsonValueKind.String, JsonValueKind.String, JsonValueKind.String],
            kline.EnumerateArray().Select(v => v.ValueKind).ToArray());
        SpotApi.AssertShape(await alice.Get($"{P}/avgPrice", "symbol=BTCCALLM"), ("mins", 'n'), ("price", 's'));
        var ticker = await alice.Get($"{P}/ticker/24hr", "symbol=BTCCALLM");
        SpotApi.AssertShape(ticker, TickerShape);
        Assert.Equal(("160.00000000", "32000.00000000"), (ticker.Str("lastPrice"), ticker.Str("exertionPrice")));
        Assert.All((await alice.Get($"{P}/ticker/24hr")).EnumerateArray(), t => SpotApi.AssertShape(t, TickerShape));
        SpotApi.AssertShape(await alice.Get($"{P}/ticker/price", "symbol=BTCPUTM"), ("symbol", 's'), ("price", 's'));
        var book = await alice.Get($"{P}/ticker/bookTicker", "symbol=BTCPUTM");
        SpotApi.AssertShape(book, ("symbol", 's'), ("bidPrice", 's'), ("bidQty", 's'), ("askPrice", 's'), ("askQty", 's'));
        Assert.Equal(("220.00000000", "250.00000000"), (book.Str("bidPrice"), book.Str("askPrice")));

        var info = (await alice.Get("/api/v1/optionInfo")).EnumerateArray().ToArray();
        Assert.Equal(["BTCCALLM", "BTCPUTM"], info.Select(o => o.Str("symbol")).ToArray());
        foreach (var o in info)
        {
            SpotApi.AssertShape(o, ("symbol", 's'), ("status", 's'), ("type", 's'), ("exertionTime", 'n'), ("optionDesc", 's'), ("canRelease", 'b'), ("releaseOption", 'o'));
            SpotApi.AssertShape(o.GetProperty("releaseOption"), ("convertRatio", 'n'), ("assetMarginName", 's'), ("rateMargin", 'n'), ("rateBase", 'n'), ("assetBaseName", 's'));
        }
    }

    [Fact]
    public async Task Trading_routes_answer_in_the_spot_and_option_shapes()
    {
        var alice = _venue.Alice();
        var filled = (await alice.Signed(HttpMethod.Post, $"{P}/order", "symbol=BTCCALLM&side=BUY&type=LIMIT&quantity=1&price=160&newOrderRespType=RESULT")).Ok();
        SpotApi.AssertShape(filled, SpotApi.ResultShape);
        Assert.Equal("FILLED", filled.Str("status"));
        var ack = (await alice.Signed(HttpMethod.Post, $"{P}/order", "symbol=BTCCALLM&side=BUY&type=LIMIT&quantity=1&price=100")).Ok();
        SpotApi.AssertShape(ack, ("symbol", 's'), ("orderId", 'n'), ("transactTime", 'n'));
        Assert.Equal(filled.Num("orderId") + 1, ack.Num("orderId"));
        Assert.Equal("{}", (await alice.Signed(HttpMethod.Post, $"{P}/order/test", "symbol=BTCCALLM&side=BUY&type=LIMIT&quantity=1&price=100")).Ok().GetRawText());

        var queried = await alice.SignedGet($"{P}/order", $"symbol=BTCCALLM&orderId={filled.Num("orderId")}");
        SpotApi.AssertShape(queried, SpotApi.OrderShape);
        var open = Assert.Single((await alice.SignedGet($"{P}/openOrders", "symbol=BTCCALLM")).EnumerateArray());
        SpotApi.AssertShape(open, SpotApi.OrderShape);
        Assert.Equal(ack.Num("orderId").ToString(), open.Str("orderId"));
        var canceled = (await alice.Signed(HttpMethod.Delete, $"{P}/order", $"symbol=BTCCALLM&orderId={ack.Num("orderId")}")).Ok();
        SpotApi.AssertShape(canceled, SpotApi.ResultShape);
        Assert.Equal("CANCELED", canceled.Str("status"));
        var history = (await alice.SignedGet($"{P}/historyOrders", "symbol=BTCCALLM")).EnumerateArray().ToArray();
        Assert.All(history, o => SpotApi.AssertShape(o, SpotApi.OrderShape));
        Assert.Equal(["FILLED", "CANCELED"], history.Select(o => o.Str("status")).ToArray());
    }

    [Fact]
    public async Task Issue_redeem_info_record_and_position_answer_in_the_spec_shapes()
    {
        var alice = _venue.Alice();
        var released = (await alice.Signed(HttpMethod.Post, $"{P}/release", "symbol=BTCPUTM&amount=2")).Ok();
        SpotApi.AssertShape(released, [.. WriterInfoShape, ("createdDate", 'n')]);
        Assert.Equal(("2.00000000", "560.00000000"), (released.Str("releaseAmount"), released.Str("marginAmount"))); // 2 x 0.1 x 2800 USDT
        var back = (await alice.Signed(HttpMethod.Post, $"{P}/back", "symbol=BTCPUTM&amount=1")).Ok();
        SpotApi.AssertShape(back, [.. WriterInfoShape, ("createdDate", 'n')]);
        Assert.Equal(("1.00000000", "280.00000000"), (back.Str("backAmount"), back.Str("marginAmount")));
        SpotApi.AssertShape(await alice.SignedGet($"{P}/info", "symbol=BTCPUTM"), WriterInfoShape);

        var records = (await alice.SignedGet($"{P}/record", "symbol=BTCPUTM")).EnumerateArray().ToArray();
        Assert.Equal([1L, 2L], records.Select(r => r.Num("status")).ToArray());
        Assert.All(records, r => SpotApi.AssertShape(r, ("createdDate", 'n'), ("name", 's'), ("status", 'n'), ("amount", 's'), ("convertRatio", 's'),
            ("rateMargin", 's'), ("baseAmount", 's'), ("marginAmount", 's'), ("assetMargin", 's'), ("assetBase", 's'), ("id", 'n'),
            ("settlementPrice", 's'), ("payout", 's')));

        var position = Assert.Single((await alice.SignedGet($"{P}/position", "")).EnumerateArray());
        SpotApi.AssertShape(position, ("name", 's'), ("amount", 's'), ("availAmount", 's'), ("profit", 's'), ("profitRate", 's'), ("cost", 's'),
            ("type", 's'), ("execTime", 'n'), ("execrPrice", 's'), ("orderIndex", 'n'));
        Assert.Equal(("BTCPUTM", "1.00000000", "PUT", "28000.00000000", 1L),
            (position.Str("name"), position.Str("amount"), position.Str("type"), position.Str("execrPrice"), position.Num("orderIndex")));
    }
}
