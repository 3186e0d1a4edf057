using System.Net;
using System.Text;
using JexSim.Server.Tests.Infrastructure;
using JexSim.Server.Tests.Spot;

namespace JexSim.Server.Tests.Security;

/// <summary>
/// The SIGNED section of rest-api.md: HMAC-SHA256 hex over the raw query string concatenated with the raw body.
/// The fixture's alice has the spec's example apiKey/secretKey and LTCBTC exists, so the spec's three worked examples
/// are sent byte for byte, with the spec's signatures, with the venue clock just after their timestamp.
/// </summary>
public sealed class SignatureTests
{
    private const long ExampleTimestamp = 1499827319559;
    private const string Path = "/api/v1/spot/order";
    private const string AllParameters = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";
    private const string Signature12 = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71";
    private const string Signature3 = "0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77";

    public static TheoryData<string, string?, string?> SpecExamples => new()
    {
        // example, query string, request body (each exactly as in rest-api.md)
        { "1: query string", AllParameters + "&signature=" + Signature12, null },
        { "2: request body", null, AllParameters + "&signature=" + Signature12 },
        { "3: mixed, no '&' between query and body", "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC",
            "quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559&signature=" + Signature3 },
        { "1 with the signature in upper case", AllParameters + "&signature=" + Signature12.ToUpperInvariant(), null },
        { "3 with the signature in mixed case", "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC",
            "quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559&signature=0FD168B8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77" },
    };

    [Theory]
    [MemberData(nameof(SpecExamples))]
    public async Task The_spec_examples_are_accepted_with_the_spec_signatures(string example, string? query, string? body)
    {
        Assert.NotEmpty(example);
        using var venue = ExampleVenue();
        var response = await Send(venue, query, body);

        var ack = response.Ok();
        SpotApi.AssertShape(ack, ("symbol", 's'), ("orderId", 'n'), ("transactTime", 'n'));
        Assert.Equal(("LTCBTC", 1499827320000L), (ack.Str("symbol"), ack.Num("transactTime")));
        // A buy of 1 LTC up to 0.1 BTC takes bob's best ask of 0.0025.
        var order = await venue.Alice().SignedGet(Path, $"symbol=LTCBTC&orderId={ack.Num("orderId")}");
        Assert.Equal(("FILLED", "1.00000000", "0.10000000", "0.00250000"),
            (order.Str("status"), order.Str("executedQty"), order.Str("price"), order.Str("cummulativeQuoteQty")));
    }

    public static TheoryData<string, string?, string?> Tampered => new()
    {
        { "quantity changed in the query", AllParameters.Replace("quantity=1", "quantity=2") + "&signature=" + Signature12, null },
        { "price changed in the body", null, AllParameters.Replace("price=0.1", "price=0.2") + "&signature=" + Signature12 },
        { "parameters reordered", null, AllParameters.Replace("side=BUY&type=LIMIT", "type=LIMIT&side=BUY") + "&signature=" + Signature12 },
        { "example 3 with an '&' between query and body", "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&",
            "quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559&signature=" + Signature3 },
        { "example 3 split elsewhere, same signature", "symbol=LTCBTC&side=BUY&type=LIMIT",
            "timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559&signature=" + Signature3 },
        { "example 1's signature on example 3", "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC",
            "quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559&signature=" + Signature12 },
        { "signature one character short", AllParameters + "&signature=" + Signature12[..63], null },
        { "signature not hex", AllParameters + "&signature=" + Signature12[..62] + "zz", null },
        { "percent-encoded body, signed decoded", null, "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0%2E1&recvWindow=5000&timestamp=1499827319559&signature=" + Signature12 },
    };

    [Theory]
    [MemberData(nameof(Tampered))]
    public async Task A_tampered_request_gets_1022_and_changes_nothing(string change, string? query, string? body)
    {
        Assert.NotEmpty(change);
        using var venue = ExampleVenue();
        var response = await Send(venue, query, body);
        response.AssertError(HttpStatusCode.Unauthorized, -1022, "Signature for this request is not valid.");
        Assert.Empty((await venue.Alice().SignedGet("/api/v1/spot/historyOrders", "symbol=LTCBTC")).EnumerateArray());
    }

    [Fact]
    public async Task The_signature_covers_the_raw_bytes_so_percent_encoding_is_signed_as_sent()
    {
        using var venue = new JexSimFactory();
        var alice = venue.Alice();
        // %42 is 'B': the venue reads symbol=LTCBTC but the signature is over "ltc%42tc".
        var placed = await alice.Signed(HttpMethod.Post, Path, "symbol=ltc%42tc&side=BUY&type=LIMIT&quantity=1&price=0.002");
        Assert.Equal("LTCBTC", placed.Ok().Str("symbol"));
    }

    [Fact]
    public async Task The_signature_may_travel_in_the_query_while_the_parameters_are_in_the_body()
    {
        using var venue = ExampleVenue();
        var response = await Send(venue, "signature=" + Signature12, AllParameters);
        Assert.Equal("LTCBTC", response.Ok().Str("symbol"));
    }

    [Fact]
    public async Task A_parameter_in_both_query_and_body_takes_the_query_value_and_both_are_signed()
    {
        using var venue = new JexSimFactory();
        string query = "symbol=LTCBTC&side=BUY&type=LIMIT&quantity=1&price=0.002";
        string body = $"quantity=2&price=0.003&newOrderRespType=RESULT&timestamp={venue.Clock.NowMs}";
        string signature = JexClient.Sign(DemoAccounts.AliceSecret, query + body);
        var response = await Send(venue, query, body + "&signature=" + signature);
        var result = response.Ok();
        Assert.Equal(("1.00000000", "0.00200000", "NEW"), (result.Str("origQty"), result.Str("price"), result.Str("status")));
    }

    /// <summary>The default venue with its clock 441 ms after the examples' timestamp (inside their recvWindow of 5000).</summary>
    private static JexSimFactory ExampleVenue()
    {
        var venue = new JexSimFactory();
        venue.Clock.SetVirtual(ExampleTimestamp + 441);
        return venue;
    }

    /// <summary>Sends exactly these bytes as curl does: the query on the URL, the body form-encoded (curl -d).</summary>
    private static Task<JexResponse> Send(JexSimFactory venue, string? query, string? body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, query is null ? Path : $"{Path}?{query}");
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.ASCII.GetBytes(body));
            request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        }
        request.Headers.Add("X-JEX-APIKEY", DemoAccounts.AliceKey);
        return venue.Alice().Send(request);
    }
}
