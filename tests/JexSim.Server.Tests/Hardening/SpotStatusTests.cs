using System.Net;
using JexSim.Server.Tests.Infrastructure;
using JexSim.Server.Tests.Spot;
using JexSim.Server.Tests.Streams;

namespace JexSim.Server.Tests.Hardening;

/// <summary>JEX's spot statuses, the same in the order answer, GET order, historyOrders and execSpotReport's X.</summary>
public sealed class SpotStatusTests
{
    [Theory]
    [InlineData("side=BUY&type=LIMIT&timeInForce=IOC&quantity=0.7&price=30000", "CANCLEFILLED")] // 0.5 filled, 0.2 cancelled
    [InlineData("side=BUY&type=LIMIT&timeInForce=IOC&quantity=0.1&price=29000", "CANCELED")]     // nothing to take
    [InlineData("side=BUY&type=LIMIT&timeInForce=FOK&quantity=1&price=30010", "CANCELED")]       // cannot fill whole
    [InlineData("side=BUY&type=MARKET&quantity=2", "CANCLEFILLED")]                               // book exhausted at 1.5
    [InlineData("side=BUY&type=MARKET&quantity=0.6", "FILLED")]
    public async Task A_remainder_is_reported_alike_everywhere_and_never_as_EXPIRED(string order, string status)
    {
        using var venue = FastStreams.Venue();
        var alice = venue.Alice();
        var key = (await alice.Public(HttpMethod.Post, "/api/v1/userDataStream", withKey: true)).Json.GetProperty("listenKey").GetString();
        await using var ws = await StreamSocket.ConnectAsync(venue, "/ws/" + key);

        var result = await alice.PlaceResult("symbol=BTCUSDT&" + order);
        long id = result.GetProperty("orderId").GetInt64();
        var queried = await alice.SignedGet(SpotApi.Order, $"symbol=BTCUSDT&orderId={id}");
        var listed = (await alice.SignedGet("/api/v1/spot/historyOrders", "symbol=BTCUSDT")).EnumerateArray().Single(o => o.Str("orderId") == id.ToString());
        var report = await ws.NextAsync(e => e.GetProperty("e").GetString() == "execSpotReport" && e.GetProperty("i").GetInt64() == id);

        Assert.Equal((status, status, status, status),
            (result.Str("status"), queried.Str("status"), listed.Str("status"), report.GetProperty("X").GetString()));
        await Ledger.AssertHolds(venue);
    }

    [Fact]
    public async Task A_cancel_after_a_partial_fill_is_CANCLEFILLED_and_before_any_fill_CANCELED()
    {
        using var venue = new JexSimFactory();
        var alice = venue.Alice();
        long partial = await alice.Rest("BTCUSDT", "BUY", "0.3", "29995");
        long untouched = await alice.Rest("BTCUSDT", "BUY", "0.1", "29000");
        await venue.Bob().PlaceResult("symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=IOC&quantity=0.1&price=29995");
        var first = await alice.Signed(HttpMethod.Delete, SpotApi.Order, $"symbol=BTCUSDT&orderId={partial}");
        var second = await alice.Signed(HttpMethod.Delete, SpotApi.Order, $"symbol=BTCUSDT&orderId={untouched}");
        Assert.Equal((HttpStatusCode.OK, "CANCLEFILLED", HttpStatusCode.OK, "CANCELED"),
            (first.Status, first.Json.Str("status"), second.Status, second.Json.Str("status")));
        await Ledger.AssertHolds(venue);
    }
}
