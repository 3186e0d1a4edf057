using System.Net;
using System.Text.Json;
using JexSim.Server.Tests.Infrastructure;

namespace JexSim.Server.Tests.Streams;

public sealed class MarketStreamTests : IDisposable
{
    private const long T0 = JexSimFactory.StartTime;
    private readonly JexSimFactory _venue = FastStreams.Venue();

    public void Dispose() => _venue.Dispose();

    /// <summary>Alice buys 0.01 BTC at 30000 against bob's resting ask of 0.5: one trade, ask left at 0.49.</summary>
    private async Task TradeOnceAsync()
    {
        var placed = await _venue.Alice().Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.01&price=30000");
        Assert.Equal(HttpStatusCode.OK, placed.Status);
    }

    private static string S(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    [Fact]
    public async Task Trade_stream_pushes_the_trade_as_an_array_with_the_spec_fields()
    {
        await using var ws = await StreamSocket.ConnectAsync(_venue, "/ws/btcusdt@spotTrade");
        await TradeOnceAsync();

        var message = (await ws.ReceiveAsync())!.Value;
        var trade = Assert.Single(message.EnumerateArray());
        Assert.Equal("spotTrade", S(trade, "e"));
        Assert.Equal(T0, trade.GetProperty("E").GetInt64());
        Assert.Equal("BTCUSDT", S(trade, "s"));
        Assert.Equal(1, trade.GetProperty("t").GetInt64());
        Assert.Equal("30000.00000000", S(trade, "p"));
        Assert.Equal("0.01000000", S(trade, "q"));
        Assert.Equal(T0, trade.GetProperty("T").GetInt64());
        Assert.False(trade.GetProperty("m").GetBoolean()); // the buyer took liquidity
    }

    [Fact]
    public async Task Kline_stream_pushes_the_current_candle_with_the_trade_in_it()
    {
        await using var ws = await StreamSocket.ConnectAsync(_venue, "/ws/btcusdt@spotKline_1M");
        await TradeOnceAsync();

        var m = await ws.NextAsync(e => S(e.GetProperty("k"), "v") == "0.01000000");
        Assert.Equal("spotKline", S(m, "e"));
        Assert.Equal("BTCUSDT", S(m, "s"));
        var k = m.GetProperty("k");
        Assert.Equal(T0, k.GetProperty("t").GetInt64());
        Assert.Equal(T0 + 59_999, k.GetProperty("T").GetInt64());
        Assert.Equal("1m", S(k, "i"));
        foreach (var f in new[] { "o", "c", "h", "l" }) Assert.Equal("30000.00000000", S(k, f));
        Assert.Equal("300.00000000", S(k, "q"));
    }

    [Fact]
    public async Task Every_spec_kline_interval_is_a_stream()
    {
        var names = string.Join('/', new[] { "1M", "5M", "15M", "30M", "1H", "4H", "1D", "1W" }.Select(i => $"btcusdt@spotKline_{i}"));
        await using var ws = await StreamSocket.ConnectAsync(_venue, "/stream?streams=" + names);
        await TradeOnceAsync();
        var seen = new HashSet<string>();
        while (seen.Count < 8)
        {
            var m = await ws.NextAsync(e => S(e.GetProperty("data").GetProperty("k"), "v") == "0.01000000");
            seen.Add(S(m, "stream"));
            Assert.Equal(S(m.GetProperty("data").GetProperty("k"), "i"), S(m, "stream").Split('_')[1].ToLowerInvariant());
        }
    }

    [Fact]
    public async Task Mini_ticker_and_ticker_streams_carry_the_24h_window()
    {
        await using var ws = await StreamSocket.ConnectAsync(_venue, "/stream?streams=btcusdt@spotMiniTicker/btcusdt@spotTicker");
        await TradeOnceAsync();

        var mini = (await ws.NextAsync(e => S(e, "stream") == "btcusdt@spotMiniTicker" && S(e.GetProperty("data"), "v") == "0.01000000")).GetProperty("data");
        Assert.Equal("24hrSpotMiniTicker", S(mini, "e"));
        Assert.Equal(T0, mini.GetProperty("E").GetInt64());
        Assert.Equal("BTCUSDT", S(mini, "s"));
        foreach (var f in new[] { "c", "h", "o", "l" }) Assert.Equal("30000.00000000", S(mini, f));
        Assert.Equal("300.00000000", S(mini, "q"));
        Assert.False(mini.TryGetProperty("m", out _)); // mark/index price only on contract tickers

        var ticker = (await ws.NextAsync(e => S(e, "stream") == "btcusdt@spotTicker" && S(e.GetProperty("data"), "v") == "0.01000000")).GetProperty("data");
        Assert.Equal("24hrSpotTicker", S(ticker, "e"));
        Assert.Equal("0.00000000", S(ticker, "p"));
        Assert.Equal("0.00000000", S(ticker, "P"));
        Assert.Equal("30000.00000000", S(ticker, "c"));
        Assert.Equal("300.00000000", S(ticker, "q"));
        Assert.Equal(T0 - 86_400_000, ticker.GetProperty("O").GetInt64());
        Assert.Equal(T0, ticker.GetProperty("C").GetInt64());

        // Same numbers as REST's 24h ticker.
        var rest = (await _venue.Alice().Public(HttpMethod.Get, "/api/v1/spot/ticker/24hr", "symbol=BTCUSDT")).Json;
        Assert.Equal(S(rest, "volume"), S(ticker, "v"));
        Assert.Equal(S(rest, "highPrice"), S(ticker, "h"));
    }

    [Fact]
    public async Task All_market_ticker_arrays_hold_the_symbols_that_traded()
    {
        await using var ws = await StreamSocket.ConnectAsync(_venue, "/stream?streams=!spotTicker@arr/!spotMiniTicker@arr");
        await TradeOnceAsync();
        var seen = new HashSet<string>();
        while (seen.Count < 2)
        {
            var m = await ws.NextAsync(_ => true);
            var data = m.GetProperty("data");
            var row = Assert.Single(data.EnumerateArray());
            Assert.Equal("BTCUSDT", S(row, "s"));
            Assert.Equal(S(m, "stream") == "!spotTicker@arr" ? "24hrSpotTicker" : "24hrSpotMiniTicker", S(row, "e"));
            seen.Add(S(m, "stream"));
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(20)]
    public async Task Partial_depth_streams_show_the_top_levels_as_REST_does(int levels)
    {
        await using var ws = await StreamSocket.ConnectAsync(_venue, $"/ws/btcusdt@spotDepth{levels}");
        await TradeOnceAsync();
        var m = await ws.NextAsync(e => e.GetProperty("asks")[0][1].GetString() == "0.49000000");
        var rest = (await _venue.Alice().Public(HttpMethod.Get, "/api/v1/spot/depth", $"symbol=BTCUSDT&limit={levels}")).Json;
        Assert.Equal(rest.GetProperty("lastUpdateId").GetInt64(), m.GetProperty("lastUpdateId").GetInt64());
        foreach (var side in new[] { "bids", "asks" })
        {
            var expected = rest.GetProperty(side).EnumerateArray().Select(l => (l[0].GetString(), l[1].GetString())).ToList();
            var actual = m.GetProperty(side).EnumerateArray().Select(l => (l[0].GetString(), l[1].GetString())).ToList();
            Assert.True(actual.Count <= levels);
            Assert.Equal(expected, actual);
            Assert.All(m.GetProperty(side).EnumerateArray(), l => Assert.Equal(2, l.GetArrayLength()));
        }
        Assert.Equal("30000.00000000", m.GetProperty("asks")[0][0].GetString());
        Assert.Equal("29990.00000000", m.GetProperty("bids")[0][0].GetString());
    }

    [Fact]
    public async Task Diff_depth_stream_carries_the_changed_level_and_the_version_REST_depth_reports()
    {
        await using var ws = await StreamSocket.ConnectAsync(_venue, "/ws/btcusdt@spotDepth");
        await TradeOnceAsync();
        var m = await ws.NextAsync(e => e.GetProperty("a").GetArrayLength() > 0);
        Assert.Equal("spotDepthUpdate", S(m, "e"));
        Assert.Equal("BTCUSDT", S(m, "s"));
        var change = Assert.Single(m.GetProperty("a").EnumerateArray());
        Assert.Equal("30000.00000000", change[0].GetString());
        Assert.Equal("0.49000000", change[1].GetString());
        Assert.Equal(0, m.GetProperty("b").GetArrayLength());
        var rest = (await _venue.Alice().Public(HttpMethod.Get, "/api/v1/spot/depth", "symbol=BTCUSDT")).Json;
        Assert.Equal(rest.GetProperty("lastUpdateId").GetInt64(), m.GetProperty("v").GetInt64());
        Assert.Equal(m.GetProperty("v").GetInt64(), m.GetProperty("U").GetInt64());
    }

    [Fact]
    public async Task Combined_streams_wrap_each_payload_with_its_stream_name()
    {
        await using var ws = await StreamSocket.ConnectAsync(_venue, "/stream?streams=BTCUSDT@spotTrade/ethbtc@spotDepth5");
        await TradeOnceAsync();
        var m = await ws.NextAsync(e => S(e, "stream") == "btcusdt@spotTrade");
        Assert.Equal(2, m.EnumerateObject().Count());
        Assert.Equal("30000.00000000", S(m.GetProperty("data")[0], "p"));
        var depth = await ws.NextAsync(e => S(e, "stream") == "ethbtc@spotDepth5");
        Assert.True(depth.GetProperty("data").GetProperty("bids").GetArrayLength() > 0);
    }

    [Fact]
    public async Task More_than_ten_streams_is_refused_with_a_documented_error()
    {
        string eleven = string.Join('/', "btcusdt@spotTrade", "btcusdt@spotDepth", "btcusdt@spotDepth5", "btcusdt@spotDepth10", "btcusdt@spotDepth20",
            "btcusdt@spotTicker", "btcusdt@spotMiniTicker", "ethbtc@spotTrade", "ethbtc@spotDepth", "ltcbtc@spotTrade", "jexbtc@spotTrade");
        var rest = await _venue.Alice().Public(HttpMethod.Get, "/stream", "streams=" + eleven);
        Assert.Equal(HttpStatusCode.BadRequest, rest.Status);
        Assert.Equal(-1101, rest.Code);

        var client = _venue.Server.CreateWebSocketClient();
        await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(new Uri("ws://localhost/stream?streams=" + eleven), CancellationToken.None));

        // Ten is fine.
        await using var ws = await StreamSocket.ConnectAsync(_venue, "/stream?streams=" + string.Join('/', eleven.Split('/').Take(10)));
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, ws.Socket.State);
    }

    [Theory]
    [InlineData("btcusdt@spotTrades", -1100)]
    [InlineData("btcusdt@spotDepth15", -1100)]
    [InlineData("btcusdt@spotKline_2H", -1100)]
    [InlineData("nosuch@spotTrade", -1121)]
    [InlineData("btcusdt@optionTrade", -1121)]
    [InlineData("notAListenKey", -1125)]
    public async Task Bad_stream_names_get_a_JEX_error(string name, int code)
    {
        var rest = await _venue.Alice().Public(HttpMethod.Get, "/ws/" + name);
        Assert.Equal(HttpStatusCode.BadRequest, rest.Status);
        Assert.Equal(code, rest.Code);
    }

    [Fact]
    public async Task A_plain_request_with_good_streams_is_told_to_upgrade()
    {
        var rest = await _venue.Alice().Public(HttpMethod.Get, "/ws/btcusdt@spotTrade");
        Assert.Equal(HttpStatusCode.BadRequest, rest.Status);
        Assert.Equal(-1020, rest.Code);
    }

    [Fact]
    public async Task Subscriptions_can_be_changed_and_listed_on_an_open_connection()
    {
        await using var ws = await StreamSocket.ConnectAsync(_venue, "/ws");
        await ws.SendAsync(new { method = "SUBSCRIBE", @params = new[] { "btcusdt@spotTrade", "ethbtc@spotDepth" }, id = 1 });
        var ok = (await ws.ReceiveAsync())!.Value;
        Assert.Equal(JsonValueKind.Null, ok.GetProperty("result").ValueKind);
        Assert.Equal(1, ok.GetProperty("id").GetInt64());

        await ws.SendAsync(new { method = "LIST_SUBSCRIPTIONS", id = 2 });
        var list = (await ws.ReceiveAsync())!.Value;
        Assert.Equal<string>(["btcusdt@spotTrade", "ethbtc@spotDepth"], list.GetProperty("result").EnumerateArray().Select(e => e.GetString()!).ToList());

        await TradeOnceAsync();
        var trades = await ws.NextAsync(e => e.ValueKind == JsonValueKind.Array);
        Assert.Equal("30000.00000000", S(trades[0], "p"));

        await ws.SendAsync(new { method = "UNSUBSCRIBE", @params = new[] { "btcusdt@spotTrade" }, id = 3 });
        Assert.Equal(3, (await ws.NextAsync(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("id", out _))).GetProperty("id").GetInt64());
        await ws.SendAsync(new { method = "LIST_SUBSCRIPTIONS", id = 4 });
        var after = await ws.NextAsync(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("id", out _));
        Assert.Equal<string>(["ethbtc@spotDepth"], after.GetProperty("result").EnumerateArray().Select(e => e.GetString()!).ToList());

        // Going over ten streams is refused and changes nothing.
        var many = new[] { "btcusdt@spotTrade", "btcusdt@spotDepth", "btcusdt@spotDepth5", "btcusdt@spotDepth10", "btcusdt@spotDepth20",
            "btcusdt@spotTicker", "btcusdt@spotMiniTicker", "ethbtc@spotTrade", "ltcbtc@spotTrade", "jexbtc@spotTrade" };
        await ws.SendAsync(new { method = "SUBSCRIBE", @params = many, id = 5 });
        var refused = await ws.NextAsync(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("id", out _));
        Assert.Equal(-1101, refused.GetProperty("error").GetProperty("code").GetInt32());
        await ws.SendAsync(new { method = "SUBSCRIBE", @params = new[] { "nosuch@spotTrade" }, id = 6 });
        var bad = await ws.NextAsync(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("id", out _));
        Assert.Equal(-1121, bad.GetProperty("error").GetProperty("code").GetInt32());
        await ws.SendAsync(new { method = "LIST_SUBSCRIPTIONS", id = 7 });
        var unchanged = await ws.NextAsync(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("id", out _));
        Assert.Equal<string>(["ethbtc@spotDepth"], unchanged.GetProperty("result").EnumerateArray().Select(e => e.GetString()!).ToList());

        await ws.SendAsync(new { method = "FLY", id = 8 });
        var unknown = await ws.NextAsync(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("id", out _));
        Assert.Equal(-1100, unknown.GetProperty("error").GetProperty("code").GetInt32());
    }
}
