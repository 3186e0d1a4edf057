using System.Net;
using JexSim.Server.Tests.Infrastructure;

namespace JexSim.Server.Tests.Spot;

/// <summary>
/// POST /api/v1/spot/order (ACK and RESULT; LIMIT GTC/IOC/FOK and MARKET) and POST /api/v1/spot/order/test,
/// against the fixture's BTCUSDT ladder: asks 30000×0.5 30010×0.4 30020×0.3 30030×0.2 30040×0.1, bids 29990×0.5 … 29950×0.1.
/// </summary>
public sealed class OrderPlacementTests
{
    private const string Zero = "0.00000000";

    public static TheoryData<string, string, string, string, string, string, string, string> Outcomes => new()
    {
        // order (symbol=btcusdt is added), status, executedQty, cummulativeQuoteQty, timeInForce, price, locked asset, locked after
        { "side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.1&price=29000", "NEW", Zero, Zero, "GTC", "29000.00000000", "USDT", "2900.00000000" },
        { "side=BUY&type=LIMIT&quantity=0.2&price=30000", "FILLED", "0.20000000", "6000.00000000", "GTC", "30000.00000000", "USDT", Zero },
        { "side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.7&price=30000", "PARTIALLY_FILLED", "0.50000000", "15000.00000000", "GTC", "30000.00000000", "USDT", "6000.00000000" },
        { "side=BUY&type=LIMIT&timeInForce=IOC&quantity=0.7&price=30000", "CANCLEFILLED", "0.50000000", "15000.00000000", "IOC", "30000.00000000", "USDT", Zero },
        { "side=BUY&type=LIMIT&timeInForce=IOC&quantity=0.1&price=29000", "CANCELED", Zero, Zero, "IOC", "29000.00000000", "USDT", Zero },
        { "side=BUY&type=LIMIT&timeInForce=FOK&quantity=1&price=30010", "CANCELED", Zero, Zero, "FOK", "30010.00000000", "USDT", Zero },
        { "side=BUY&type=LIMIT&timeInForce=FOK&quantity=0.9&price=30010", "FILLED", "0.90000000", "27004.00000000", "FOK", "30010.00000000", "USDT", Zero },
        { "side=BUY&type=MARKET&quantity=0.6", "FILLED", "0.60000000", "18001.00000000", "IOC", Zero, "USDT", Zero },
        { "side=BUY&type=MARKET&quantity=0.6&price=1", "FILLED", "0.60000000", "18001.00000000", "IOC", Zero, "USDT", Zero }, // price ignored
        { "side=BUY&type=MARKET&quantity=2", "CANCLEFILLED", "1.50000000", "45020.00000000", "IOC", Zero, "USDT", Zero },
        { "side=SELL&type=MARKET&quantity=0.7", "FILLED", "0.70000000", "20991.00000000", "IOC", Zero, "BTC", Zero },
        { "side=SELL&type=LIMIT&timeInForce=GTC&quantity=0.3&price=29980", "FILLED", "0.30000000", "8997.00000000", "GTC", "29980.00000000", "BTC", Zero },
        { "side=SELL&type=LIMIT&timeInForce=GTC&quantity=0.6&price=29990", "PARTIALLY_FILLED", "0.50000000", "14995.00000000", "GTC", "29990.00000000", "BTC", "0.10000000" },
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public async Task A_RESULT_answer_reports_the_outcome_of_the_order(string order, string status, string executed, string cumQuote,
        string timeInForce, string price, string lockedAsset, string locked)
    {
        using var venue = new JexSimFactory();
        var alice = venue.Alice();
        var result = await alice.PlaceResult("symbol=btcusdt&" + order);

        SpotApi.AssertShape(result, SpotApi.ResultShape);
        Assert.Equal("BTCUSDT", result.Str("symbol"));
        Assert.Equal(venue.Clock.NowMs, result.Num("transactTime"));
        var parameters = order.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal((parameters["side"], parameters["type"], decimal.Parse(parameters["quantity"]).ToString("0.00000000")),
            (result.Str("side"), result.Str("type"), result.Str("origQty")));
        Assert.Equal((status, executed, cumQuote, timeInForce, price),
            (result.Str("status"), result.Str("executedQty"), result.Str("cummulativeQuoteQty"), result.Str("timeInForce"), result.Str("price")));

        // The answer agrees with what GET order, openOrders and the account say afterwards.
        long id = result.Num("orderId");
        var stored = await alice.SignedGet(SpotApi.Order, $"symbol=BTCUSDT&orderId={id}");
        Assert.Equal((status, executed, cumQuote), (stored.Str("status"), stored.Str("executedQty"), stored.Str("cummulativeQuoteQty")));
        var open = await alice.SignedGet("/api/v1/spot/openOrders", "symbol=BTCUSDT");
        bool rests = status is "NEW" or "PARTIALLY_FILLED";
        Assert.Equal(rests ? [id.ToString()] : [], open.EnumerateArray().Select(o => o.Str("orderId")).ToArray());
        Assert.Equal(locked, (await alice.Balance(lockedAsset)).Locked);
    }

    [Fact]
    public async Task An_ACK_answer_has_symbol_orderId_and_transactTime_only_and_ids_increase()
    {
        using var venue = new JexSimFactory();
        var alice = venue.Alice();
        var first = (await alice.Place("symbol=ethbtc&side=BUY&type=LIMIT&quantity=1&price=0.05")).Ok();
        venue.Clock.Advance(TimeSpan.FromMilliseconds(7));
        var second = (await alice.Place("symbol=ETHBTC&side=SELL&type=LIMIT&quantity=1&price=0.07&newOrderRespType=ACK")).Ok();

        foreach (var ack in new[] { first, second }) SpotApi.AssertShape(ack, ("symbol", 's'), ("orderId", 'n'), ("transactTime", 'n'));
        Assert.Equal("ETHBTC", first.Str("symbol"));
        // The fixture's ladders took the ids before.
        Assert.Equal((SpotApi.FirstClientOrderId, JexSimFactory.StartTime), (first.Num("orderId"), first.Num("transactTime")));
        Assert.Equal((SpotApi.FirstClientOrderId + 1, JexSimFactory.StartTime + 7), (second.Num("orderId"), second.Num("transactTime")));
    }

    [Theory]
    [InlineData("symbol=btcusdt&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.1&price=30000")] // would fill
    [InlineData("symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1&price=29000")]                 // would rest
    [InlineData("symbol=BTCUSDT&side=SELL&type=MARKET&quantity=1")]
    [InlineData("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=FOK&quantity=1&price=30000")]
    public async Task Order_test_validates_and_answers_an_empty_object_changing_nothing(string order)
    {
        using var venue = new JexSimFactory();
        var alice = venue.Alice();
        var before = await Snapshot(alice);

        var tested = await alice.Signed(HttpMethod.Post, "/api/v1/spot/order/test", order);

        Assert.Equal("{}", tested.Ok().GetRawText());
        Assert.Equal(before, await Snapshot(alice));
        var next = (await alice.Place("symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1&price=1000")).Ok();
        Assert.Equal(SpotApi.FirstClientOrderId, next.Num("orderId")); // no order id was used up
    }

    [Theory]
    [InlineData("symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=10000&price=29000", -9000, "Filter failure: LOT_SIZE")]
    [InlineData("symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1&price=1000001", -9000, "Filter failure: PRICE_FILTER")]
    [InlineData("symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.0001&price=29000", -9000, "Filter failure: MIN_NOTIONAL")]
    [InlineData("symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1", -1102, "Mandatory parameter 'price' was not sent, was empty/null, or malformed.")]
    [InlineData("symbol=DOGEUSDT&side=BUY&type=LIMIT&quantity=0.1&price=1", -1121, "Invalid symbol.")]
    public async Task Order_test_rejects_what_order_would_reject(string order, int code, string msg)
    {
        using var venue = new JexSimFactory();
        var alice = venue.Alice();
        (await alice.Signed(HttpMethod.Post, "/api/v1/spot/order/test", order)).AssertError(HttpStatusCode.BadRequest, code, msg);
        (await alice.Place(order)).AssertError(HttpStatusCode.BadRequest, code, msg);
    }

    [Fact]
    public async Task Order_test_does_not_check_the_balance_as_on_Binance()
    {
        using var venue = new JexSimFactory();
        var alice = venue.Alice();
        const string tooBig = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=100&price=29000";
        Assert.Equal("{}", (await alice.Signed(HttpMethod.Post, "/api/v1/spot/order/test", tooBig)).Ok().GetRawText());
        (await alice.Place(tooBig)).AssertError(HttpStatusCode.BadRequest, -2010, "Account has insufficient balance for requested action.");
    }

    [Fact]
    public async Task The_201st_open_order_of_a_symbol_is_refused_but_IOC_orders_still_go()
    {
        using var venue = new JexSimFactory();
        var alice = venue.Alice();
        var placed = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            alice.Place($"symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.001&price={20000 + i}")));
        Assert.All(placed, p => p.Ok());

        (await alice.Place("symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.001&price=19000"))
            .AssertError(HttpStatusCode.BadRequest, -2019, "has reach max order number 200");
        Assert.Equal("FILLED", (await alice.PlaceResult("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=IOC&quantity=0.001&price=30000")).Str("status"));
        Assert.True(await alice.Rest("ETHUSDT", "BUY", "0.01", "1900") > 0); // other symbols are not affected
    }

    [Fact]
    public async Task A_market_buy_is_refused_when_the_free_quote_cannot_pay_for_what_it_would_take()
    {
        using var venue = new JexSimFactory();
        var created = await venue.CreateClient().PostAsync("/admin/v1/accounts",
            new StringContent("""{"balances":{"USDT":"100"}}""", System.Text.Encoding.UTF8, "application/json"));
        var keys = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var carol = venue.ClientFor(keys.Str("apiKey"), keys.Str("secretKey"));

        (await carol.Place("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.004")) // 120 USDT at 30000
            .AssertError(HttpStatusCode.BadRequest, -2010, "Account has insufficient balance for requested action.");
        var bought = await carol.PlaceResult("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.003"); // 90 USDT
        Assert.Equal(("FILLED", "90.00000000"), (bought.Str("status"), bought.Str("cummulativeQuoteQty")));
        Assert.Equal(("10.00000000", "0.00000000"), await carol.Balance("USDT"));
    }

    /// <summary>Everything an order could change, as the API shows it.</summary>
    internal static async Task<string> Snapshot(JexClient client)
    {
        var account = await client.Account();
        var parts = new List<string> { account.GetProperty("spotBalances").GetRawText() };
        foreach (var symbol in new[] { "BTCUSDT", "ETHUSDT", "ETHBTC", "JEXBTC", "LTCBTC" })
        {
            parts.Add((await client.SignedGet("/api/v1/spot/historyOrders", $"symbol={symbol}")).GetRawText());
            parts.Add((await client.Get("/api/v1/spot/depth", $"symbol={symbol}")).GetRawText());
            parts.Add((await client.Get("/api/v1/spot/trades", $"symbol={symbol}")).GetRawText());
        }
        return string.Join('\n', parts);
    }
}
