using System.Net;
using System.Text.Json;
using JexSim.Server.Tests.Infrastructure;
using JexSim.Server.Tests.Simulation;
using JexSim.Server.Tests.Spot;

namespace JexSim.Server.Tests.Streams;

/// <summary>
/// The contract market's streams on quiet.json (bob's ladder around 30000 on the BTCUSDT perpetual, reference price
/// 30000): market streams keyed apart from the spot symbol of the same name, and the user events
/// execContractReport, accountContractInfo and contractPositions, each compared field by field with REST.
/// </summary>
public sealed class ContractStreamTests : IDisposable
{
    private const long T0 = JexSimFactory.StartTime;
    private const string Prefix = "/api/v1/contract";
    private readonly JexSimFactory _venue = FastStreams.Venue();

    public void Dispose() => _venue.Dispose();

    private static string S(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    private async Task<StreamSocket> UserStreamAsync(JexClient client)
    {
        var r = await client.Public(HttpMethod.Post, "/api/v1/userDataStream", withKey: true);
        Assert.Equal(HttpStatusCode.OK, r.Status);
        return await StreamSocket.ConnectAsync(_venue, "/ws/" + S(r.Json, "listenKey"));
    }

    [Fact]
    public async Task Contract_market_streams_carry_the_contract_trade_with_mark_and_index_and_the_spot_streams_of_the_same_name_stay_silent()
    {
        string[] streams =
        [
            "btcusdt@contractTrade", "btcusdt@contractKline_1M", "btcusdt@contractMiniTicker", "btcusdt@contractTicker",
            "!contractMiniTicker@arr", "!contractTicker@arr", "btcusdt@contractDepth5", "btcusdt@contractDepth", "btcusdt@spotTrade",
        ];
        await using var ws = await StreamSocket.ConnectAsync(_venue, "/stream?streams=" + string.Join('/', streams));
        (await _venue.Admin().Put("/prices/BTCUSDT", new { price = "30100", market = "contract" })).Ok();
        // Alice takes 0.1 of bob's best contract ask (0.5 @ 30005).
        (await _venue.Alice().Signed(HttpMethod.Post, $"{Prefix}/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1&price=30005")).Ok();

        var seen = new Dictionary<string, JsonElement>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30); // partial depth pushes forever: bound the wait
        while (seen.Count < streams.Length - 1)
        {
            Assert.True(DateTime.UtcNow < deadline, $"streams still missing: {string.Join(", ", streams.Except(seen.Keys))}");
            var m = await ws.NextAsync(_ => true);
            string stream = S(m, "stream");
            Assert.NotEqual("btcusdt@spotTrade", stream); // the contract trade is not the spot symbol's
            var data = m.GetProperty("data");
            bool done = stream switch
            {
                "btcusdt@contractKline_1M" => S(data.GetProperty("k"), "v") == "0.10000000",
                "btcusdt@contractMiniTicker" or "btcusdt@contractTicker" => S(data, "v") == "0.10000000",
                "btcusdt@contractDepth5" => data.GetProperty("asks")[0][1].GetString() == "0.40000000",
                "btcusdt@contractDepth" => data.GetProperty("a").GetArrayLength() > 0,
                _ => true,
            };
            if (done) seen.TryAdd(stream, data);
        }

        var trade = Assert.Single(seen["btcusdt@contractTrade"].EnumerateArray());
        Assert.Equal(("contractTrade", "BTCUSDT", "30005.00000000", "0.10000000"), (S(trade, "e"), S(trade, "s"), S(trade, "p"), S(trade, "q")));
        Assert.Equal(T0, trade.GetProperty("T").GetInt64());
        Assert.False(trade.GetProperty("m").GetBoolean());
        var restTrade = (await _venue.Alice().SignedGet($"{Prefix}/userHistoricalTrades", "symbol=BTCUSDT")).EnumerateArray().Single();
        Assert.Equal(restTrade.GetProperty("id").GetInt64(), trade.GetProperty("t").GetInt64());
        Assert.Equal(["30005.00000000"], (await _venue.Alice().Get($"{Prefix}/trades", "symbol=BTCUSDT")).EnumerateArray().Select(t => S(t, "price")));

        var kline = seen["btcusdt@contractKline_1M"];
        Assert.Equal(("contractKline", "BTCUSDT", "1m", "30005.00000000", "3000.50000000"),
            (S(kline, "e"), S(kline, "s"), S(kline.GetProperty("k"), "i"), S(kline.GetProperty("k"), "c"), S(kline.GetProperty("k"), "q")));

        var mini = seen["btcusdt@contractMiniTicker"];
        Assert.Equal(["e", "E", "s", "c", "h", "o", "l", "m", "i", "v", "q"], mini.EnumerateObject().Select(p => p.Name));
        // Index 30100; the book's mid (30000) pulls the mark a tenth of the way: 30100 + (30000 - 30100) / 10 = 30090.
        Assert.Equal(("24hrContractMiniTicker", "30005.00000000", "30090.00000000", "30100.00000000"), (S(mini, "e"), S(mini, "c"), S(mini, "m"), S(mini, "i")));
        var indices = await _venue.Alice().Get($"{Prefix}/ticker/indicesPrice", "symbol=BTCUSDT");
        Assert.Equal((S(indices, "markPrice"), S(indices, "indexPrice")), (S(mini, "m"), S(mini, "i")));

        var ticker = seen["btcusdt@contractTicker"];
        Assert.Equal(["e", "E", "s", "p", "P", "c", "h", "l", "v", "q", "m", "i", "O", "C"], ticker.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("24hrContractTicker", "30090.00000000", "30100.00000000", "3000.50000000"), (S(ticker, "e"), S(ticker, "m"), S(ticker, "i"), S(ticker, "q")));
        var rest24 = (await _venue.Alice().Get($"{Prefix}/ticker/24hr", "symbol=BTCUSDT"));
        Assert.Equal((S(rest24, "volume"), S(rest24, "highPrice"), S(rest24, "lastPrice")), (S(ticker, "v"), S(ticker, "h"), S(ticker, "c")));
        Assert.Equal((S(indices, "markPrice"), S(indices, "indexPrice")), (S(ticker, "m"), S(ticker, "i")));

        var miniRow = Assert.Single(seen["!contractMiniTicker@arr"].EnumerateArray());
        Assert.Equal(("24hrContractMiniTicker", "BTCUSDT", "30090.00000000"), (S(miniRow, "e"), S(miniRow, "s"), S(miniRow, "m")));
        var tickerRow = Assert.Single(seen["!contractTicker@arr"].EnumerateArray());
        Assert.Equal(("24hrContractTicker", "BTCUSDT"), (S(tickerRow, "e"), S(tickerRow, "s")));

        var depth = seen["btcusdt@contractDepth5"];
        var restDepth = await _venue.Alice().Get($"{Prefix}/depth", "symbol=BTCUSDT&limit=5");
        Assert.Equal(restDepth.GetProperty("lastUpdateId").GetInt64(), depth.GetProperty("lastUpdateId").GetInt64());
        foreach (var side in new[] { "bids", "asks" })
            Assert.Equal(restDepth.GetProperty(side).EnumerateArray().Select(l => (l[0].GetString(), l[1].GetString())),
                depth.GetProperty(side).EnumerateArray().Select(l => (l[0].GetString(), l[1].GetString())));

        var diff = seen["btcusdt@contractDepth"];
        Assert.Equal(("contractDepthUpdate", "BTCUSDT"), (S(diff, "e"), S(diff, "s")));
        var change = Assert.Single(diff.GetProperty("a").EnumerateArray());
        Assert.Equal(("30005.00000000", "0.40000000"), (change[0].GetString(), change[1].GetString()));
        Assert.Equal(0, diff.GetProperty("b").GetArrayLength());
        Assert.Equal(restDepth.GetProperty("lastUpdateId").GetInt64(), diff.GetProperty("v").GetInt64());

        // The spot book of the same name did not move.
        var spotDepth = (await _venue.Alice().Public(HttpMethod.Get, "/api/v1/spot/depth", "symbol=BTCUSDT")).Json;
        Assert.NotEqual("30005.00000000", spotDepth.GetProperty("asks")[0][0].GetString());
        Assert.Empty((await _venue.Alice().Get("/api/v1/spot/trades", "symbol=BTCUSDT")).EnumerateArray());
    }

    [Fact]
    public async Task Orders_fills_cancels_and_leverage_send_execContractReport_accountContractInfo_and_contractPositions_that_match_REST()
    {
        var alice = _venue.Alice();
        await using var ws = await UserStreamAsync(alice);

        // A resting buy: ENTRUSTED, and its order margin shows as o in the account and b in the position.
        var resting = (await alice.Signed(HttpMethod.Post, $"{Prefix}/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1&price=29000")).Ok();
        string restingId = resting.Str("orderId");
        var entrusted = await ws.NextAsync(e => S(e, "e") == "execContractReport");
        Assert.Equal(["E", "e", "s", "X", "r", "i", "z", "Z"], entrusted.EnumerateObject().Select(p => p.Name));
        Assert.Equal((T0, "BTCUSDT", "ENTRUSTED", "NONE", restingId, "0.00000000", "0.00000000"),
            (entrusted.GetProperty("E").GetInt64(), S(entrusted, "s"), S(entrusted, "X"), S(entrusted, "r"), S(entrusted, "i"), S(entrusted, "z"), S(entrusted, "Z")));
        var held = await ws.NextAsync(e => S(e, "e") == "accountContractInfo");
        await AssertAccountMatchesRestAsync(alice, held);
        var heldPosition = await ws.NextAsync(e => S(e, "e") == "contractPositions");
        await AssertPositionMatchesRestAsync(alice, heldPosition);
        Assert.NotEqual("0.00000000", S(heldPosition.GetProperty("p")[0], "b"));
        Assert.Equal("0.00000000", S(heldPosition.GetProperty("p")[0], "q"));

        // Cancelled: CANCEL, and the order margin is back.
        (await alice.Signed(HttpMethod.Delete, $"{Prefix}/order", $"symbol=BTCUSDT&orderId={restingId}")).Ok();
        var cancelled = await ws.NextAsync(e => S(e, "e") == "execContractReport");
        Assert.Equal(("CANCEL", restingId), (S(cancelled, "X"), S(cancelled, "i")));
        var released = await ws.NextAsync(e => S(e, "e") == "accountContractInfo");
        Assert.Equal(("50000.00000000", "0.00000000", "0.00000000", "0.00000000"),
            (S(released.GetProperty("B")[0], "f"), S(released.GetProperty("B")[0], "o"), S(released.GetProperty("B")[0], "p"), S(released.GetProperty("B")[0], "l")));
        await ws.NextAsync(e => S(e, "e") == "contractPositions");

        // A sell into bob's bid (0.5 @ 29995) opens a short: FILLED, z negative, the position in contractPositions.
        var sold = (await alice.Signed(HttpMethod.Post, $"{Prefix}/order", "symbol=BTCUSDT&side=SELL&type=LIMIT&quantity=0.1&price=29995")).Ok();
        var filled = await ws.NextAsync(e => S(e, "e") == "execContractReport");
        Assert.Equal(("BTCUSDT", "FILLED", sold.Str("orderId"), "-0.10000000", "2999.50000000"), (S(filled, "s"), S(filled, "X"), S(filled, "i"), S(filled, "z"), S(filled, "Z")));
        var account = await ws.NextAsync(e => S(e, "e") == "accountContractInfo");
        Assert.Equal("299.95000000", S(account.GetProperty("B")[0], "p")); // 2999.5 at leverage 10
        await AssertAccountMatchesRestAsync(alice, account);
        var opened = await ws.NextAsync(e => S(e, "e") == "contractPositions");
        var p = opened.GetProperty("p")[0];
        Assert.Equal(["M", "R", "S", "a", "b", "c", "d", "i", "l", "m", "n", "o", "q", "r", "s", "t", "v"], p.EnumerateObject().Select(f => f.Name));
        Assert.Equal(("100", "shorts", "-0.10000000", "0.10000000", "0.00500000", "10.00", "2999.50000000"),
            (S(p, "M"), S(p, "d"), S(p, "q"), S(p, "i"), S(p, "m"), S(p, "v"), S(p, "R")));
        Assert.Equal("0.00000000", S(p, "r")); // quiet.json sets no riskLimit
        await AssertPositionMatchesRestAsync(alice, opened);

        // Leverage 20: contractPositions again, with v and i changed.
        (await alice.Signed(HttpMethod.Post, $"{Prefix}/position/leverage", "symbol=BTCUSDT&leverage=20")).Ok();
        var levered = await ws.NextAsync(e => S(e, "e") == "contractPositions");
        Assert.Equal(("20.00", "0.05000000"), (S(levered.GetProperty("p")[0], "v"), S(levered.GetProperty("p")[0], "i")));
        await AssertPositionMatchesRestAsync(alice, levered);
    }

    [Fact]
    public async Task A_refused_contract_order_and_a_close_without_position_arrive_as_FAIL_with_the_spec_reason()
    {
        var alice = _venue.Alice();
        await using var ws = await UserStreamAsync(alice);

        // 20 BTC at 29000 needs 58000 of margin at leverage 10; alice's contract balance is 50000.
        var refused = await alice.Signed(HttpMethod.Post, $"{Prefix}/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=20&price=29000");
        Assert.Equal(-7008, refused.Code);
        var fail = await ws.NextAsync(e => S(e, "e") == "execContractReport");
        Assert.Equal(["E", "X", "e", "r"], fail.EnumerateObject().Select(f => f.Name));
        Assert.Equal((T0, "FAIL", "insufficient Available"), (fail.GetProperty("E").GetInt64(), S(fail, "X"), S(fail, "r")));

        var close = await alice.Signed(HttpMethod.Post, $"{Prefix}/liquidation", "symbol=BTCUSDT");
        Assert.Equal(-7020, close.Code);
        var empty = await ws.NextAsync(e => S(e, "e") == "execContractReport");
        Assert.Equal(("FAIL", "closing empty position"), (S(empty, "X"), S(empty, "r")));

        // A filter refusal (the engine's MIN_NOTIONAL: 0.0001 x 0.5) is the request's error only: the next event is the next order's.
        Assert.Equal(-9000, (await alice.Signed(HttpMethod.Post, $"{Prefix}/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.0001&price=0.5")).Code);
        var next = (await alice.Signed(HttpMethod.Post, $"{Prefix}/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1&price=29000")).Ok();
        var report = await ws.NextAsync(e => S(e, "e") == "execContractReport");
        Assert.Equal(("ENTRUSTED", next.Str("orderId")), (S(report, "X"), S(report, "i")));
    }

    /// <summary>accountContractInfo's B equals the account's contractBalances: f = free, l = o + p = locked.</summary>
    internal static async Task AssertAccountMatchesRestAsync(JexClient client, JsonElement accountEvent)
    {
        Assert.Equal("accountContractInfo", S(accountEvent, "e"));
        var rest = (await client.Account()).GetProperty("contractBalances").EnumerateArray().Single();
        var row = accountEvent.GetProperty("B").EnumerateArray().Single();
        Assert.Equal(["a", "o", "p", "f", "l", "T", "W", "D"], row.EnumerateObject().Select(f => f.Name));
        Assert.Equal(S(rest, "asset"), S(row, "a").ToLowerInvariant());
        Assert.Equal(S(rest, "free"), S(row, "f"));
        Assert.Equal(S(rest, "locked"), S(row, "l"));
        Assert.Equal(decimal.Parse(S(row, "l")), decimal.Parse(S(row, "o")) + decimal.Parse(S(row, "p")));
    }

    /// <summary>Each position in a contractPositions event equals GET contract/position's for that symbol.</summary>
    internal static async Task AssertPositionMatchesRestAsync(JexClient client, JsonElement positionsEvent)
    {
        Assert.Equal("contractPositions", S(positionsEvent, "e"));
        var rest = (await client.SignedGet($"{Prefix}/position", "")).EnumerateArray().ToList();
        foreach (var p in positionsEvent.GetProperty("p").EnumerateArray())
        {
            var r = rest.SingleOrDefault(x => S(x, "symbol") == S(p, "s"));
            if (r.ValueKind == JsonValueKind.Undefined) { Assert.Equal("0.00000000", S(p, "q")); Assert.Equal("0.00000000", S(p, "o")); continue; }
            Assert.Equal(
                (S(r, "direction"), S(r, "currentQuantity"), S(r, "positionMargin"), S(r, "positionCost"), S(r, "costPrice"), S(r, "liquidationPrice"),
                 S(r, "leverage"), S(r, "buyOrderCost"), S(r, "sellOrderCost"), S(r, "initialMargin"), S(r, "maintenanceMargin")),
                (S(p, "d"), S(p, "q"), S(p, "o"), S(p, "t"), S(p, "c"), S(p, "l"), S(p, "v"), S(p, "b"), S(p, "S"), S(p, "i"), S(p, "m")));
        }
    }
}
