using System.Net;
using System.Text.Json;
using JexSim.Server.Tests.Infrastructure;
using JexSim.Server.Tests.Spot;

namespace JexSim.Server.Tests.Streams;

/// <summary>
/// The option market's streams (issue 13 §6) on quiet.json: bob holds 100 BTCCALLM he issued, offers 2 at 150 USDT (inside the
/// fixture ladder's 140/160 spread) and
/// alice buys 1. Market streams show the trade under the option names (no mark/index fields), and alice's user stream
/// gets execOptionReport and accountOptionInfo with the token.
/// </summary>
public sealed class OptionStreamTests : IDisposable
{
    private const long T0 = JexSimFactory.StartTime;
    private readonly JexSimFactory _venue = FastStreams.Venue();

    public void Dispose() => _venue.Dispose();

    private static string S(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    [Fact]
    public async Task Option_market_streams_and_user_events_carry_an_option_trade()
    {
        string[] streams =
        [
            "btccallm@optionTrade", "btccallm@optionKline_1M", "btccallm@optionMiniTicker", "btccallm@optionTicker",
            "!optionMiniTicker@arr", "!optionTicker@arr", "btccallm@optionDepth5", "btccallm@optionDepth",
        ];
        await using var ws = await StreamSocket.ConnectAsync(_venue, "/stream?streams=" + string.Join('/', streams));
        var alice = _venue.Alice();
        string listenKey = S((await alice.Public(HttpMethod.Post, "/api/v1/userDataStream", withKey: true)).Json, "listenKey");
        await using var user = await StreamSocket.ConnectAsync(_venue, "/ws/" + listenKey);

        (await _venue.Bob().Signed(HttpMethod.Post, "/api/v1/option/order", "symbol=BTCCALLM&side=SELL&type=LIMIT&quantity=2&price=150")).Ok();
        var bought = (await alice.Signed(HttpMethod.Post, "/api/v1/option/order", "symbol=BTCCALLM&side=BUY&type=LIMIT&quantity=1&price=150")).Ok();

        var seen = new Dictionary<string, JsonElement>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30); // partial depth pushes forever: bound the wait
        while (seen.Count < streams.Length)
        {
            Assert.True(DateTime.UtcNow < deadline, $"streams still missing: {string.Join(", ", streams.Except(seen.Keys))}");
            var m = await ws.NextAsync(_ => true);
            string stream = S(m, "stream");
            var data = m.GetProperty("data");
            bool done = stream switch
            {
                "btccallm@optionKline_1M" => S(data.GetProperty("k"), "v") == "1.00000000",
                "btccallm@optionMiniTicker" or "btccallm@optionTicker" => S(data, "v") == "1.00000000",
                "btccallm@optionDepth5" => data.GetProperty("asks")[0][0].GetString() == "150.00000000" && data.GetProperty("asks")[0][1].GetString() == "1.00000000",
                "btccallm@optionDepth" => data.GetProperty("a").EnumerateArray().Any(l => l[1].GetString() == "1.00000000"),
                _ => true,
            };
            if (done) seen.TryAdd(stream, data);
        }

        var trade = Assert.Single(seen["btccallm@optionTrade"].EnumerateArray());
        Assert.Equal(("optionTrade", "BTCCALLM", "150.00000000", "1.00000000", T0), (S(trade, "e"), S(trade, "s"), S(trade, "p"), S(trade, "q"), trade.GetProperty("T").GetInt64()));
        Assert.False(trade.GetProperty("m").GetBoolean());
        Assert.Equal(("optionKline", "150.00000000"), (S(seen["btccallm@optionKline_1M"], "e"), S(seen["btccallm@optionKline_1M"].GetProperty("k"), "c")));
        var mini = seen["btccallm@optionMiniTicker"];
        Assert.Equal(("24hrOptionMiniTicker", "150.00000000"), (S(mini, "e"), S(mini, "c")));
        Assert.False(mini.TryGetProperty("m", out _)); // mark and index are the contract tickers' only
        var ticker = seen["btccallm@optionTicker"];
        Assert.Equal(("24hrOptionTicker", "150.00000000"), (S(ticker, "e"), S(ticker, "q")));
        Assert.False(ticker.TryGetProperty("i", out _));
        Assert.Equal("24hrOptionMiniTicker", S(Assert.Single(seen["!optionMiniTicker@arr"].EnumerateArray()), "e"));
        Assert.Equal("24hrOptionTicker", S(Assert.Single(seen["!optionTicker@arr"].EnumerateArray()), "e"));
        var restDepth = (await alice.Public(HttpMethod.Get, "/api/v1/option/depth", "symbol=BTCCALLM&limit=5")).Json;
        Assert.Equal(restDepth.GetProperty("asks").EnumerateArray().Select(l => (l[0].GetString(), l[1].GetString())),
            seen["btccallm@optionDepth5"].GetProperty("asks").EnumerateArray().Select(l => (l[0].GetString(), l[1].GetString())));
        Assert.Equal("optionDepthUpdate", S(seen["btccallm@optionDepth"], "e"));

        var report = await user.NextAsync(e => S(e, "e") == "execOptionReport");
        Assert.Equal(("BTCCALLM", "BUY", "FILLED", "1.00000000", "150.00000000"), (S(report, "s"), S(report, "S"), S(report, "X"), S(report, "z"), S(report, "Z")));
        Assert.Equal(bought.GetProperty("orderId").GetInt64(), report.GetProperty("i").GetInt64());
        var spot = await user.NextAsync(e => S(e, "e") == "accountSpotInfo");
        string usdt = (await alice.Balance("USDT")).Free;
        Assert.Contains(spot.GetProperty("B").EnumerateArray(), b => S(b, "a") == "USDT" && S(b, "f") == usdt);
        var option = await user.NextAsync(e => S(e, "e") == "accountOptionInfo");
        var token = option.GetProperty("B").EnumerateArray().Single(b => S(b, "a") == "BTCCALLM");
        Assert.Equal(("0.99900000", "0.00000000"), (S(token, "f"), S(token, "l"))); // 1 less the 0.1% fee
        var rest = (await alice.Account()).GetProperty("optionBalances").EnumerateArray().Single(b => S(b, "asset") == "BTCCALLM");
        Assert.Equal((S(rest, "free"), S(rest, "locked")), (S(token, "f"), S(token, "l")));
    }
}
