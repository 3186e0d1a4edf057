using System.Net;
using JexSim.Server.Tests.Conformance;
using JexSim.Server.Tests.Infrastructure;
using JexSim.Server.Tests.Spot;
using static JexSim.Server.Tests.Conformance.ConformanceCase;

namespace JexSim.Server.Tests.Contract;

/// <summary>Every refusal of the contract endpoints, one real request each, on quiet.json (alice: 50,000 USDT of
/// contract balance; bob's ladder on BTCUSDT and ETHUSDT), with the spec's rate limits on.</summary>
public sealed class ContractErrorConformanceTests(ConformanceVenue venue) : ConformanceTable(venue), IClassFixture<ConformanceVenue>
{
    private const string P = "/api/v1/contract";
    private static readonly HttpMethod Get = HttpMethod.Get, Post = HttpMethod.Post, Delete = HttpMethod.Delete;
    private const string Buy = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1&price=29000";

    /// <summary>Alice holds an ETHUSDT long (bought at bob's 2000.50 ask) for the cases that need a position.</summary>
    private static async Task<JexResponse> WithEthPosition(ConformanceContext c, HttpMethod method, string path, string parameters)
    {
        var open = await c.Alice.Signed(Post, $"{P}/order", "symbol=ETHUSDT&side=BUY&type=LIMIT&quantity=0.1&price=2000.5");
        Assert.Equal(HttpStatusCode.OK, open.Status);
        return await c.Alice.Signed(method, path, parameters);
    }

    public static readonly IReadOnlyList<ConformanceCase> Cases =
    [
        // market data
        Public("depth of a spot-only symbol: -1121", $"{P}/depth", "symbol=JEXBTC", Bad, -1121, "Invalid symbol."),
        Public("depth without symbol: -1102", $"{P}/depth", "", Bad, -1102, Mandatory("symbol")),
        Public("depth limit outside the set: -1100", $"{P}/depth", "symbol=BTCUSDT&limit=7", Bad, -1100, Illegal("limit", "5, 10, 20, 50, 60")),
        Public("trades limit above 60: -1100", $"{P}/trades", "symbol=BTCUSDT&limit=61", Bad, -1100, Illegal("limit", "1 - 60")),
        Public("historicalTrades without an API key: 401 -2014", $"{P}/historicalTrades", "symbol=BTCUSDT", HttpStatusCode.Unauthorized, -2014, "API-key format invalid."),
        Public("klines with an unknown interval: -1120", $"{P}/klines", "symbol=BTCUSDT&interval=2m", Bad, -1120, "Invalid interval."),
        Public("klines ending before they start: -1127", $"{P}/klines", "symbol=BTCUSDT&interval=1m&startTime=2000&endTime=1000", Bad, -1127, "endTime befor startTime"),
        Public("avgPrice of an unknown symbol: -1121", $"{P}/avgPrice", "symbol=DOGEUSDT", Bad, -1121, "Invalid symbol."),
        Public("ticker/24hr of a spot-only symbol: -1121", $"{P}/ticker/24hr", "symbol=LTCBTC", Bad, -1121, "Invalid symbol."),
        Public("ticker/price of an unknown symbol: -1121", $"{P}/ticker/price", "symbol=DOGEUSDT", Bad, -1121, "Invalid symbol."),
        Public("bookTicker of an unknown symbol: -1121", $"{P}/ticker/bookTicker", "symbol=DOGEUSDT", Bad, -1121, "Invalid symbol."),
        Public("indicesPrice of an unknown symbol: -1121", $"{P}/ticker/indicesPrice", "symbol=DOGEUSDT", Bad, -1121, "Invalid symbol."),
        Public("contractInfo with a parameter: -1101", "/api/v1/contractInfo", "symbol=BTCUSDT", Bad, -1101, "Too many parameters; expected '0' and received '1'."),
        Public("historyRate without symbol: -1102", $"{P}/historyRate", "", Bad, -1102, Mandatory("symbol")),
        Public("protectionFund size above 100: -1100", $"{P}/protectionFund", "symbol=BTCUSDT&size=101", Bad, -1100, Illegal("size", "1 - 100")),

        // trading
        Signed("order of type MARKET: -1116", Post, $"{P}/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.1&price=29000", Bad, -1116, "Invalid orderType."),
        Signed("order with a lowercase side: -1117", Post, $"{P}/order", "symbol=BTCUSDT&side=buy&type=LIMIT&quantity=0.1&price=29000", Bad, -1117, "Invalid side."),
        Signed("stopLimit without a position: -7020", Post, $"{P}/order", "symbol=BTCUSDT&side=BUY&type=stopLimit&quantity=0.1&price=29000&triggerType=lastPrice&triggerPrice=29500",
            Bad, -7020, "Contract position not exists"),
        Custom("stopLimit with the trigger at the current price: -7004", async c =>
        {
            var open = await c.Alice.Signed(Post, $"{P}/order", "symbol=ETHUSDT&side=BUY&type=LIMIT&quantity=0.1&price=2010");
            Assert.Equal(HttpStatusCode.OK, open.Status);
            string last = (await c.Alice.Get($"{P}/ticker/price", "symbol=ETHUSDT")).Str("price");
            return await c.Alice.Signed(Post, $"{P}/order", $"symbol=ETHUSDT&side=SELL&type=stopLimit&quantity=0.1&price=1900&triggerType=lastPrice&triggerPrice={last}");
        }, Bad, -7004, "Please try it later. The trigger price must be beyond the current price (last, mark or index, as triggerType says): above it for a long's take-profit and a short's stop, below it for a long's stop and a short's take-profit, on the side that closes the position."),
        Custom("stopLimit beyond the liquidation price: -7004", c => WithEthPosition(c, Post, $"{P}/order",
            "symbol=ETHUSDT&side=SELL&type=stopLimit&quantity=0.1&price=100&triggerType=markPrice&triggerPrice=100"), Bad, -7004, "Please try it later. reach liquidation price"),
        Custom("an eleventh waiting stop in one contract: -2019", async c =>
        {
            var open = await c.Alice.Signed(Post, $"{P}/order", "symbol=ETHUSDT&side=BUY&type=LIMIT&quantity=0.1&price=2010");
            Assert.Equal(HttpStatusCode.OK, open.Status);
            var ids = new List<string>();
            for (int i = 0; i < 10; i++)
            {
                c.Venue.Clock.Advance(TimeSpan.FromSeconds(1)); // the ORDERS limit allows 10 a second
                var stop = await c.Alice.Signed(Post, $"{P}/order", $"symbol=ETHUSDT&side=SELL&type=stopLimit&quantity=0.1&price=1900&triggerType=markPrice&triggerPrice={1950 - i}");
                Assert.Equal(HttpStatusCode.OK, stop.Status);
                ids.Add(stop.Json.GetProperty("orderId").GetString()!);
            }
            c.Venue.Clock.Advance(TimeSpan.FromSeconds(1));
            var eleventh = await c.Alice.Signed(Post, $"{P}/order", "symbol=ETHUSDT&side=SELL&type=stopLimit&quantity=0.1&price=1900&triggerType=markPrice&triggerPrice=1940");
            c.Venue.Clock.Advance(TimeSpan.FromSeconds(1));
            foreach (string id in ids) Assert.Equal(HttpStatusCode.OK, (await c.Alice.Signed(Delete, $"{P}/order", $"symbol=ETHUSDT&orderId={id}")).Status);
            return eleventh;
        }, Bad, -2019, "has reach max order number 10"),
        Signed("stopLimit without triggerType: -1102", Post, $"{P}/order", "symbol=BTCUSDT&side=BUY&type=stopLimit&quantity=0.1&price=29000&triggerPrice=29500",
            Bad, -1102, Mandatory("triggerType")),
        Signed("LIMIT with a triggerPrice: -1106", Post, $"{P}/order", Buy + "&triggerPrice=29500", Bad, -1106, "Parameter 'triggerPrice' sent when not required."),
        Signed("order beyond the contract balance: -7008", Post, $"{P}/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=100&price=29000", Bad, -7008, "margin not enough"),
        Signed("order off the tick: -9000", Post, $"{P}/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1&price=29000.3", Bad, -9000, "Filter failure: PRICE_FILTER"),
        Signed("order below the step: -9000", Post, $"{P}/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.00001&price=29000", Bad, -1129,
            "error  scale  in parameter 'quantity',should be  scale no more than '4'"),
        Signed("order/test beyond the contract balance: -7008", Post, $"{P}/order/test", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=100&price=29000", Bad, -7008, "margin not enough"),
        Signed("query of an unknown order: -2013", Get, $"{P}/order", "symbol=BTCUSDT&orderId=4611686018427399999", Bad, -2013, "Order does not exist."),
        Signed("query of a spot-sized id: -2013", Get, $"{P}/order", "symbol=BTCUSDT&orderId=5", Bad, -2013, "Order does not exist."),
        Signed("cancel of an unknown order: -2011", Delete, $"{P}/order", "symbol=BTCUSDT&orderId=4611686018427399999", Bad, -2011, "Unknown order sent."),
        Signed("openOrders with orderId and startTime: -1128", Get, $"{P}/openOrders", "symbol=BTCUSDT&orderId=1&startTime=1", Bad, -1128,
            "Combination of optional parameters invalid."),
        Signed("historyOrders over more than 24 hours: -1127", Get, $"{P}/historyOrders", "symbol=BTCUSDT&startTime=0&endTime=86400001", Bad, -1127,
            "More than '24 hours' between startTime and endTime."),
        Signed("close without a position: -7020", Post, $"{P}/liquidation", "symbol=BTCUSDT", Bad, -7020, "Contract position not exists"),
        Public("liquidationOrder without an API key: 401 -2014", $"{P}/liquidationOrder", "symbol=BTCUSDT", HttpStatusCode.Unauthorized, -2014, "API-key format invalid."),
        Signed("batchOrder that is not an array: -1100", Get, $"{P}/batchOrder", "ordersJsonArray=%7B%7D", Bad, -1100,
            Illegal("ordersJsonArray", "a JSON array of {\"symbol\",\"orderId\"} objects")),
        Signed("batchOrder empty: -1102", Get, $"{P}/batchOrder", "ordersJsonArray=%5B%5D", Bad, -1102, Mandatory("ordersJsonArray")),
        Signed("batch cancel of 11 orders: -1101", Delete, $"{P}/batchOrder",
            "ordersJsonArray=" + Uri.EscapeDataString("[" + string.Join(",", Enumerable.Range(1, 11).Select(i => $"{{\"symbol\":\"BTCUSDT\",\"orderId\":\"{4611686018427387904L + i}\"}}")) + "]"),
            Bad, -1101, "Too many orders in 'ordersJsonArray'; at most 10 per request, received 11."),
        Custom("batch cancel twice in one second: 429 -1003", async c =>
        {
            string q = "ordersJsonArray=" + Uri.EscapeDataString("[{\"symbol\":\"BTCUSDT\",\"orderId\":\"4611686018427399999\"}]");
            var first = await c.Alice.Signed(Delete, $"{P}/batchOrder", q);
            Assert.Equal(HttpStatusCode.OK, first.Status);
            return await c.Alice.Signed(Delete, $"{P}/batchOrder", q);
        }, HttpStatusCode.TooManyRequests, -1003, "Too many requests; DELETE /api/v1/contract/batchOrder allows 1 call per SECOND per account."),

        // positions, leverage, margin, bills, fills
        Signed("position of an unknown symbol: -1121", Get, $"{P}/position", "symbol=DOGEUSDT", Bad, -1121, "Invalid symbol."),
        Signed("leverage 0: -7018", Post, $"{P}/position/leverage", "symbol=BTCUSDT&leverage=0", Bad, -7018, "Contract leverage too small,must larger than 1"),
        Signed("leverage above the maximum: -7017", Post, $"{P}/position/leverage", "symbol=BTCUSDT&leverage=101", Bad, -7017, "Contract leverage too large,must smaller than 100"),
        Signed("leverage not whole: -1100", Post, $"{P}/position/leverage", "symbol=BTCUSDT&leverage=2.5", Bad, -1100, Illegal("leverage", "^[0-9]{1,3}(\\.0{1,2})?$")),
        Custom("leverage the position's margin does not cover: -7002", c => WithEthPosition(c, Post, $"{P}/position/leverage", "symbol=ETHUSDT&leverage=1"), Bad, -7002,
            "Set leverage error. The position's margin does not cover its cost at this leverage; transfer margin first."),
        Signed("transferMargin without a position: -7020", Post, $"{P}/transferMargin", "symbol=BTCUSDT&amount=10", Bad, -7020, "Contract position not exists"),
        Signed("transferMargin without amount: -1102", Post, $"{P}/transferMargin", "symbol=BTCUSDT", Bad, -1102, Mandatory("amount")),
        Signed("transferMargin of 0: -1100", Post, $"{P}/transferMargin", "symbol=BTCUSDT&amount=0", Bad, -1100, "Illegal characters found in parameter 'amount' value '0'."),
        Custom("transferMargin beyond the spot balance: -7007", c => WithEthPosition(c, Post, $"{P}/transferMargin", "symbol=ETHUSDT&amount=999999999"), Bad, -7007, "asset not enough"),
        Custom("transferMargin below the required margin: -7001", c => WithEthPosition(c, Post, $"{P}/transferMargin", "symbol=ETHUSDT&amount=-100000"), Bad, -7001,
            "Transfer margin error. The position's margin cannot go below its initial margin or its maintenance margin after unrealised PnL."),
        Signed("bill ending before it starts: -1127", Get, $"{P}/bill", "startTime=2000&endTime=1000", Bad, -1127, "endTime befor startTime"),
        Signed("bill limit above 100: -1100", Get, $"{P}/bill", "limit=101", Bad, -1100, Illegal("limit", "1 - 100")),
        Signed("userHistoricalTrades without symbol: -1102", Get, $"{P}/userHistoricalTrades", "", Bad, -1102, Mandatory("symbol")),
    ];

    public static TheoryData<string> CaseNames => Names(Cases);

    [Theory, MemberData(nameof(CaseNames))]
    public Task Answers_as_JEX(string name) => Run(Cases, name);
}
