using System.Net;
using System.Text.Json;
using JexSim.Server.Tests.Infrastructure;

namespace JexSim.Server.Tests.Spot;

/// <summary>GET /api/v1/spot/trades and /historicalTrades over three trades made at known times.</summary>
public sealed class TradesTests(TradesTests.ThreeTrades venue) : IClassFixture<TradesTests.ThreeTrades>
{
    private const long T0 = JexSimFactory.StartTime;

    /// <summary>
    /// At T0 alice buys 0.6 BTC up to 30010 (fills 0.5 at 30000 and 0.1 at 30010, buyer taker);
    /// at T0+1s she sells 0.2 at 29990 into bob's bid (buyer maker).
    /// </summary>
    public sealed class ThreeTrades : IAsyncLifetime
    {
        public JexSimFactory Venue { get; } = new();

        public async Task InitializeAsync()
        {
            var alice = Venue.Alice();
            await alice.PlaceResult("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.6&price=30010");
            Venue.Clock.Advance(TimeSpan.FromSeconds(1));
            await alice.PlaceResult("symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=0.2&price=29990");
        }

        public Task DisposeAsync()
        {
            Venue.Dispose();
            return Task.CompletedTask;
        }
    }

    private static readonly (string Price, string Qty, long Time)[] All =
    [
        ("30000.00000000", "0.50000000", T0),
        ("30010.00000000", "0.10000000", T0),
        ("29990.00000000", "0.20000000", T0 + 1000),
    ];

    [Theory]
    [InlineData("symbol=BTCUSDT", 0, 3)]
    [InlineData("symbol=btcusdt", 0, 3)]
    [InlineData("symbol=BTCUSDT&limit=60", 0, 3)]
    [InlineData("symbol=BTCUSDT&limit=2", 1, 2)]
    [InlineData("symbol=BTCUSDT&limit=1", 2, 1)]
    public async Task Recent_trades_are_the_newest_oldest_first(string query, int skip, int count)
    {
        var trades = await venue.Venue.Alice().Get("/api/v1/spot/trades", query);
        var rows = trades.EnumerateArray().ToArray();
        foreach (var t in rows) SpotApi.AssertShape(t, ("price", 's'), ("qty", 's'), ("time", 'n'));
        Assert.Equal(All.Skip(skip).Take(count).ToArray(), rows.Select(t => (t.Str("price"), t.Str("qty"), t.Num("time"))).ToArray());
    }

    [Fact]
    public async Task A_symbol_without_trades_has_an_empty_list()
    {
        var trades = await venue.Venue.Alice().Get("/api/v1/spot/trades", "symbol=ETHUSDT");
        Assert.Equal(JsonValueKind.Array, trades.ValueKind);
        Assert.Empty(trades.EnumerateArray());
    }

    [Theory]
    [InlineData("symbol=BTCUSDT", new long[] { 1, 2, 3 })]
    [InlineData("symbol=ltcbtc", new long[0])]
    [InlineData("symbol=BTCUSDT&limit=2", new long[] { 2, 3 })]
    [InlineData("symbol=BTCUSDT&fromId=2", new long[] { 2, 3 })]
    [InlineData("symbol=BTCUSDT&fromId=1&limit=2", new long[] { 1, 2 })]
    [InlineData("symbol=BTCUSDT&fromId=3&limit=500", new long[] { 3 })]
    [InlineData("symbol=BTCUSDT&fromId=4", new long[0])]
    public async Task Historical_trades_need_an_api_key_and_page_by_id(string query, long[] ids)
    {
        var trades = (await venue.Venue.Alice().Public(HttpMethod.Get, "/api/v1/spot/historicalTrades", query, withKey: true)).Ok();
        var rows = trades.EnumerateArray().ToArray();
        foreach (var t in rows) SpotApi.AssertShape(t, ("id", 's'), ("price", 's'), ("qty", 's'), ("time", 'n'), ("buyerMaker", 'b'));
        Assert.Equal(ids.Select(i => i.ToString()).ToArray(), rows.Select(t => t.Str("id")).ToArray());
        foreach (var t in rows)
        {
            var expected = All[long.Parse(t.Str("id")) - 1];
            Assert.Equal(expected, (t.Str("price"), t.Str("qty"), t.Num("time")));
            Assert.Equal(t.Str("id") == "3", t.GetProperty("buyerMaker").GetBoolean());
        }
    }

    [Fact]
    public async Task Historical_trades_without_an_api_key_are_refused()
    {
        var refused = await venue.Venue.Alice().Public(HttpMethod.Get, "/api/v1/spot/historicalTrades", "symbol=BTCUSDT");
        refused.AssertError(HttpStatusCode.Unauthorized, -2014, "API-key format invalid.");
    }
}
