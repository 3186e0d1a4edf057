using System.Net;
using JexSim.Server.Tests.Infrastructure;
using static JexSim.Server.Tests.Conformance.ConformanceCase;

namespace JexSim.Server.Tests.Conformance;

/// <summary>Cases of one endpoint family, by name (xunit shows one test per row).</summary>
public abstract class ConformanceTable(ConformanceVenue venue)
{
    protected static TheoryData<string> Names(IEnumerable<ConformanceCase> cases) => new(cases.Select(c => c.Name));

    protected Task Run(IReadOnlyList<ConformanceCase> cases, string name) => venue.AssertAsync(cases.Single(c => c.Name == name));

    protected const HttpStatusCode Bad = HttpStatusCode.BadRequest;
    protected const string Decimal = "^([0-9]{1,20})(\\.[0-9]{1,20})?$";
    protected const string Integer = "^[0-9]{1,20}$";
    protected const string SymbolForm = "^[A-Za-z0-9_.-]{1,20}$";

    protected static string Mandatory(string name) => $"Mandatory parameter '{name}' was not sent, was empty/null, or malformed.";
    protected static string Illegal(string name, string legal) => $"Illegal characters found in parameter '{name}'; legal range is '{legal}'.";
}

/// <summary>General endpoints and routing: parameter count, wrong method, unknown route.</summary>
public sealed class GeneralConformanceTests(ConformanceVenue venue) : ConformanceTable(venue), IClassFixture<ConformanceVenue>
{
    public static readonly IReadOnlyList<ConformanceCase> Cases =
    [
        Public("ping with a parameter: -1101 too many", "/api/v1/ping", "foo=1", Bad, -1101, "Too many parameters; expected '0' and received '1'."),
        Public("time with the signed trio: -1101 too many", "/api/v1/time", "timestamp=1&recvWindow=5000", Bad, -1101, "Too many parameters; expected '0' and received '2'."),
        Custom("exchangeInfo with POST: 405 -6", c => c.Raw(HttpMethod.Post, "/api/v1/exchangeInfo"), HttpStatusCode.MethodNotAllowed, -6,
            "Method POST is not allowed for /api/v1/exchangeInfo."),
        Custom("unknown endpoint: 404 -1020", c => c.Raw(HttpMethod.Get, "/api/v1/nowhere"), HttpStatusCode.NotFound, -1020,
            "Unknown endpoint: GET /api/v1/nowhere."),
    ];

    public static TheoryData<string> CaseNames => Names(Cases);

    [Theory, MemberData(nameof(CaseNames))]
    public Task Answers_as_JEX(string name) => Run(Cases, name);
}

/// <summary>Spot market data: symbol, limit, interval, time range, encodings, API key of MARKET_DATA.</summary>
public sealed class SpotMarketDataConformanceTests(ConformanceVenue venue) : ConformanceTable(venue), IClassFixture<ConformanceVenue>
{
    private const string Depth = "/api/v1/spot/depth";

    public static readonly IReadOnlyList<ConformanceCase> Cases =
    [
        Public("depth without symbol: -1102", Depth, "", Bad, -1102, Mandatory("symbol")),
        Public("depth with an empty symbol: -1102", Depth, "symbol=", Bad, -1102, Mandatory("symbol")),
        Public("depth of an unknown symbol: -1121", Depth, "symbol=DOGEUSDT", Bad, -1121, "Invalid symbol."),
        Public("depth with a malformed symbol: -1100", Depth, "symbol=BTC%24USDT", Bad, -1100, Illegal("symbol", SymbolForm)),
        Public("depth with a 30-character symbol: -1100", Depth, "symbol=" + new string('B', 30), Bad, -1100, Illegal("symbol", SymbolForm)),
        Public("depth limit outside the allowed set: -1100", Depth, "symbol=BTCUSDT&limit=7", Bad, -1100, Illegal("limit", "5, 10, 20, 50, 60")),
        Public("depth with an empty optional limit: -1105", Depth, "symbol=BTCUSDT&limit=", Bad, -1105, "Parameter 'limit' was empty."),
        Public("depth with an unknown parameter: -1103", Depth, "symbol=BTCUSDT&foo=1", Bad, -1103, "An unknown parameter was sent: 'foo'."),
        Public("depth with a parameter it does not read: -1104", Depth, "symbol=BTCUSDT&interval=1m", Bad, -1104,
            "Not all sent parameters were read; read '1' parameter(s) but was sent '2'."),
        Public("depth with the symbol twice: -1101 duplicate", Depth, "symbol=BTCUSDT&symbol=ETHUSDT", Bad, -1101, "Duplicate values for a parameter detected."),
        Public("depth with more parameters than it takes: -1101", Depth, "symbol=BTCUSDT&limit=5&foo=1", Bad, -1101, "Too many parameters; expected '2' and received '3'."),
        Public("depth with an invalid UTF-8 escape: -1100", Depth, "symbol=%FF%FE", Bad, -1100, "Illegal characters found in a parameter."),
        Public("depth with a control character: -1100", Depth, "symbol=BTC%00USDT", Bad, -1100, "Illegal characters found in a parameter."),
        Public("trades limit above the max: -1100", "/api/v1/spot/trades", "symbol=BTCUSDT&limit=61", Bad, -1100, Illegal("limit", "1 - 60")),
        Public("trades limit zero: -1100", "/api/v1/spot/trades", "symbol=BTCUSDT&limit=0", Bad, -1100, Illegal("limit", "1 - 60")),
        Public("trades limit negative: -1100", "/api/v1/spot/trades", "symbol=BTCUSDT&limit=-5", Bad, -1100, Illegal("limit", "1 - 60")),
        Public("trades limit in exponent form: -1100", "/api/v1/spot/trades", "symbol=BTCUSDT&limit=1e1", Bad, -1100, Illegal("limit", Integer)),
        Public("trades limit absurdly long: -1100", "/api/v1/spot/trades", "symbol=BTCUSDT&limit=" + new string('9', 40), Bad, -1100, Illegal("limit", Integer)),
        Public("trades limit NaN: -1100", "/api/v1/spot/trades", "symbol=BTCUSDT&limit=NaN", Bad, -1100, Illegal("limit", Integer)),
        Public("klines with an invalid interval: -1120", "/api/v1/spot/klines", "symbol=BTCUSDT&interval=2m", Bad, -1120, "Invalid interval."),
        Public("klines without interval: -1102", "/api/v1/spot/klines", "symbol=BTCUSDT", Bad, -1102, Mandatory("interval")),
        Public("klines ending before they start: -1127", "/api/v1/spot/klines", "symbol=BTCUSDT&interval=1m&startTime=2000&endTime=1000", Bad, -1127, "endTime befor startTime"),
        Public("klines with a negative startTime: -1100", "/api/v1/spot/klines", "symbol=BTCUSDT&interval=1m&startTime=-1", Bad, -1100,
            Illegal("startTime", "0 - 9223372036854775807")),
        Public("klines limit above the max: -1100", "/api/v1/spot/klines", "symbol=BTCUSDT&interval=1m&limit=1001", Bad, -1100, Illegal("limit", "1 - 1000")),
        Public("24hr ticker of an unknown symbol: -1121", "/api/v1/spot/ticker/24hr", "symbol=NOPE", Bad, -1121, "Invalid symbol."),
        Public("price ticker with a parameter it does not read: -1104", "/api/v1/spot/ticker/price", "timestamp=1", Bad, -1104,
            "Not all sent parameters were read; read '0' parameter(s) but was sent '1'."),
        Public("avgPrice without symbol: -1102", "/api/v1/spot/avgPrice", "", Bad, -1102, Mandatory("symbol")),
        Public("historicalTrades without an API key: 401 -2014", "/api/v1/spot/historicalTrades", "symbol=BTCUSDT", HttpStatusCode.Unauthorized, -2014, "API-key format invalid."),
        Custom("historicalTrades with an unknown API key: 401 -2015",
            c => c.Raw(HttpMethod.Get, "/api/v1/spot/historicalTrades?symbol=BTCUSDT", apiKey: "NoSuchKey0123456789"), HttpStatusCode.Unauthorized, -2015,
            "Invalid API-key, IP, or permissions for action."),
        Custom("historicalTrades with a malformed API key: 401 -2014",
            c => c.Raw(HttpMethod.Get, "/api/v1/spot/historicalTrades?symbol=BTCUSDT", apiKey: "not a key!"), HttpStatusCode.Unauthorized, -2014, "API-key format invalid."),
        Public("historicalTrades with a negative fromId: -1100", "/api/v1/spot/historicalTrades", "symbol=BTCUSDT&fromId=-3", Bad, -1100,
            Illegal("fromId", "0 - 9223372036854775807"), withKey: true),
    ];

    public static TheoryData<string> CaseNames => Names(Cases);

    [Theory, MemberData(nameof(CaseNames))]
    public Task Answers_as_JEX(string name) => Run(Cases, name);
}

/// <summary>Spot trading: enums, decimals, scale, filters, balance, timing, signature, permission, order lookups.</summary>
public sealed class SpotTradingConformanceTests(ConformanceVenue venue) : ConformanceTable(venue), IClassFixture<ConformanceVenue>
{
    private const string Order = "/api/v1/spot/order";
    private const string Limit = "symbol=BTCUSDT&side=BUY&type=LIMIT";
    private static readonly HttpMethod Post = HttpMethod.Post;

    public static readonly IReadOnlyList<ConformanceCase> Cases =
    [
        Signed("invalid side: -1117", Post, Order, "symbol=BTCUSDT&side=HOLD&type=LIMIT&quantity=1&price=100", Bad, -1117, "Invalid side."),
        Signed("invalid type: -1116", Post, Order, "symbol=BTCUSDT&side=BUY&type=STOP&quantity=1&price=100", Bad, -1116, "Invalid orderType."),
        Signed("invalid timeInForce: -1115", Post, Order, Limit + "&timeInForce=GTX&quantity=1&price=100", Bad, -1115, "Invalid timeInForce."),
        Signed("lowercase side: -1117", Post, Order, "symbol=BTCUSDT&side=buy&type=LIMIT&quantity=1&price=100", Bad, -1117, "Invalid side."),
        Signed("LIMIT without price: -1102", Post, Order, Limit + "&quantity=1", Bad, -1102, Mandatory("price")),
        Signed("MARKET with timeInForce: -1114", Post, Order, "symbol=BTCUSDT&side=BUY&type=MARKET&timeInForce=GTC&quantity=1", Bad, -1114,
            "TimeInForce parameter sent when not required."),
        Signed("without quantity: -1102", Post, Order, Limit + "&price=100", Bad, -1102, Mandatory("quantity")),
        Signed("negative quantity: -1100", Post, Order, Limit + "&quantity=-1&price=100", Bad, -1100, Illegal("quantity", Decimal)),
        Signed("NaN price: -1100", Post, Order, Limit + "&quantity=1&price=NaN", Bad, -1100, Illegal("price", Decimal)),
        Signed("exponent quantity: -1100", Post, Order, Limit + "&quantity=1e-3&price=100", Bad, -1100, Illegal("quantity", Decimal)),
        Signed("absurdly long price: -1100", Post, Order, Limit + "&quantity=1&price=" + new string('1', 25), Bad, -1100, Illegal("price", Decimal)),
        Signed("zero quantity: LOT_SIZE", Post, Order, Limit + "&quantity=0&price=100", Bad, -9000, "Filter failure: LOT_SIZE"),
        Signed("zero price: PRICE_FILTER", Post, Order, Limit + "&quantity=1&price=0.00", Bad, -9000, "Filter failure: PRICE_FILTER"),
        Signed("price beyond 8 decimals: -1111", Post, Order, Limit + "&quantity=1&price=0.000000001", Bad, -1111, "Precision is over the maximum defined for this asset."),
        Signed("price beyond the symbol's precision: -1129", Post, Order, Limit + "&quantity=1&price=30000.001", Bad, -1129,
            "error  scale  in parameter 'price',should be  scale no more than '2'"),
        Signed("quantity beyond the symbol's precision: -1129", Post, Order, Limit + "&quantity=0.0000001&price=30000", Bad, -1129,
            "error  scale  in parameter 'quantity',should be  scale no more than '6'"),
        Signed("price above maxPrice: PRICE_FILTER", Post, Order, Limit + "&quantity=0.01&price=2000000", Bad, -9000, "Filter failure: PRICE_FILTER"),
        Signed("quantity above maxQty: LOT_SIZE", Post, Order, Limit + "&quantity=9001&price=1", Bad, -9000, "Filter failure: LOT_SIZE"),
        Signed("notional below minNotional: MIN_NOTIONAL", Post, Order, Limit + "&quantity=0.0001&price=100", Bad, -9000, "Filter failure: MIN_NOTIONAL"),
        Signed("order/test above maxPrice: PRICE_FILTER", Post, Order + "/test", Limit + "&quantity=0.01&price=2000000", Bad, -9000, "Filter failure: PRICE_FILTER"),
        Signed("selling more than the balance: -2010", Post, Order, "symbol=BTCUSDT&side=SELL&type=LIMIT&quantity=1000&price=30000", Bad, -2010,
            "Account has insufficient balance for requested action."),
        Signed("newOrderRespType outside its set: -1100", Post, Order, Limit + "&quantity=1&price=100&newOrderRespType=FULL", Bad, -1100,
            Illegal("newOrderRespType", "ACK, RESULT")),
        new("timestamp 1s ahead of the server: -1021", c => c.Alice.Signed(Post, Order, Limit + $"&quantity=1&price=100&timestamp={c.Now + 1000}"), Bad, -1021,
            now => $"Timestamp for this request was 1000ms ahead of the server's time. (timestamp {now + 1000}, server time {now})"),
        new("timestamp older than recvWindow: -1021", c => c.Alice.Signed(Post, Order, Limit + $"&quantity=1&price=100&recvWindow=5000&timestamp={c.Now - 5001}"), Bad, -1021,
            now => $"Timestamp for this request is outside of the recvWindow. (timestamp {now - 5001}, server time {now}, recvWindow 5000)"),
        Signed("recvWindow above 60000: -1100", Post, Order, Limit + "&quantity=1&price=100&recvWindow=60001", Bad, -1100, Illegal("recvWindow", "1 - 60000")),
        Custom("without timestamp: -1102", c => c.SignedAsIs(Post, Order, Limit + "&quantity=1&price=100"), Bad, -1102, Mandatory("timestamp")),
        Custom("bad signature: 401 -1022",
            c => c.Raw(Post, $"{Order}?{Limit}&quantity=1&price=100&timestamp={c.Now}&signature={new string('a', 64)}", apiKey: DemoAccounts.AliceKey),
            HttpStatusCode.Unauthorized, -1022, "Signature for this request is not valid."),
        Custom("without signature: -1102",
            c => c.Raw(Post, $"{Order}?{Limit}&quantity=1&price=100&timestamp={c.Now}", apiKey: DemoAccounts.AliceKey), Bad, -1102, Mandatory("signature")),
        Custom("signed with another secret: 401 -1022", async c =>
        {
            var wrong = c.Venue.ClientFor(DemoAccounts.AliceKey, DemoAccounts.BobSecret);
            return await wrong.Signed(Post, Order, Limit + "&quantity=1&price=100");
        }, HttpStatusCode.Unauthorized, -1022, "Signature for this request is not valid."),
        Custom("a key without trade permission: 403 -2015", async c => await (await c.ReadOnly()).Signed(Post, Order, Limit + "&quantity=1&price=100"),
            HttpStatusCode.Forbidden, -2015, "Invalid API-key, IP, or permissions for action."),
        Custom("a JSON body: -1100", c => c.Raw(Post, Order, """{"symbol":"BTCUSDT"}""", "application/json", DemoAccounts.AliceKey), Bad, -1100,
            "Illegal characters found in a parameter. The body must be application/x-www-form-urlencoded, not 'application/json'."),
        Custom("a body over 16 KiB: -1101", c => c.Raw(Post, Order, "symbol=" + new string('A', 17_000), "application/x-www-form-urlencoded", DemoAccounts.AliceKey), Bad, -1101,
            "Too many parameters sent for this endpoint."),
        Signed("query of an unknown order: -2013", HttpMethod.Get, Order, "symbol=BTCUSDT&orderId=987654321", Bad, -2013, "Order does not exist."),
        Signed("cancel of an unknown order: -2011", HttpMethod.Delete, Order, "symbol=BTCUSDT&orderId=987654321", Bad, -2011, "Unknown order sent."),
        Signed("cancel without orderId: -1102", HttpMethod.Delete, Order, "symbol=BTCUSDT", Bad, -1102, Mandatory("orderId")),
        Signed("openOrders with orderId and startTime: -1128", HttpMethod.Get, "/api/v1/spot/openOrders", "symbol=BTCUSDT&orderId=1&startTime=1", Bad, -1128,
            "Combination of optional parameters invalid."),
        Signed("historyOrders ending before they start: -1127", HttpMethod.Get, "/api/v1/spot/historyOrders", "symbol=BTCUSDT&startTime=5000&endTime=4000", Bad, -1127,
            "endTime befor startTime"),
        Signed("historyOrders over more than 24 hours: -1127", HttpMethod.Get, "/api/v1/spot/historyOrders", "symbol=BTCUSDT&startTime=0&endTime=86400001", Bad, -1127,
            "More than '24 hours' between startTime and endTime."),
        Signed("historyOrders limit above 500: -1100", HttpMethod.Get, "/api/v1/spot/historyOrders", "symbol=BTCUSDT&limit=501", Bad, -1100, Illegal("limit", "1 - 500")),
    ];

    public static TheoryData<string> CaseNames => Names(Cases);

    [Theory, MemberData(nameof(CaseNames))]
    public Task Answers_as_JEX(string name) => Run(Cases, name);
}

/// <summary>Account endpoint: SIGNED trio, parameters it does not read.</summary>
public sealed class AccountConformanceTests(ConformanceVenue venue) : ConformanceTable(venue), IClassFixture<ConformanceVenue>
{
    private const string Account = "/api/v1/account";

    public static readonly IReadOnlyList<ConformanceCase> Cases =
    [
        Custom("without timestamp: -1102", c => c.SignedAsIs(HttpMethod.Get, Account, "recvWindow=5000"), Bad, -1102, Mandatory("timestamp")),
        Signed("with a symbol it does not read: -1104", HttpMethod.Get, Account, "symbol=BTCUSDT", Bad, -1104,
            "Not all sent parameters were read; read '2' parameter(s) but was sent '3'."),
        Signed("with a non-numeric timestamp: -1100", HttpMethod.Get, Account, "timestamp=yesterday", Bad, -1100, Illegal("timestamp", Integer)),
        Signed("recvWindow zero: -1100", HttpMethod.Get, Account, "recvWindow=0", Bad, -1100, Illegal("recvWindow", "1 - 60000")),
        Custom("without API key: 401 -2014", c => c.Raw(HttpMethod.Get, $"{Account}?timestamp={c.Now}&signature={new string('0', 64)}"), HttpStatusCode.Unauthorized, -2014,
            "API-key format invalid."),
    ];

    public static TheoryData<string> CaseNames => Names(Cases);

    [Theory, MemberData(nameof(CaseNames))]
    public Task Answers_as_JEX(string name) => Run(Cases, name);
}
