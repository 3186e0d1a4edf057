using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using JexSim.Server.Tests.Infrastructure;

namespace JexSim.Server.Tests.Spot;

/// <summary>Who sends a bad request.</summary>
public enum Caller
{
    /// <summary>No API key header.</summary>
    Anonymous,
    /// <summary>Alice, signing correctly (SIGNED endpoints) or sending her key (MARKET_DATA).</summary>
    Alice,
    /// <summary>Alice's key and parameters without any signature.</summary>
    AliceUnsigned,
    /// <summary>Alice's key, signed with the wrong secret.</summary>
    WrongSecret,
    /// <summary>A key that is not a key.</summary>
    MalformedKey,
    /// <summary>A well-formed key the venue does not know.</summary>
    UnknownKey,
}

/// <summary>
/// Every error code issue 2 lists, each from a real bad request, with its HTTP status, code and message; and proof that
/// none of them changed anything. "{now±ms}" in parameters is the venue's time when the request is sent.
/// </summary>
public sealed partial class ErrorCodeTests(VenueFixture fixture) : IClassFixture<VenueFixture>
{
    private const string Order = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1&price=29000";
    private const string Account = "/api/v1/account";
    private const string Depth = "/api/v1/spot/depth";
    private const string Mandatory = "Mandatory parameter '{0}' was not sent, was empty/null, or malformed.";
    private const string DecimalLegal = "legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.";

    public static TheoryData<string, Caller, string, string, string, HttpStatusCode, int, string> Cases => new()
    {
        // -1021: outside recvWindow (default 5000), or 1000 ms or more ahead of the server.
        { "stale", Caller.Alice, "POST", SpotApi.Order, Order + "&timestamp={now-5001}", HttpStatusCode.BadRequest, -1021,
            "Timestamp for this request is outside of the recvWindow. (timestamp 1767225594999, server time 1767225600000, recvWindow 5000)" },
        { "stale for its recvWindow", Caller.Alice, "GET", Account, "recvWindow=100&timestamp={now-101}", HttpStatusCode.BadRequest, -1021,
            "Timestamp for this request is outside of the recvWindow. (timestamp 1767225599899, server time 1767225600000, recvWindow 100)" },
        { "ahead", Caller.Alice, "POST", SpotApi.Order, Order + "&timestamp={now+1000}", HttpStatusCode.BadRequest, -1021,
            "Timestamp for this request was 1000ms ahead of the server's time. (timestamp 1767225601000, server time 1767225600000)" },
        // -1022: signature does not match.
        { "wrong secret", Caller.WrongSecret, "GET", Account, "", HttpStatusCode.Unauthorized, -1022, "Signature for this request is not valid." },
        { "wrong secret on an order", Caller.WrongSecret, "POST", SpotApi.Order, Order, HttpStatusCode.Unauthorized, -1022, "Signature for this request is not valid." },
        // -2014 / -2015: API key missing, malformed, unknown.
        { "no key", Caller.Anonymous, "GET", Account, "timestamp={now}", HttpStatusCode.Unauthorized, -2014, "API-key format invalid." },
        { "no key, MARKET_DATA", Caller.Anonymous, "GET", "/api/v1/spot/historicalTrades", "symbol=BTCUSDT", HttpStatusCode.Unauthorized, -2014, "API-key format invalid." },
        { "malformed key", Caller.MalformedKey, "POST", SpotApi.Order, Order, HttpStatusCode.Unauthorized, -2014, "API-key format invalid." },
        { "unknown key", Caller.UnknownKey, "GET", Account, "", HttpStatusCode.Unauthorized, -2015, "Invalid API-key, IP, or permissions for action." },
        { "unknown key, MARKET_DATA", Caller.UnknownKey, "GET", "/api/v1/spot/historicalTrades", "symbol=BTCUSDT", HttpStatusCode.Unauthorized, -2015, "Invalid API-key, IP, or permissions for action." },
        // -1102: mandatory parameter missing or empty, named.
        { "no symbol", Caller.Alice, "POST", SpotApi.Order, "side=BUY&type=LIMIT&quantity=0.1&price=29000", HttpStatusCode.BadRequest, -1102, string.Format(CultureInfo.InvariantCulture, Mandatory, "symbol") },
        { "empty quantity", Caller.Alice, "POST", SpotApi.Order, "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=&price=29000", HttpStatusCode.BadRequest, -1102, string.Format(CultureInfo.InvariantCulture, Mandatory, "quantity") },
        { "LIMIT without price", Caller.Alice, "POST", SpotApi.Order, "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1", HttpStatusCode.BadRequest, -1102, string.Format(CultureInfo.InvariantCulture, Mandatory, "price") },
        { "no orderId", Caller.Alice, "GET", SpotApi.Order, "symbol=BTCUSDT", HttpStatusCode.BadRequest, -1102, string.Format(CultureInfo.InvariantCulture, Mandatory, "orderId") },
        { "no timestamp", Caller.AliceUnsigned, "GET", Account, "signature=" + new string('0', 64), HttpStatusCode.BadRequest, -1102, string.Format(CultureInfo.InvariantCulture, Mandatory, "timestamp") },
        { "no signature", Caller.AliceUnsigned, "GET", Account, "timestamp={now}", HttpStatusCode.BadRequest, -1102, string.Format(CultureInfo.InvariantCulture, Mandatory, "signature") },
        { "public, no symbol", Caller.Anonymous, "GET", Depth, "limit=5", HttpStatusCode.BadRequest, -1102, string.Format(CultureInfo.InvariantCulture, Mandatory, "symbol") },
        // -1100: illegal characters or values out of range.
        { "letters in quantity", Caller.Alice, "POST", SpotApi.Order, "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=abc&price=29000", HttpStatusCode.BadRequest, -1100, "Illegal characters found in parameter 'quantity'; " + DecimalLegal },
        { "negative price", Caller.Alice, "POST", SpotApi.Order, "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1&price=-1", HttpStatusCode.BadRequest, -1100, "Illegal characters found in parameter 'price'; " + DecimalLegal },
        { "letters in orderId", Caller.Alice, "GET", SpotApi.Order, "symbol=BTCUSDT&orderId=abc", HttpStatusCode.BadRequest, -1100, "Illegal characters found in parameter 'orderId'; legal range is '^[0-9]{1,20}$'." },
        { "depth limit not offered", Caller.Anonymous, "GET", Depth, "symbol=BTCUSDT&limit=7", HttpStatusCode.BadRequest, -1100, "Illegal characters found in parameter 'limit'; legal range is '5, 10, 20, 50, 60'." },
        { "recvWindow over 60000", Caller.Alice, "GET", Account, "recvWindow=60001", HttpStatusCode.BadRequest, -1100, "Illegal characters found in parameter 'recvWindow'; legal range is '1 - 60000'." },
        // -1101: the same parameter twice in one source.
        { "duplicate symbol", Caller.Alice, "POST", SpotApi.Order, Order + "&symbol=ETHUSDT", HttpStatusCode.BadRequest, -1101, "Duplicate values for a parameter detected." },
        { "duplicate on a public endpoint", Caller.Anonymous, "GET", Depth, "symbol=BTCUSDT&symbol=BTCUSDT", HttpStatusCode.BadRequest, -1101, "Duplicate values for a parameter detected." },
        // -1121, -1115, -1116, -1117, -1111.
        { "unknown symbol", Caller.Alice, "POST", SpotApi.Order, "symbol=FOOBAR&side=BUY&type=LIMIT&quantity=0.1&price=29000", HttpStatusCode.BadRequest, -1121, "Invalid symbol." },
        { "unknown symbol, public", Caller.Anonymous, "GET", Depth, "symbol=BTC-USDT", HttpStatusCode.BadRequest, -1121, "Invalid symbol." },
        { "bad timeInForce", Caller.Alice, "POST", SpotApi.Order, Order + "&timeInForce=GTX", HttpStatusCode.BadRequest, -1115, "Invalid timeInForce." },
        { "bad type", Caller.Alice, "POST", SpotApi.Order, "symbol=BTCUSDT&side=BUY&type=STOP_LOSS&quantity=0.1&price=29000", HttpStatusCode.BadRequest, -1116, "Invalid orderType." },
        { "bad side", Caller.Alice, "POST", SpotApi.Order, "symbol=BTCUSDT&side=LONG&type=LIMIT&quantity=0.1&price=29000", HttpStatusCode.BadRequest, -1117, "Invalid side." },
        { "lower-case side", Caller.Alice, "POST", SpotApi.Order, "symbol=BTCUSDT&side=buy&type=LIMIT&quantity=0.1&price=29000", HttpStatusCode.BadRequest, -1117, "Invalid side." },
        { "nine decimals", Caller.Alice, "POST", SpotApi.Order, "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.000000001&price=29000", HttpStatusCode.BadRequest, -1111, "Precision is over the maximum defined for this asset." },
        { "more decimals than the symbol", Caller.Alice, "POST", SpotApi.Order, "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1234567&price=29000", HttpStatusCode.BadRequest, -1129, "error  scale  in parameter 'quantity',should be  scale no more than '6'" },
        // -2010 with the engine's reason, -2011, -2013.
        { "cannot pay for a buy", Caller.Alice, "POST", SpotApi.Order, "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=100&price=29000", HttpStatusCode.BadRequest, -2010, "Account has insufficient balance for requested action." },
        { "cannot deliver a sell", Caller.Alice, "POST", SpotApi.Order, "symbol=BTCUSDT&side=SELL&type=LIMIT&quantity=11&price=31000", HttpStatusCode.BadRequest, -2010, "Account has insufficient balance for requested action." },
        { "cannot deliver a market sell", Caller.Alice, "POST", SpotApi.Order, "symbol=BTCUSDT&side=SELL&type=MARKET&quantity=11", HttpStatusCode.BadRequest, -2010, "Account has insufficient balance for requested action." },
        { "cancel unknown order", Caller.Alice, "DELETE", SpotApi.Order, "symbol=BTCUSDT&orderId=999999", HttpStatusCode.BadRequest, -2011, "Unknown order sent." },
        { "query unknown order", Caller.Alice, "GET", SpotApi.Order, "symbol=BTCUSDT&orderId=999999", HttpStatusCode.BadRequest, -2013, "Order does not exist." },
        // Other parameter errors on the way.
        { "timeInForce with MARKET", Caller.Alice, "POST", SpotApi.Order, "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.1&timeInForce=GTC", HttpStatusCode.BadRequest, -1114, "TimeInForce parameter sent when not required." },
        { "unknown parameter", Caller.Alice, "POST", SpotApi.Order, Order + "&icebergQty=1", HttpStatusCode.BadRequest, -1103, "An unknown parameter was sent: 'icebergQty'." },
        { "endTime before startTime", Caller.Alice, "GET", "/api/v1/spot/historyOrders", "symbol=BTCUSDT&startTime=2000&endTime=1000", HttpStatusCode.BadRequest, -1127, "endTime befor startTime" },
        { "more price decimals than the tick", Caller.Alice, "POST", SpotApi.Order, "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1&price=29000.005", HttpStatusCode.BadRequest, -1129, "error  scale  in parameter 'price',should be  scale no more than '2'" },
        // Routing: JSON 404 and 405.
        { "unknown route", Caller.Anonymous, "GET", "/api/v1/spot/nothingHere", "", HttpStatusCode.NotFound, -1020, "Unknown endpoint: GET /api/v1/spot/nothingHere." },
        { "wrong method", Caller.Anonymous, "PUT", SpotApi.Order, "", HttpStatusCode.MethodNotAllowed, -6, "Method PUT is not allowed for /api/v1/spot/order." },
        { "wrong method, public", Caller.Anonymous, "POST", "/api/v1/ping", "", HttpStatusCode.MethodNotAllowed, -6, "Method POST is not allowed for /api/v1/ping." },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_request_gets_its_JEX_error(string name, Caller caller, string method, string path, string parameters,
        HttpStatusCode status, int code, string msg)
    {
        Assert.NotEmpty(name);
        var response = await Send(fixture.Venue, caller, method, path, parameters);
        response.AssertError(status, code, msg);
    }

    [Fact]
    public async Task No_bad_request_changes_anything()
    {
        using var venue = new JexSimFactory();
        var alice = venue.Alice();
        long rested = await alice.Rest("BTCUSDT", "BUY", "0.1", "29000");
        var before = await OrderPlacementTests.Snapshot(alice);
        foreach (var row in Cases)
        {
            var response = await Send(venue, (Caller)row[1], (string)row[2], (string)row[3], (string)row[4]);
            Assert.Equal((int)row[6], response.Code);
        }
        Assert.Equal(before, await OrderPlacementTests.Snapshot(alice));
        Assert.Equal(rested + 1, (await alice.Place("symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1&price=1000")).Ok().Num("orderId")); // no id used up
    }

    [GeneratedRegex(@"\{now([+-]\d+)?\}")]
    private static partial Regex Now();

    internal static Task<JexResponse> Send(JexSimFactory venue, Caller caller, string method, string path, string parameters)
    {
        long now = venue.Clock.NowMs;
        parameters = Now().Replace(parameters, m => (now + (m.Groups[1].Success ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0)).ToString(CultureInfo.InvariantCulture));
        var http = new HttpMethod(method);
        return caller switch
        {
            Caller.Anonymous => venue.Alice().Public(http, path, parameters),
            Caller.AliceUnsigned => venue.Alice().Public(http, path, parameters, withKey: true),
            Caller.WrongSecret => Keyed(venue.ClientFor(DemoAccounts.AliceKey, DemoAccounts.BobSecret)),
            Caller.MalformedKey => Keyed(venue.ClientFor("not a key!", DemoAccounts.AliceSecret)),
            Caller.UnknownKey => Keyed(venue.ClientFor(new string('K', 64), DemoAccounts.AliceSecret)),
            _ => Keyed(venue.Alice()),
        };

        // SIGNED endpoints get a timestamp and signature; the others just the key header.
        Task<JexResponse> Keyed(JexClient client) =>
            IsSigned(path) ? client.Signed(http, path, parameters) : client.Public(http, path, parameters, withKey: true);
    }

    private static bool IsSigned(string path) => path is SpotApi.Order or Account or "/api/v1/spot/openOrders" or "/api/v1/spot/historyOrders";
}
