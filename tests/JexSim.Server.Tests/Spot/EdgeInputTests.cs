using System.Net;
using System.Text;
using JexSim.Server.Tests.Infrastructure;

namespace JexSim.Server.Tests.Spot;

/// <summary>Extreme and malformed input never yields a 500: each gets a JEX error (or a sensible empty answer).</summary>
public sealed class EdgeInputTests(VenueFixture fixture) : IClassFixture<VenueFixture>
{
    private const string Max = "9223372036854775807";

    public static TheoryData<Caller, string, string, string, int> Requests => new()
    {
        // caller, method, path, parameters, expected code (0 = a 200 answer with an empty list: nothing traded or ordered here)
        { Caller.Anonymous, "GET", "/api/v1/spot/klines", $"symbol=BTCUSDT&interval=1m&startTime={Max}", 0 },
        { Caller.Anonymous, "GET", "/api/v1/spot/klines", $"symbol=BTCUSDT&interval=1w&startTime={Max}", 0 },
        { Caller.Anonymous, "GET", "/api/v1/spot/klines", $"symbol=BTCUSDT&interval=1m&endTime={Max}", 0 },
        { Caller.Anonymous, "GET", "/api/v1/spot/klines", $"symbol=BTCUSDT&interval=3d&startTime=0&endTime={Max}&limit=1000", 0 },
        { Caller.Anonymous, "GET", "/api/v1/spot/klines", "symbol=BTCUSDT&interval=1m&limit=0", -1100 },
        { Caller.Anonymous, "GET", "/api/v1/spot/klines", "symbol=BTCUSDT&interval=1m&startTime=-5", -1100 },
        { Caller.Alice, "GET", "/api/v1/spot/historicalTrades", $"symbol=BTCUSDT&fromId={Max}", 0 },
        // orderId pages by id, startTime/endTime by time; both together is -1128 (README, Conformance tests).
        { Caller.Alice, "GET", "/api/v1/spot/openOrders", $"symbol=BTCUSDT&orderId={Max}", 0 },
        { Caller.Alice, "GET", "/api/v1/spot/openOrders", $"symbol=BTCUSDT&startTime={Max}&endTime={Max}", 0 },
        { Caller.Alice, "GET", "/api/v1/spot/openOrders", $"symbol=BTCUSDT&orderId={Max}&startTime={Max}&endTime={Max}", -1128 },
        { Caller.Alice, "GET", "/api/v1/spot/historyOrders", $"symbol=BTCUSDT&orderId={Max}", 0 },
        { Caller.Alice, "GET", SpotApi.Order, $"symbol=BTCUSDT&orderId={Max}", -2013 },
        { Caller.Alice, "GET", SpotApi.Order, "symbol=BTCUSDT&orderId=9223372036854775808", -1100 },
        { Caller.Alice, "DELETE", SpotApi.Order, "symbol=BTCUSDT&orderId=0", -2011 },
        { Caller.Alice, "POST", SpotApi.Order, "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1&price=99999999999999999999", -1100 },
        { Caller.Alice, "POST", SpotApi.Order, "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=99999999999.999999&price=1", -1100 },
        { Caller.Alice, "POST", SpotApi.Order, "symbol=JEXBTC&side=BUY&type=LIMIT&quantity=90000000&price=1", -2010 },
        { Caller.Alice, "POST", SpotApi.Order, "symbol=JEXBTC&side=SELL&type=MARKET&quantity=90000000", -2010 },
        { Caller.Alice, "POST", SpotApi.Order, "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0&price=29000", -9000 },
        { Caller.Alice, "POST", SpotApi.Order, "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1&price=0", -9000 },
        { Caller.Alice, "POST", SpotApi.Order, "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=.1&price=29000", -1100 },
        { Caller.Alice, "POST", SpotApi.Order, "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1e-1&price=29000", -1100 },
        { Caller.Alice, "POST", SpotApi.Order, "symbol=%FF&side=BUY&type=LIMIT&quantity=0.1&price=29000", -1100 },
        { Caller.Alice, "POST", SpotApi.Order, "sym%00bol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1&price=29000", -1100 },
        { Caller.Alice, "POST", SpotApi.Order, "=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1&price=29000", -1100 },
        { Caller.Alice, "GET", "/api/v1/account", $"timestamp={Max}", -1021 },
        { Caller.Alice, "GET", "/api/v1/account", "timestamp=0", -1021 },
        { Caller.Alice, "GET", "/api/v1/account", "timestamp=-1", -1100 },
        { Caller.Anonymous, "GET", "/api/v1/spot/depth", "symbol=" + "A", -1121 },
        { Caller.Anonymous, "GET", "/api/v1/spot/depth", "symbol=" + "ABCDEFGHIJ" + "ABCDEFGHIJ", -1121 },
        { Caller.Anonymous, "GET", "/api/v1/spot/depth", "symbol=" + "ABCDEFGHIJ" + "ABCDEFGHIJ" + "ABCDEFGHIJ", -1100 }, // longer than a symbol can be
        { Caller.Anonymous, "GET", "/api/v1/spot/trades", "symbol=BTCUSDT&limit=-1", -1100 },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Extreme_input_gets_a_JEX_answer_never_a_500(Caller caller, string method, string path, string parameters, int code)
    {
        var response = await ErrorCodeTests.Send(fixture.Venue, caller, method, path, parameters);
        if (code == 0) Assert.Equal("[]", response.Ok().GetRawText());
        else Assert.True(response.Code == code && (int)response.Status is >= 400 and < 500, $"expected a 4xx {code}, got {response}");
    }

    [Theory]
    [InlineData("application/json", "{\"symbol\":\"BTCUSDT\"}")]
    [InlineData("text/plain", "symbol=BTCUSDT")]
    [InlineData("application/x-www-form-urlencoded", "\u00ff\u00fe")]
    public async Task A_body_that_is_not_a_utf8_form_is_refused(string contentType, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, SpotApi.Order)
        {
            Content = new ByteArrayContent(contentType.EndsWith("urlencoded", StringComparison.Ordinal) ? Encoding.Latin1.GetBytes(body) : Encoding.UTF8.GetBytes(body)),
        };
        request.Content.Headers.ContentType = new(contentType);
        request.Headers.Add("X-JEX-APIKEY", DemoAccounts.AliceKey);
        var response = await fixture.Venue.Alice().Send(request);
        Assert.Equal((HttpStatusCode.BadRequest, -1100), (response.Status, response.Code));
    }

    [Fact]
    public async Task An_oversized_body_is_refused()
    {
        var response = await fixture.Venue.Alice().Signed(HttpMethod.Post, SpotApi.Order, "symbol=BTCUSDT&pad=" + new string('x', 20_000));
        Assert.Equal((HttpStatusCode.BadRequest, -1101), (response.Status, response.Code));
    }
}
