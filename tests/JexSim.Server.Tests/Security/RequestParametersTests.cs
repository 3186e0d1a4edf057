using System.Text;
using JexSim.Server.Api;
using Microsoft.AspNetCore.Http;

namespace JexSim.Server.Tests.Security;

/// <summary>Reading a request's parameters: the raw text the signature covers, decoding, precedence and the body's limits.</summary>
public sealed class RequestParametersTests
{
    private static Task<RequestParameters> Read(string query, byte[] body, string? contentType = "application/x-www-form-urlencoded", bool sendLength = true)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        if (query.Length > 0) http.Request.QueryString = new QueryString("?" + query);
        http.Request.Body = new MemoryStream(body);
        if (sendLength) http.Request.ContentLength = body.Length;
        http.Request.ContentType = contentType;
        return RequestParameters.ReadAsync(http.Request);
    }

    private static Task<RequestParameters> Read(string query, string body) => Read(query, Encoding.UTF8.GetBytes(body));

    private static async Task<JexError> Refused(Func<Task<RequestParameters>> read) => (await Assert.ThrowsAsync<JexException>(read)).Error;

    [Fact]
    public async Task The_signed_payload_is_query_then_body_as_sent_without_the_signature_pairs()
    {
        var p = await Read("recvWindow=5000", "symbol=BTCUSDT&&side=BUY&signature=ab12&quantity=0.1&timestamp=1");
        Assert.Equal("recvWindow=5000symbol=BTCUSDT&&side=BUY&quantity=0.1&timestamp=1", p.SignedPayload);
        Assert.Equal("symbol=BTCUSDT&&side=BUY&signature=ab12&quantity=0.1&timestamp=1", p.RawBody);

        // A source without any "signature=" is signed exactly as sent, even with a bare "signature" in it.
        Assert.Equal("a=1&signatureb=2", (await Read("a=1&signature", "b=2&signature=ff")).SignedPayload);
        Assert.Equal("a=1", (await Read("signature=ff&a=1", "")).SignedPayload);
    }

    [Fact]
    public async Task Values_are_url_decoded_only_when_encoded_and_the_query_wins_over_the_body()
    {
        var p = await Read("side=SELL", "side=BUY&newClientOrderId=a%2Fb+c&price=30000.5&flag");
        Assert.Equal("SELL", p.Values["side"]);
        Assert.Equal("a/b c", p.Values["newClientOrderId"]);
        Assert.Equal("30000.5", p.Values["price"]);
        Assert.Equal("", p.Values["flag"]);
        Assert.Equal(4, p.Values.Count);
    }

    [Fact]
    public async Task A_name_twice_in_one_source_a_nameless_pair_or_a_control_character_is_refused()
    {
        Assert.Equal(-1101, (await Refused(() => Read("", "a=1&a=2"))).Code);
        Assert.Equal(-1101, (await Refused(() => Read("a=1&a=2", "b=1"))).Code);
        Assert.Equal(-1100, (await Refused(() => Read("", "=5"))).Code);
        Assert.Equal(-1100, (await Refused(() => Read("", "a=%0A"))).Code);
        Assert.Equal(-1100, (await Refused(() => Read("", "a=x\ty"))).Code);
    }

    [Fact]
    public async Task The_body_must_be_utf8_form_data_of_at_most_16_KB_even_without_a_length()
    {
        Assert.Equal(-1100, (await Refused(() => Read("", [(byte)'a', (byte)'=', 0xC3, 0x28]))).Code);
        Assert.Equal(-1100, (await Refused(() => Read("", Encoding.UTF8.GetBytes("{\"a\":1}"), "application/json"))).Code);
        var big = Encoding.UTF8.GetBytes("a=" + new string('x', RequestParameters.MaxBodyBytes));
        Assert.Equal(JexErrors.TooManyParametersSent, await Refused(() => Read("", big)));
        Assert.Equal(JexErrors.TooManyParametersSent, await Refused(() => Read("", big, sendLength: false)));
        var fits = Encoding.UTF8.GetBytes("a=" + new string('x', RequestParameters.MaxBodyBytes - 2));
        Assert.Equal(RequestParameters.MaxBodyBytes - 2, (await Read("", fits)).Values["a"].Length);
    }
}
