using System.Net;
using JexSim.Server.Tests.Infrastructure;
using static JexSim.Server.Tests.Conformance.ConformanceCase;

namespace JexSim.Server.Tests.Conformance;

/// <summary>
/// The option routes (quiet.json's BTCCALLM and BTCPUTM): every endpoint with the answer JEX gives to a bad request,
/// and the option market's own refusals (-7007, -7014, -7015). Alice holds 10 BTC, 100000 USDT, 1000000 JEX, no tokens.
/// </summary>
public sealed class OptionConformanceTests(ConformanceVenue venue) : ConformanceTable(venue), IClassFixture<ConformanceVenue>
{
    private const string P = "/api/v1/option";
    private static readonly HttpMethod Get = HttpMethod.Get, Post = HttpMethod.Post, Delete = HttpMethod.Delete;
    private const string Limit = "symbol=BTCCALLM&side=BUY&type=LIMIT";

    public static readonly IReadOnlyList<ConformanceCase> Cases =
    [
        Public("optionInfo with a parameter: -1101", "/api/v1/optionInfo", "symbol=BTCCALLM", Bad, -1101, "Too many parameters; expected '0' and received '1'."),
        Public("depth of a spot symbol: -1121", $"{P}/depth", "symbol=BTCUSDT", Bad, -1121, "Invalid symbol."),
        Public("depth limit outside the set: -1100", $"{P}/depth", "symbol=BTCCALLM&limit=7", Bad, -1100, Illegal("limit", "5, 10, 20, 50, 60")),
        Public("trades limit above 60: -1100", $"{P}/trades", "symbol=BTCCALLM&limit=61", Bad, -1100, Illegal("limit", "1 - 60")),
        Public("historicalTrades without API key: 401 -2014", $"{P}/historicalTrades", "symbol=BTCCALLM", HttpStatusCode.Unauthorized, -2014, "API-key format invalid."),
        Public("klines with a bad interval: -1120", $"{P}/klines", "symbol=BTCCALLM&interval=2m", Bad, -1120, "Invalid interval."),
        Public("avgPrice without symbol: -1102", $"{P}/avgPrice", "", Bad, -1102, Mandatory("symbol")),
        Public("ticker/24hr of an unknown symbol: -1121", $"{P}/ticker/24hr", "symbol=BTCCALLX", Bad, -1121, "Invalid symbol."),
        Public("ticker/price of a spot symbol: -1121", $"{P}/ticker/price", "symbol=ETHUSDT", Bad, -1121, "Invalid symbol."),
        Public("ticker/bookTicker with an unknown parameter: -1103", $"{P}/ticker/bookTicker", "foo=1", Bad, -1103, "An unknown parameter was sent: 'foo'."),
        Signed("order of type MARKET: -1116", Post, $"{P}/order", "symbol=BTCCALLM&side=BUY&type=MARKET&quantity=1&price=1", Bad, -1116, "Invalid orderType."),
        Signed("order with timeInForce, which option orders do not read: -1104", Post, $"{P}/order", Limit + "&timeInForce=GTC&quantity=1&price=150", Bad, -1104,
            "Not all sent parameters were read; read '7' parameter(s) but was sent '8'."),
        Signed("order without price: -1102", Post, $"{P}/order", Limit + "&quantity=1", Bad, -1102, Mandatory("price")),
        Signed("order of a fraction of a token: -1129", Post, $"{P}/order", Limit + "&quantity=1.5&price=150", Bad, -1129,
            "error  scale  in parameter 'quantity',should be  scale no more than '0'"),
        Signed("selling tokens not held: -2010", Post, $"{P}/order", "symbol=BTCCALLM&side=SELL&type=LIMIT&quantity=1&price=150", Bad, -2010,
            "Account has insufficient balance for requested action."),
        Signed("order/test above maxPrice: PRICE_FILTER", Post, $"{P}/order/test", Limit + "&quantity=1&price=200000", Bad, -9000, "Filter failure: PRICE_FILTER"),
        Signed("query of an unknown order: -2013", Get, $"{P}/order", "symbol=BTCCALLM&orderId=987654321", Bad, -2013, "Order does not exist."),
        Signed("cancel of an unknown order: -2011", Delete, $"{P}/order", "symbol=BTCCALLM&orderId=987654321", Bad, -2011, "Unknown order sent."),
        Signed("openOrders without symbol: -1102", Get, $"{P}/openOrders", "", Bad, -1102, Mandatory("symbol")),
        Signed("historyOrders ending before they start: -1127", Get, $"{P}/historyOrders", "symbol=BTCCALLM&startTime=5000&endTime=4000", Bad, -1127, "endTime befor startTime"),
        Signed("release without amount: -1102", Post, $"{P}/release", "symbol=BTCCALLM", Bad, -1102, Mandatory("amount")),
        Signed("release of 0 tokens: -1100", Post, $"{P}/release", "symbol=BTCCALLM&amount=0", Bad, -1100, Illegal("amount", "1 - 90000000000")),
        Signed("release of a fraction: -1100", Post, $"{P}/release", "symbol=BTCCALLM&amount=1.5", Bad, -1100, Illegal("amount", Integer)),
        Signed("release of a spot symbol: -7012", Post, $"{P}/release", "symbol=BTCUSDT&amount=1", Bad, -7012, "option not exist: no option has that symbol."),
        Signed("back of an unknown option: -7012", Post, $"{P}/back", "symbol=BTCCALLX&amount=1", Bad, -7012, "option not exist: no option has that symbol."),
        Signed("release beyond the collateral: -7007", Post, $"{P}/release", "symbol=BTCCALLM&amount=1001", Bad, -7007,
            "asset not enough: the free margin or base asset does not cover the collateral."),
        Signed("back with nothing issued: -7014", Post, $"{P}/back", "symbol=BTCPUTM&amount=1", Bad, -7014, "no release option"),
        Custom("back beyond what was issued: -7015", async c =>
        {
            await c.Alice.Signed(Post, $"{P}/release", "symbol=BTCCALLM&amount=1");
            return await c.Alice.Signed(Post, $"{P}/back", "symbol=BTCCALLM&amount=1000");
        }, Bad, -7015, "back amount greater than release amount"),
        Custom("release with a read-only key: 403 -2015", async c => await (await c.ReadOnly()).Signed(Post, $"{P}/release", "symbol=BTCCALLM&amount=1"),
            HttpStatusCode.Forbidden, -2015, "Invalid API-key, IP, or permissions for action."),
        Signed("position of a spot symbol: -7012", Get, $"{P}/position", "symbol=BTCUSDT", Bad, -7012, "option not exist: no option has that symbol."),
        Signed("info without symbol: -1102", Get, $"{P}/info", "", Bad, -1102, Mandatory("symbol")),
        Signed("record ending before it starts: -1127", Get, $"{P}/record", "symbol=BTCCALLM&startTime=5000&endTime=4000", Bad, -1127, "endTime befor startTime"),
        Signed("record limit above 500: -1100", Get, $"{P}/record", "symbol=BTCCALLM&limit=501", Bad, -1100, Illegal("limit", "1 - 500")),
    ];

    public static TheoryData<string> CaseNames => Names(Cases);

    [Theory, MemberData(nameof(CaseNames))]
    public Task Answers_as_JEX(string name) => Run(Cases, name);
}
