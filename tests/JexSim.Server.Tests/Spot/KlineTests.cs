using System.Net;
using System.Text.Json;
using JexSim.Server.Tests.Infrastructure;

namespace JexSim.Server.Tests.Spot;

/// <summary>
/// GET /api/v1/spot/klines, built from five BTCUSDT trades placed at known virtual times
/// (T0 = 2026-01-01T00:00Z, a Thursday and a 3-day boundary since the epoch; its week opened on Monday 2025-12-29):
/// A T0+10s buy 0.1@30000 · B T0+30s sell 0.2@29990 · C T0+2m05s buy 0.3@30000 · D T0+1h30m sell 0.1@29990 · E T0+5d12h buy 0.1@30000.
/// Buys are taker buys, sells hit bob's bid (buyer maker). The clock then stands at T0+10d.
/// </summary>
public sealed class KlineTests(KlineTests.FiveTrades venue) : IClassFixture<KlineTests.FiveTrades>
{
    private const long T0 = JexSimFactory.StartTime;
    private const long Minute = 60_000, Hour = 60 * Minute, Day = 24 * Hour;
    private const long Week0 = T0 - 3 * Day; // Monday 2025-12-29

    public sealed class FiveTrades : IAsyncLifetime
    {
        public JexSimFactory Venue { get; } = new();

        public async Task InitializeAsync()
        {
            var alice = Venue.Alice();
            async Task At(long time, string side, string quantity, string price)
            {
                Venue.Clock.SetVirtual(time);
                var placed = await alice.PlaceResult($"symbol=BTCUSDT&side={side}&type=LIMIT&timeInForce=GTC&quantity={quantity}&price={price}");
                Assert.Equal("FILLED", placed.Str("status"));
            }
            await At(T0 + 10_000, "BUY", "0.1", "30000");
            await At(T0 + 30_000, "SELL", "0.2", "29990");
            await At(T0 + 2 * Minute + 5_000, "BUY", "0.3", "30000");
            await At(T0 + Hour + 30 * Minute, "SELL", "0.1", "29990");
            await At(T0 + 5 * Day + 12 * Hour, "BUY", "0.1", "30000");
            Venue.Clock.SetVirtual(T0 + 10 * Day);
        }

        public Task DisposeAsync()
        {
            Venue.Dispose();
            return Task.CompletedTask;
        }
    }

    public readonly record struct Kline(long OpenTime, string Open, string High, string Low, string Close, string Volume,
        long CloseTime, string QuoteVolume, long Trades, string TakerBuyVolume, string TakerBuyQuoteVolume);

    private static Kline Flat(long openTime, long ms, string price) =>
        new(openTime, price, price, price, price, "0.00000000", openTime + ms - 1, "0.00000000", 0, "0.00000000", "0.00000000");

    private static Kline AB(long ms) => new(T0, "30000.00000000", "30000.00000000", "29990.00000000", "29990.00000000", "0.30000000",
        T0 + ms - 1, "8998.00000000", 2, "0.10000000", "3000.00000000");

    private static Kline ABC(long ms) => new(T0, "30000.00000000", "30000.00000000", "29990.00000000", "30000.00000000", "0.60000000",
        T0 + ms - 1, "17998.00000000", 3, "0.40000000", "12000.00000000");

    private static Kline ABCD(long open, long ms) => new(open, "30000.00000000", "30000.00000000", "29990.00000000", "29990.00000000", "0.70000000",
        open + ms - 1, "20997.00000000", 4, "0.40000000", "12000.00000000");

    private static Kline E(long open, long ms) => new(open, "30000.00000000", "30000.00000000", "30000.00000000", "30000.00000000", "0.10000000",
        open + ms - 1, "3000.00000000", 1, "0.10000000", "3000.00000000");

    public static TheoryData<string, long, long> Intervals => new()
    {
        // interval, interval length, open time of the bucket holding trade A
        { "1m", Minute, T0 }, { "3m", 3 * Minute, T0 }, { "5m", 5 * Minute, T0 }, { "15m", 15 * Minute, T0 }, { "30m", 30 * Minute, T0 },
        { "1h", Hour, T0 }, { "2h", 2 * Hour, T0 }, { "4h", 4 * Hour, T0 }, { "6h", 6 * Hour, T0 }, { "12h", 12 * Hour, T0 },
        { "1d", Day, T0 }, { "3d", 3 * Day, T0 }, { "1w", 7 * Day, Week0 },
    };

    [Theory]
    [MemberData(nameof(Intervals))]
    public async Task The_first_bucket_of_every_interval_aggregates_its_trades(string interval, long ms, long open)
    {
        var klines = await Klines($"symbol=btcusdt&interval={interval}&startTime={open}&limit=1");
        var expected = ms switch
        {
            Minute => AB(ms),
            < 2 * Hour => ABC(ms),
            _ => ABCD(open, ms),
        };
        Assert.Equal([expected], klines);
    }

    [Fact]
    public async Task Minutes_without_trades_after_the_first_trade_are_flat_at_the_previous_close()
    {
        var klines = await Klines($"symbol=BTCUSDT&interval=1m&startTime={T0}&endTime={T0 + 2 * Minute}");
        Assert.Equal([AB(Minute), Flat(T0 + Minute, Minute, "29990.00000000"),
            new Kline(T0 + 2 * Minute, "30000.00000000", "30000.00000000", "30000.00000000", "30000.00000000", "0.30000000",
                T0 + 3 * Minute - 1, "9000.00000000", 1, "0.30000000", "9000.00000000")], klines);
    }

    [Theory]
    // T0 = 1767225600000; the first three 1m klines are [T0: A+B, T0+1m: flat, T0+2m: C].
    [InlineData("startTime=1767225600000&endTime=1767225659999", new[] { 0 }, 1)]          // endTime inside the first minute
    [InlineData("startTime=1767225600000&endTime=1767225720000&limit=2", new[] { 0, 1 }, 2)] // the oldest two from startTime
    [InlineData("endTime=1767225720000&limit=2", new[] { 1, 2 }, 2)]                        // without startTime: the newest two up to endTime
    [InlineData("startTime=1767225600001", new[] { 1, 2 }, 500)]                             // first open time at or after startTime; default limit 500
    public async Task StartTime_endTime_and_limit_select_open_times(string window, int[] firstOnes, int count)
    {
        var all = await Klines($"symbol=BTCUSDT&interval=1m&startTime={T0}&endTime={T0 + 2 * Minute}");
        var klines = await Klines($"symbol=BTCUSDT&interval=1m&{window}");
        Assert.Equal(count, klines.Length);
        Assert.Equal(firstOnes.Select(i => all[i]).ToArray(), klines[..firstOnes.Length]);
    }

    [Fact]
    public async Task Recent_weekly_klines_open_on_mondays()
    {
        const long week = 7 * Day;
        Assert.Equal([ABCD(Week0, week), E(Week0 + week, week)], await Klines("symbol=BTCUSDT&interval=1w"));
    }

    [Fact]
    public async Task Recent_three_day_klines_run_to_the_current_bucket()
    {
        const long d3 = 3 * Day;
        Assert.Equal([ABCD(T0, d3), E(T0 + d3, d3), Flat(T0 + 2 * d3, d3, "30000.00000000"), Flat(T0 + 3 * d3, d3, "30000.00000000")],
            await Klines("symbol=BTCUSDT&interval=3d"));
    }

    [Fact]
    public async Task Recent_daily_klines_with_a_limit_are_the_newest()
    {
        var all = await Klines("symbol=BTCUSDT&interval=1d");
        Kline[] expected =
        [
            ABCD(T0, Day),
            .. Enumerable.Range(1, 4).Select(d => Flat(T0 + d * Day, Day, "29990.00000000")),
            E(T0 + 5 * Day, Day),
            .. Enumerable.Range(6, 5).Select(d => Flat(T0 + d * Day, Day, "30000.00000000")),
        ];
        Assert.Equal(expected, all);
        Assert.Equal(expected[^3..], await Klines("symbol=BTCUSDT&interval=1d&limit=3"));
        Assert.Equal(expected[4..6], await Klines($"symbol=BTCUSDT&interval=1d&startTime={T0 + 4 * Day}&limit=2"));
    }

    [Fact]
    public async Task A_symbol_without_trades_and_a_window_before_the_first_trade_have_no_klines()
    {
        Assert.Empty(await Klines("symbol=ETHUSDT&interval=1m"));
        Assert.Empty(await Klines($"symbol=BTCUSDT&interval=1h&endTime={T0 - 1}"));
    }

    [Theory]
    [InlineData("symbol=BTCUSDT&interval=2w", -1120, "Invalid interval.")]
    [InlineData("symbol=BTCUSDT&interval=1M", -1120, "Invalid interval.")]
    [InlineData("symbol=BTCUSDT", -1102, "Mandatory parameter 'interval' was not sent, was empty/null, or malformed.")]
    [InlineData("symbol=BTCUSDT&interval=1m&limit=1001", -1100, "Illegal characters found in parameter 'limit'; legal range is '1 - 1000'.")]
    [InlineData("symbol=BTCUSDT&interval=1m&startTime=2000&endTime=1000", -1127, "endTime befor startTime")]
    [InlineData("symbol=XRPUSDT&interval=1m", -1121, "Invalid symbol.")]
    public async Task Bad_kline_requests_get_the_spec_errors(string query, int code, string msg)
    {
        var refused = await venue.Venue.Alice().Public(HttpMethod.Get, "/api/v1/spot/klines", query);
        refused.AssertError(HttpStatusCode.BadRequest, code, msg);
    }

    private async Task<Kline[]> Klines(string query)
    {
        var rows = await venue.Venue.Alice().Get("/api/v1/spot/klines", query);
        return rows.EnumerateArray().Select(Parse).ToArray();
    }

    private static Kline Parse(JsonElement row)
    {
        var c = row.EnumerateArray().ToArray();
        Assert.Equal(12, c.Length);
        var kinds = c.Select(x => x.ValueKind).ToArray();
        var n = JsonValueKind.Number; var s = JsonValueKind.String;
        Assert.Equal([n, s, s, s, s, s, n, s, n, s, s, s], kinds);
        Assert.Equal("0", c[11].GetString());
        return new Kline(c[0].GetInt64(), c[1].GetString()!, c[2].GetString()!, c[3].GetString()!, c[4].GetString()!, c[5].GetString()!,
            c[6].GetInt64(), c[7].GetString()!, c[8].GetInt64(), c[9].GetString()!, c[10].GetString()!);
    }
}
