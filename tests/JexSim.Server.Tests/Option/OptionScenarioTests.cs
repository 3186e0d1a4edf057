using System.Net;
using System.Text.Json;
using JexSim.Engine;
using JexSim.Server.Api;
using JexSim.Server.Tests.Infrastructure;
using JexSim.Server.Tests.Simulation;
using JexSim.Server.Tests.Spot;
using JexSim.Server.Tests.Streams;

namespace JexSim.Server.Tests.Option;

/// <summary>
/// The option market end to end on the virtual clock: a writer issues calls and puts and sells them on the book, a buyer
/// holds them to expiry; the call settles in the money, the put out of it; and a second call case expires out of the money. After every step balances, records, positions
/// and streams agree and every asset's supply is what was deposited.
/// </summary>
public sealed class OptionScenarioTests : IDisposable
{
    private const long Expiry = JexSimFactory.StartTime + 1_800_000; // half an hour after the venue starts (within a listenKey's hour)
    private const string WriterKey = "writerKey", WriterSecret = "writerSecret", BuyerKey = "buyerKey", BuyerSecret = "buyerSecret";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "jexsim-tests", Guid.NewGuid().ToString("N"));
    private readonly JexSimFactory _venue;
    private readonly JexClient _writer, _buyer;

    public OptionScenarioTests()
    {
        Directory.CreateDirectory(_dir);
        string expiry = DateTimeOffset.FromUnixTimeMilliseconds(Expiry).ToString("O");
        var path = Path.Combine(_dir, "options.json");
        File.WriteAllText(path, $$"""
            {
              "name": "options-scenario",
              "spotSymbols": [
                { "symbol": "BTCUSDT", "baseAsset": "BTC", "quoteAsset": "USDT", "tickSize": "0.01", "maxPrice": "1000000", "stepSize": "0.000001", "maxQty": "9000" }
              ],
              "optionSymbols": [
                { "symbol": "BTCCALL", "type": "CALL", "underlying": "BTCUSDT", "strike": "32000", "exertionTime": "{{expiry}}",
                  "baseAsset": "BTCCALL", "quoteAsset": "USDT", "tickSize": "0.01", "maxPrice": "100000", "stepSize": "1", "maxQty": "100000", "marketOrders": false,
                  "releaseOption": { "convertRatio": "0.1", "assetMarginName": "BTC", "rateMargin": "0.1", "rateBase": "1", "assetBaseName": "JEX" } },
                { "symbol": "BTCPUT", "type": "PUT", "underlying": "BTCUSDT", "strike": "28000", "exertionTime": "{{expiry}}",
                  "baseAsset": "BTCPUT", "quoteAsset": "USDT", "tickSize": "0.01", "maxPrice": "100000", "stepSize": "1", "maxQty": "100000", "marketOrders": false,
                  "releaseOption": { "convertRatio": "0.1", "assetMarginName": "USDT", "rateMargin": "2800", "rateBase": "1", "assetBaseName": "JEX" } }
              ],
              "accounts": [
                { "id": 1, "apiKey": "{{WriterKey}}", "secretKey": "{{WriterSecret}}", "balances": { "BTC": "1", "JEX": "100", "USDT": "10000" } },
                { "id": 2, "apiKey": "{{BuyerKey}}", "secretKey": "{{BuyerSecret}}", "balances": { "USDT": "10000" } }
              ]
            }
            """);
        _venue = new JexSimFactory(path, FastStreams.Settings());
        _writer = _venue.ClientFor(WriterKey, WriterSecret);
        _buyer = _venue.ClientFor(BuyerKey, BuyerSecret);
    }

    public void Dispose()
    {
        _venue.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private static string S(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    private async Task<JsonElement> Ok(JexClient client, HttpMethod method, string path, string parameters = "")
    {
        var r = await client.Signed(method, path, parameters);
        Assert.True(r.Status == HttpStatusCode.OK, $"{method} {path}?{parameters}: {r}");
        _venue.Clock.Advance(TimeSpan.FromSeconds(1));
        await AssertConservedAsync();
        return r.Json;
    }

    /// <summary>Deposited supplies (BTC 1, USDT 20000, JEX 100) unchanged, and the engine's invariants hold.</summary>
    private async Task AssertConservedAsync()
    {
        var (btc, usdt, jex, problems) = await _venue.Venue().Sequencer.Inspect(c =>
            (c.Supply(c.Assets.Single(a => a.Name == "BTC").Id), c.Supply(c.Assets.Single(a => a.Name == "USDT").Id),
             c.Supply(c.Assets.Single(a => a.Name == "JEX").Id), c.CheckInvariants()));
        Assert.Equal((FixedPoint.FromDecimal(1m), FixedPoint.FromDecimal(20000m), FixedPoint.FromDecimal(100m)), (btc, usdt, jex));
        Assert.Empty(problems);
    }

    private async Task<(string Free, string Locked)> Balance(JexClient client, string asset)
    {
        var account = (await client.Signed(HttpMethod.Get, "/api/v1/account")).Json;
        var row = account.GetProperty("spotBalances").EnumerateArray().Concat(account.GetProperty("optionBalances").EnumerateArray()).Single(b => S(b, "asset") == asset);
        return (S(row, "free"), S(row, "locked"));
    }

    [Fact]
    public async Task Writer_issues_sells_and_redeems_and_expiry_pays_the_call_in_the_money_and_lets_the_put_lapse()
    {
        // Issue 10 calls: 10 x 0.1 x 0.1 = 0.1 BTC of margin and 10 JEX of base are locked.
        var release = await Ok(_writer, HttpMethod.Post, "/api/v1/option/release", "symbol=BTCCALL&amount=10");
        Assert.Equal(("BTC", "JEX", "BTCCALL", "10.00000000", "0.00000000", "0.10000000", "10.00000000", "0.90000000", "90.00000000", "10.00000000"),
            (S(release, "assetMargin"), S(release, "assetBase"), S(release, "assetOption"), S(release, "releaseAmount"), S(release, "backAmount"),
             S(release, "marginAmount"), S(release, "baseAmount"), S(release, "availableMargin"), S(release, "availableBase"), S(release, "availableOption")));
        Assert.Equal(JexSimFactory.StartTime, release.GetProperty("createdDate").GetInt64());
        // Issue 5 puts: 5 x 0.1 x 2800 = 1400 USDT of margin.
        await Ok(_writer, HttpMethod.Post, "/api/v1/option/release", "symbol=BTCPUT&amount=5");
        Assert.Equal(("8600.00000000", "1400.00000000"), await Balance(_writer, "USDT"));

        // The writer sells both on the book; the buyer takes 4 calls at 150 and 5 puts at 20 (no fees in this fixture).
        await Ok(_writer, HttpMethod.Post, "/api/v1/option/order", "symbol=BTCCALL&side=SELL&type=LIMIT&quantity=10&price=150");
        await Ok(_writer, HttpMethod.Post, "/api/v1/option/order", "symbol=BTCPUT&side=SELL&type=LIMIT&quantity=5&price=20");
        string listenKey = S((await _buyer.Public(HttpMethod.Post, "/api/v1/userDataStream", withKey: true)).Json, "listenKey");
        await using var ws = await StreamSocket.ConnectAsync(_venue, "/ws/" + listenKey);
        var bought = await Ok(_buyer, HttpMethod.Post, "/api/v1/option/order", "symbol=BTCCALL&side=BUY&type=LIMIT&quantity=4&price=150&newOrderRespType=RESULT");
        Assert.Equal("FILLED", S(bought, "status"));
        var report = await ws.NextAsync(e => S(e, "e") == "execOptionReport");
        Assert.Equal(("BTCCALL", "FILLED"), (S(report, "s"), S(report, "X")));
        var optionInfo = await ws.NextAsync(e => S(e, "e") == "accountOptionInfo");
        Assert.Contains(optionInfo.GetProperty("B").EnumerateArray(), b => S(b, "a") == "BTCCALL" && S(b, "f") == "4.00000000");
        await Ok(_buyer, HttpMethod.Post, "/api/v1/option/order", "symbol=BTCPUT&side=BUY&type=LIMIT&quantity=5&price=20");

        var position = (await Ok(_buyer, HttpMethod.Get, "/api/v1/option/position", "symbol=BTCCALL")).EnumerateArray().Single();
        Assert.Equal(("BTCCALL", "4.00000000", "4.00000000", "150.00000000", "0.00000000", "CALL", "32000.00000000", Expiry, 0L),
            (S(position, "name"), S(position, "amount"), S(position, "availAmount"), S(position, "cost"), S(position, "profit"), S(position, "type"),
             S(position, "execrPrice"), position.GetProperty("execTime").GetInt64(), position.GetProperty("orderIndex").GetInt64()));

        // Sold tokens cannot be redeemed; the writer cancels the rest of the ask and redeems 2 of the 6 still held.
        var refused = await _writer.Signed(HttpMethod.Post, "/api/v1/option/back", "symbol=BTCCALL&amount=2");
        refused.AssertError(HttpStatusCode.BadRequest, -7007, "asset not enough: redeeming 2 BTCCALL needs that many free tokens.");
        var open = (await Ok(_writer, HttpMethod.Get, "/api/v1/option/openOrders", "symbol=BTCCALL")).EnumerateArray().Single();
        await Ok(_writer, HttpMethod.Delete, "/api/v1/option/order", $"symbol=BTCCALL&orderId={S(open, "orderId")}");
        var back = await Ok(_writer, HttpMethod.Post, "/api/v1/option/back", "symbol=BTCCALL&amount=2");
        Assert.Equal(("10.00000000", "2.00000000", "0.08000000", "8.00000000", "4.00000000"),
            (S(back, "releaseAmount"), S(back, "backAmount"), S(back, "marginAmount"), S(back, "baseAmount"), S(back, "availableOption")));
        (await _writer.Signed(HttpMethod.Post, "/api/v1/option/back", "symbol=BTCCALL&amount=9"))
            .AssertError(HttpStatusCode.BadRequest, -7015, "back amount greater than release amount");

        // Expiry: BTC's reference price is 34000 then. A call pays 0.1 x (34000 - 32000) / 34000 = 0.00588235 BTC;
        // the put (strike 28000) is out of the money.
        await _venue.Admin().Ok(HttpMethod.Put, "/prices/BTCUSDT", new { price = "34000" });
        await _venue.Admin().Ok(HttpMethod.Post, "/clock", new { time = Expiry });
        await AssertConservedAsync();

        // The buyer's 4 calls became 4 x 0.00588235 BTC; the 5 puts are gone with nothing paid.
        Assert.Equal(("0.02352940", "0.00000000"), await Balance(_buyer, "BTC"));
        Assert.Equal(("0.00000000", "0.00000000"), await Balance(_buyer, "BTCCALL"));
        Assert.Equal(("0.00000000", "0.00000000"), await Balance(_buyer, "BTCPUT"));
        Assert.Equal(("9300.00000000", "0.00000000"), await Balance(_buyer, "USDT")); // 600 + 100 of premium paid
        // The writer paid 8 x 0.00588235 out of 0.08 BTC of margin, got the rest and all JEX back, was paid for the 4 calls
        // still held, and got the puts' 1400 USDT back whole.
        Assert.Equal(("0.97647060", "0.00000000"), await Balance(_writer, "BTC"));
        Assert.Equal(("100.00000000", "0.00000000"), await Balance(_writer, "JEX"));
        Assert.Equal(("10700.00000000", "0.00000000"), await Balance(_writer, "USDT"));
        var settled = await ws.NextAsync(e => S(e, "e") == "accountOptionInfo" && e.GetProperty("B").EnumerateArray().All(b => S(b, "f") == "0.00000000"));
        Assert.Equal(Expiry, settled.GetProperty("E").GetInt64());

        // Records: issue (1), redemption (2), the writer's expiry (3) and the holder's (4), with the settlement price.
        var records = (await Ok(_writer, HttpMethod.Get, "/api/v1/option/record", "symbol=BTCCALL")).EnumerateArray().ToArray();
        Assert.Equal([(1L, "10.00000000", "0.10000000", "0.00000000"), (2, "2.00000000", "0.02000000", "0.00000000"),
                      (3, "8.00000000", "0.03294120", "0.04705880"), (4, "4.00000000", "0.00000000", "0.02352940")],
            records.Select(r => (r.GetProperty("status").GetInt64(), S(r, "amount"), S(r, "marginAmount"), S(r, "payout"))).ToArray());
        Assert.All(records[2..], r => Assert.Equal("34000.00000000", S(r, "settlementPrice")));
        var info = await Ok(_writer, HttpMethod.Get, "/api/v1/option/info", "symbol=BTCCALL");
        Assert.Equal(("10.00000000", "2.00000000", "0.00000000", "0.00000000"), (S(info, "releaseAmount"), S(info, "backAmount"), S(info, "marginAmount"), S(info, "baseAmount")));
        Assert.Empty((await Ok(_buyer, HttpMethod.Get, "/api/v1/option/position")).EnumerateArray());

        // Trading, issuing and redeeming are over; the market says so.
        (await _buyer.Signed(HttpMethod.Post, "/api/v1/option/order", "symbol=BTCCALL&side=BUY&type=LIMIT&quantity=1&price=1"))
            .AssertError(HttpStatusCode.BadRequest, -7013, "passed option exercise time");
        (await _writer.Signed(HttpMethod.Post, "/api/v1/option/release", "symbol=BTCCALL&amount=1"))
            .AssertError(HttpStatusCode.BadRequest, -7013, "passed option exercise time");
        var ticker = (await _buyer.Public(HttpMethod.Get, "/api/v1/option/ticker/24hr", "symbol=BTCCALL")).Json;
        Assert.Equal((Expiry, "34000.00000000", "32000.00000000", "34000.00000000"),
            (ticker.GetProperty("exertionTime").GetInt64(), S(ticker, "performPrice"), S(ticker, "exertionPrice"), S(ticker, "referencePrice")));
        var terms = (await _buyer.Public(HttpMethod.Get, "/api/v1/optionInfo")).Json.EnumerateArray().ToArray();
        Assert.Equal([("BTCCALL", "END_OF_DAY", "LONGS"), ("BTCPUT", "END_OF_DAY", "SHORTS")], terms.Select(t => (S(t, "symbol"), S(t, "status"), S(t, "type"))).ToArray());
    }

    [Fact]
    public async Task A_call_that_expires_out_of_the_money_lapses_and_the_writer_gets_all_its_collateral_back()
    {
        // Issue 10 calls (0.1 BTC and 10 JEX locked) and sell 3 to the buyer at 150.
        await Ok(_writer, HttpMethod.Post, "/api/v1/option/release", "symbol=BTCCALL&amount=10");
        await Ok(_writer, HttpMethod.Post, "/api/v1/option/order", "symbol=BTCCALL&side=SELL&type=LIMIT&quantity=3&price=150");
        string listenKey = S((await _buyer.Public(HttpMethod.Post, "/api/v1/userDataStream", withKey: true)).Json, "listenKey");
        await using var ws = await StreamSocket.ConnectAsync(_venue, "/ws/" + listenKey);
        Assert.Equal("FILLED", S(await Ok(_buyer, HttpMethod.Post, "/api/v1/option/order", "symbol=BTCCALL&side=BUY&type=LIMIT&quantity=3&price=150&newOrderRespType=RESULT"), "status"));
        Assert.Equal(("3.00000000", "0.00000000"), await Balance(_buyer, "BTCCALL"));
        Assert.Equal(("0.90000000", "0.10000000"), await Balance(_writer, "BTC"));

        // Expiry with BTC at 30000, under the 32000 strike: the payoff is 0.
        await _venue.Admin().Ok(HttpMethod.Put, "/prices/BTCUSDT", new { price = "30000" });
        await _venue.Admin().Ok(HttpMethod.Post, "/clock", new { time = Expiry });
        await AssertConservedAsync();

        // The buyer's tokens are gone with nothing paid; the premium stays with the writer.
        Assert.Equal(("0.00000000", "0.00000000"), await Balance(_buyer, "BTCCALL"));
        Assert.Equal(("0.00000000", "0.00000000"), await Balance(_buyer, "BTC"));
        Assert.Equal(("9550.00000000", "0.00000000"), await Balance(_buyer, "USDT"));
        // The writer gets its whole margin and base back; its own 7 tokens lapse too.
        Assert.Equal(("1.00000000", "0.00000000"), await Balance(_writer, "BTC"));
        Assert.Equal(("100.00000000", "0.00000000"), await Balance(_writer, "JEX"));
        Assert.Equal(("10450.00000000", "0.00000000"), await Balance(_writer, "USDT"));
        Assert.Equal(("0.00000000", "0.00000000"), await Balance(_writer, "BTCCALL"));
        var settled = await ws.NextAsync(e => S(e, "e") == "accountOptionInfo" && e.GetProperty("B").EnumerateArray().All(b => S(b, "f") == "0.00000000"));
        Assert.Equal(Expiry, settled.GetProperty("E").GetInt64());

        // Records: the writer's issue (1) and expiry (3, all 0.1 BTC of margin back, nothing paid out) and, as holders,
        // the writer's 7 and the buyer's 3 tokens lapsing (4) with no payout; all at the settlement price 30000.
        var writerRecords = (await Ok(_writer, HttpMethod.Get, "/api/v1/option/record", "symbol=BTCCALL")).EnumerateArray().ToArray();
        Assert.Equal([(1L, "10.00000000", "0.10000000", "0.00000000"), (3, "10.00000000", "0.10000000", "0.00000000"), (4, "7.00000000", "0.00000000", "0.00000000")],
            writerRecords.Select(r => (r.GetProperty("status").GetInt64(), S(r, "amount"), S(r, "marginAmount"), S(r, "payout"))).ToArray());
        var buyerRecords = (await Ok(_buyer, HttpMethod.Get, "/api/v1/option/record", "symbol=BTCCALL")).EnumerateArray().ToArray();
        Assert.Equal([(4L, "3.00000000", "0.00000000")], buyerRecords.Select(r => (r.GetProperty("status").GetInt64(), S(r, "amount"), S(r, "payout"))).ToArray());
        Assert.All(writerRecords[1..].Concat(buyerRecords), r => Assert.Equal("30000.00000000", S(r, "settlementPrice")));
        var info = await Ok(_writer, HttpMethod.Get, "/api/v1/option/info", "symbol=BTCCALL");
        Assert.Equal(("10.00000000", "0.00000000", "0.00000000", "1.00000000"),
            (S(info, "releaseAmount"), S(info, "marginAmount"), S(info, "baseAmount"), S(info, "availableMargin")));
        Assert.Empty((await Ok(_buyer, HttpMethod.Get, "/api/v1/option/position")).EnumerateArray());
        Assert.Empty((await Ok(_writer, HttpMethod.Get, "/api/v1/option/position")).EnumerateArray());
        Assert.Equal("30000.00000000", S((await _buyer.Public(HttpMethod.Get, "/api/v1/option/ticker/24hr", "symbol=BTCCALL")).Json, "performPrice"));
    }

    [Fact]
    public async Task Market_data_and_order_queries_answer_for_options_as_for_spot()
    {
        await Ok(_writer, HttpMethod.Post, "/api/v1/option/release", "symbol=BTCCALL&amount=10");
        long ask = (await Ok(_writer, HttpMethod.Post, "/api/v1/option/order", "symbol=BTCCALL&side=SELL&type=LIMIT&quantity=6&price=150")).GetProperty("orderId").GetInt64();
        await Ok(_buyer, HttpMethod.Post, "/api/v1/option/order", "symbol=BTCCALL&side=BUY&type=LIMIT&quantity=2&price=150");
        await Ok(_buyer, HttpMethod.Post, "/api/v1/option/order/test", "symbol=BTCCALL&side=BUY&type=LIMIT&quantity=2&price=150");
        await Ok(_buyer, HttpMethod.Post, "/api/v1/option/order", "symbol=BTCCALL&side=BUY&type=LIMIT&quantity=1&price=140");

        var depth = (await _buyer.Public(HttpMethod.Get, "/api/v1/option/depth", "symbol=BTCCALL&limit=5")).Json;
        Assert.Equal(("150.00000000", "4.00000000"), (depth.GetProperty("asks")[0][0].GetString(), depth.GetProperty("asks")[0][1].GetString()));
        Assert.Equal(("140.00000000", "1.00000000"), (depth.GetProperty("bids")[0][0].GetString(), depth.GetProperty("bids")[0][1].GetString()));
        var trades = (await _buyer.Public(HttpMethod.Get, "/api/v1/option/trades", "symbol=BTCCALL")).Json.EnumerateArray().ToArray();
        Assert.Equal(("150.00000000", "2.00000000"), (S(Assert.Single(trades), "price"), S(trades[0], "qty")));
        var historical = (await _buyer.Public(HttpMethod.Get, "/api/v1/option/historicalTrades", "symbol=BTCCALL", withKey: true)).Json;
        Assert.False(Assert.Single(historical.EnumerateArray()).GetProperty("buyerMaker").GetBoolean());
        var klines = (await _buyer.Public(HttpMethod.Get, "/api/v1/option/klines", "symbol=BTCCALL&interval=1m")).Json;
        Assert.Equal("2.00000000", Assert.Single(klines.EnumerateArray())[5].GetString());
        Assert.Equal("150.00000000", S((await _buyer.Public(HttpMethod.Get, "/api/v1/option/avgPrice", "symbol=BTCCALL")).Json, "price"));
        Assert.Equal("150.00000000", S((await _buyer.Public(HttpMethod.Get, "/api/v1/option/ticker/price", "symbol=BTCCALL")).Json, "price"));
        var books = (await _buyer.Public(HttpMethod.Get, "/api/v1/option/ticker/bookTicker")).Json.EnumerateArray().ToArray();
        Assert.Equal([("BTCCALL", "140.00000000", "150.00000000"), ("BTCPUT", "0.00000000", "0.00000000")],
            books.Select(b => (S(b, "symbol"), S(b, "bidPrice"), S(b, "askPrice"))).ToArray());
        var all = (await _buyer.Public(HttpMethod.Get, "/api/v1/option/ticker/24hr")).Json.EnumerateArray().ToArray();
        Assert.Equal(["BTCCALL", "BTCPUT"], all.Select(t => S(t, "symbol")).ToArray());
        Assert.Equal("0.00000000", S(all[0], "performPrice"));

        var order = await Ok(_writer, HttpMethod.Get, "/api/v1/option/order", $"symbol=BTCCALL&orderId={ask}");
        Assert.Equal(("PARTIALLY_FILLED", "2.00000000"), (S(order, "status"), S(order, "executedQty")));
        var canceled = await Ok(_writer, HttpMethod.Delete, "/api/v1/option/order", $"symbol=BTCCALL&orderId={ask}");
        Assert.Equal(SpotOrderStatus.CancelFilled, S(canceled, "status")); // part of it filled (hardening's status mapping)
        var history = (await Ok(_writer, HttpMethod.Get, "/api/v1/option/historyOrders", "symbol=BTCCALL")).EnumerateArray().ToArray();
        Assert.Equal([(ask.ToString(), SpotOrderStatus.CancelFilled)], history.Select(o => (S(o, "orderId"), S(o, "status"))).ToArray());
        Assert.Single((await Ok(_buyer, HttpMethod.Get, "/api/v1/option/openOrders", "symbol=BTCCALL")).EnumerateArray());
        // The spot routes do not know option symbols, nor the option routes spot ones.
        (await _buyer.Public(HttpMethod.Get, "/api/v1/spot/depth", "symbol=BTCCALL")).AssertError(HttpStatusCode.BadRequest, -1121, "Invalid symbol.");
        (await _buyer.Public(HttpMethod.Get, "/api/v1/option/depth", "symbol=BTCUSDT")).AssertError(HttpStatusCode.BadRequest, -1121, "Invalid symbol.");
    }
}
