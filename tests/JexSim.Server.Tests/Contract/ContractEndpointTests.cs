using System.Net;
using System.Text.Json;
using JexSim.Server.Tests.Infrastructure;
using JexSim.Server.Tests.Spot;

namespace JexSim.Server.Tests.Contract;

/// <summary>
/// One real request for each success shape of every contract endpoint (quiet.json: bob's ladder, reference prices
/// 30000 and 2000, fund 150000 USDT), fields in the spec examples' order. The error shapes are in
/// <see cref="ContractErrorConformanceTests"/>, the money in <see cref="ContractScenarioTests"/>.
/// </summary>
public sealed class ContractEndpointTests : IDisposable
{
    private const string P = "/api/v1/contract";
    private readonly JexSimFactory _venue = new();
    private readonly JexClient _alice;

    public ContractEndpointTests() => _alice = _venue.Alice();

    public void Dispose() => _venue.Dispose();

    private static string[] Names(JsonElement e) => SpotApi.Names(e);

    private async Task<JsonElement> Signed(HttpMethod method, string path, string parameters) => (await _alice.Signed(method, path, parameters)).Ok();

    [Fact]
    public async Task Market_data_answers_from_the_contract_book_with_the_spec_shapes()
    {
        var info = (await _alice.Get("/api/v1/contractInfo")).EnumerateArray().ToArray();
        Assert.Equal(["BTCUSDT", "ETHUSDT"], info.Select(i => i.Str("symbol")));
        SpotApi.AssertShape(info[0], ("fundingRate", 'n'), ("fundingInterval", 'n'), ("nextFundingTime", 'n'), ("predictedFundingRate", 'n'), ("turnover24", 'n'),
            ("markMethod", 'n'), ("markPrice", 'n'), ("lastPrice", 'n'), ("autoDeleveraging", 's'), ("symbol", 's'));
        Assert.Equal(30000m, info[0].GetProperty("markPrice").GetDecimal());
        Assert.Equal(28_800_000, info[0].Num("fundingInterval"));
        Assert.Equal(0, (info[0].Num("nextFundingTime") - JexSimFactory.StartTime) % 28_800_000);

        var depth = await _alice.Get($"{P}/depth", "symbol=BTCUSDT&limit=5");
        Assert.Equal(["lastUpdateId", "bids", "asks"], Names(depth));
        Assert.Equal("29995.00000000", depth.GetProperty("bids")[0][0].GetString());
        Assert.Equal("30005.00000000", depth.GetProperty("asks")[0][0].GetString());
        // The spot book of the same name is another book.
        Assert.NotEqual(depth.GetRawText(), (await _alice.Get("/api/v1/spot/depth", "symbol=BTCUSDT&limit=5")).GetRawText());

        (await _alice.Signed(HttpMethod.Post, $"{P}/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1&price=30005")).Ok();

        var trades = (await _alice.Get($"{P}/trades", "symbol=BTCUSDT")).EnumerateArray().ToArray();
        Assert.Equal(("30005.00000000", "0.10000000"), (trades.Single().Str("price"), trades.Single().Str("qty")));
        var historical = (await _alice.Public(HttpMethod.Get, $"{P}/historicalTrades", "symbol=BTCUSDT", withKey: true)).Ok();
        Assert.Equal(["id", "price", "qty", "time", "buyerMaker"], Names(historical.EnumerateArray().Single()).Intersect(["id", "price", "qty", "time", "buyerMaker"]));
        var klines = (await _alice.Get($"{P}/klines", "symbol=BTCUSDT&interval=1m")).EnumerateArray().Single();
        Assert.Equal(12, klines.GetArrayLength());
        Assert.Equal("30005.00000000", klines[1].GetString());
        Assert.Equal(["mins", "price"], Names(await _alice.Get($"{P}/avgPrice", "symbol=BTCUSDT")));

        var ticker = await _alice.Get($"{P}/ticker/24hr", "symbol=BTCUSDT");
        Assert.Equal(("BTCUSDT", "30005.00000000"), (ticker.Str("symbol"), ticker.Str("lastPrice")));
        Assert.Equal(["BTCUSDT", "ETHUSDT"], (await _alice.Get($"{P}/ticker/24hr")).EnumerateArray().Select(t => t.Str("symbol")));
        Assert.Equal(["symbol", "price"], Names(await _alice.Get($"{P}/ticker/price", "symbol=ETHUSDT")));
        Assert.Equal(2, (await _alice.Get($"{P}/ticker/price")).GetArrayLength());
        var book = await _alice.Get($"{P}/ticker/bookTicker", "symbol=BTCUSDT");
        Assert.Equal(["symbol", "bidPrice", "bidQty", "askPrice", "askQty"], Names(book));
        Assert.Equal("0.40000000", book.Str("askQty"));
        Assert.Equal(2, (await _alice.Get($"{P}/ticker/bookTicker")).GetArrayLength());
        var indices = await _alice.Get($"{P}/ticker/indicesPrice", "symbol=ETHUSDT");
        Assert.Equal(["symbol", "price", "indexPrice", "markPrice"], Names(indices));
        Assert.Equal("2000.00000000", indices.Str("markPrice"));
        Assert.Equal(2, (await _alice.Get($"{P}/ticker/indicesPrice")).GetArrayLength());

        Assert.Empty((await _alice.Get($"{P}/historyRate", "symbol=BTCUSDT")).EnumerateArray()); // no funding before the first interval ends
        var fund = (await _alice.Get($"{P}/protectionFund", "symbol=BTCUSDT")).EnumerateArray().Single();
        SpotApi.AssertShape(fund, ("id", 'n'), ("createdDate", 'n'), ("symbol", 's'), ("insuranceFund", 'n'));
        Assert.Equal(150_000m, fund.GetProperty("insuranceFund").GetDecimal()); // both contracts' funds are one USDT fund
    }

    [Fact]
    public async Task Orders_are_placed_queried_listed_and_cancelled_with_the_spec_shapes()
    {
        var ack = await Signed(HttpMethod.Post, $"{P}/order", "symbol=btcusdt&side=SELL&type=LIMIT&quantity=0.2&price=31000");
        Assert.Equal(["symbol", "orderId"], Names(ack));
        Assert.Equal("BTCUSDT", ack.Str("symbol"));
        string id = ack.Str("orderId");
        Assert.True(long.Parse(id) > 1L << 62);

        var result = await Signed(HttpMethod.Post, $"{P}/order", "symbol=BTCUSDT&side=SELL&type=LIMIT&quantity=0.1&price=31500&newOrderRespType=RESULT");
        Assert.Equal(["symbol", "orderId", "side", "origQty", "executedQty", "price", "status", "type"], Names(result));
        Assert.Equal(("sell", "-0.10000000", "entrusted", "limit"), (result.Str("side"), result.Str("origQty"), result.Str("status"), result.Str("type")));

        Assert.Equal("{}", (await Signed(HttpMethod.Post, $"{P}/order/test", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1&price=29000")).GetRawText());

        var detail = await Signed(HttpMethod.Get, $"{P}/order", $"symbol=BTCUSDT&orderId={id}");
        Assert.Equal(["symbol", "orderId", "updateTime", "side", "origQty", "executedQty", "price", "executedPrice", "status", "time", "reject", "type"], Names(detail));
        Assert.Equal(("SELL", "-0.20000000", "ENTRUSTED", "LIMIT"), (detail.Str("side"), detail.Str("origQty"), detail.Str("status"), detail.Str("type")));
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("executedPrice").ValueKind);

        var open = (await Signed(HttpMethod.Get, $"{P}/openOrders", "symbol=BTCUSDT")).EnumerateArray().ToArray();
        Assert.Equal([id, result.Str("orderId")], open.Select(o => o.Str("orderId")));
        Assert.Equal(["symbol", "orderId", "price", "origQty", "executedQty", "cummulativeQuoteQty", "status", "timeInForce", "type", "side", "time", "updateTime", "working"],
            Names(open[0]));

        var position = (await Signed(HttpMethod.Get, $"{P}/position", "symbol=BTCUSDT")).EnumerateArray().Single();
        Assert.Equal(["symbol", "direction", "leverage", "currentQuantity", "positionMargin", "positionCost", "costPrice", "liquidationPrice", "profit", "profitRate",
            "risk", "initialMargin", "maintenanceMargin", "buyOrderCost", "sellOrderCost", "position"], Names(position));
        Assert.Equal(("", "0.00000000", "0.00000000"), (position.Str("direction"), position.Str("currentQuantity"), position.Str("buyOrderCost")));
        // Sell order margin: 0.2 x 31000 / 10 + 0.0005 x 6200 = 623.1, and 0.1 x 31500 / 10 + 0.0005 x 3150 = 316.575.
        Assert.Equal("939.67500000", position.Str("sellOrderCost"));
        var balance = (await _alice.Account()).GetProperty("contractBalances").EnumerateArray().Single();
        Assert.Equal(["asset", "canDeposit", "canTrade", "canWithdraw", "free", "locked"], Names(balance));
        Assert.Equal(("usdt", "49060.32500000", "939.67500000"), (balance.Str("asset"), balance.Str("free"), balance.Str("locked")));

        var batch = (await Signed(HttpMethod.Get, $"{P}/batchOrder",
            "ordersJsonArray=" + Uri.EscapeDataString($"[{{\"symbol\":\"btcusdt\",\"orderId\":\"{id}\"}},{{\"orderId\":\"{id}\"}},{{\"symbol\":\"BTCUSDT\",\"orderId\":\"5\"}}]"))).EnumerateArray().ToArray();
        Assert.Equal([id, id], batch.Take(2).Select(o => o.Str("orderId")));
        Assert.Equal("entrusted", batch[0].Str("status"));
        Assert.Equal((-2013, "Order does not exist."), (batch[2].GetProperty("code").GetInt32(), batch[2].Str("msg")));

        var canceled = await Signed(HttpMethod.Delete, $"{P}/order", $"symbol=BTCUSDT&orderId={id}");
        Assert.Equal(("cancel", "-0.20000000"), (canceled.Str("status"), canceled.Str("origQty")));
        var cancelBatch = (await Signed(HttpMethod.Delete, $"{P}/batchOrder",
            "ordersJsonArray=" + Uri.EscapeDataString($"[{{\"symbol\":\"BTCUSDT\",\"orderId\":\"{result.Str("orderId")}\"}},{{\"symbol\":\"BTCUSDT\",\"orderId\":\"{id}\"}}]"))).EnumerateArray().ToArray();
        Assert.Equal("cancel", cancelBatch[0].Str("status"));
        Assert.Equal(-2011, cancelBatch[1].GetProperty("code").GetInt32()); // already cancelled
        Assert.Equal(("usdt", "50000.00000000", "0.00000000"), ((await _alice.Account()).GetProperty("contractBalances")[0].Str("asset"),
            (await _alice.Account()).GetProperty("contractBalances")[0].Str("free"), (await _alice.Account()).GetProperty("contractBalances")[0].Str("locked")));

        var history = (await Signed(HttpMethod.Get, $"{P}/historyOrders", "symbol=BTCUSDT")).EnumerateArray().Select(o => o.Str("status")).ToArray();
        Assert.Equal(["CANCEL", "CANCEL"], history);
        Assert.Empty((await _alice.Public(HttpMethod.Get, $"{P}/liquidationOrder", "symbol=BTCUSDT", withKey: true)).Ok().EnumerateArray());
    }

    [Fact]
    public async Task Leverage_margin_bills_and_fills_answer_with_the_spec_shapes()
    {
        Assert.Equal("{}", (await Signed(HttpMethod.Post, $"{P}/position/leverage", "symbol=ETHUSDT&leverage=20.00")).GetRawText());
        (await _alice.Signed(HttpMethod.Post, $"{P}/order", "symbol=ETHUSDT&side=BUY&type=LIMIT&quantity=1&price=2000.5")).Ok();
        var position = (await Signed(HttpMethod.Get, $"{P}/position", "")).EnumerateArray().Single();
        Assert.Equal(("ETHUSDT", "20.00", "100.02500000", "0.05000000"), (position.Str("symbol"), position.Str("leverage"), position.Str("positionMargin"), position.Str("initialMargin")));

        var transfer = await Signed(HttpMethod.Post, $"{P}/transferMargin", "symbol=ETHUSDT&amount=50.5");
        SpotApi.AssertShape(transfer, ("asset", 's'), ("balance", 'n'), ("lockBalance", 'n'));
        Assert.Equal(("USDT", 99_949.5m), (transfer.Str("asset"), transfer.GetProperty("balance").GetDecimal()));
        (await _alice.Signed(HttpMethod.Post, $"{P}/transferMargin", "symbol=ETHUSDT&amount=-0.5")).Ok();

        var bills = (await Signed(HttpMethod.Get, $"{P}/bill", "")).EnumerateArray().ToArray();
        SpotApi.AssertShape(bills[0], ("id", 'n'), ("amount", 'n'), ("createdDate", 's'), ("symbol", 's'), ("type", 's'));
        Assert.Equal(["positionSize", "fee", "transfer", "transfer"], bills.Select(b => b.Str("type")));
        Assert.Equal("2026-01-01 00:00:00", bills[0].Str("createdDate"));
        var after = (await Signed(HttpMethod.Get, $"{P}/bill", $"fromId={bills[1].Num("id")}")).EnumerateArray().Select(b => b.GetProperty("amount").GetDecimal());
        Assert.Equal([50.5m, -0.5m], after);

        var fill = (await Signed(HttpMethod.Get, $"{P}/userHistoricalTrades", "symbol=ETHUSDT")).EnumerateArray().Single();
        SpotApi.AssertShape(fill, ("id", 'n'), ("orderId", 's'), ("price", 's'), ("qty", 's'), ("time", 'n'), ("feeRate", 's'), ("buyerMaker", 'b'));
        Assert.Empty((await Signed(HttpMethod.Get, $"{P}/userHistoricalTrades", $"symbol=ETHUSDT&endId={fill.Num("id")}")).EnumerateArray());
    }
}
