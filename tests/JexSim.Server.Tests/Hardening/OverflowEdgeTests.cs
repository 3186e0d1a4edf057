using System.Net;
using JexSim.Persistence;
using JexSim.Server.Tests.Infrastructure;
using JexSim.Server.Tests.Spot;
using JexSim.Server.Tests.Simulation;
using Microsoft.Data.Sqlite;

namespace JexSim.Server.Tests.Hardening;

/// <summary>Money-safe edges: credits bounded by the venue's balance limit, volumes that saturate, no REAL in candles.</summary>
public sealed class OverflowEdgeTests
{
    private const string Limit = "92233720368 (the venue's balance limit)";

    [Fact]
    public async Task Credits_past_the_balance_limit_are_refused_naming_the_limit_and_change_nothing()
    {
        using var venue = new JexSimFactory();
        var admin = venue.Admin();
        long before = await Ledger.Supply(venue, "USDT");

        var max = await admin.Post("/accounts/1/balances", new { asset = "USDT", amount = "92233720368.54775807" });
        Assert.Equal(HttpStatusCode.BadRequest, max.Status);
        Assert.Equal("amount", max.Field());
        Assert.Contains(Limit, max.Msg);
        var beyond = await admin.Post("/accounts/1/balances", new { asset = "USDT", amount = "99999999999999" });
        Assert.Contains(Limit, beyond.Msg);
        var create = await admin.Post("/accounts", new { balances = new Dictionary<string, string> { ["BTC"] = "92233720368" } });
        Assert.Equal(HttpStatusCode.BadRequest, create.Status);
        Assert.Contains(Limit, create.Msg);
        Assert.Equal(before, await Ledger.Supply(venue, "USDT"));

        // Up to the limit is fine; one unit more is not, and the message says how much room is left.
        long room = BalanceLimitScaled - before;
        await admin.Ok(HttpMethod.Post, "/accounts/1/balances", new { asset = "USDT", amount = Format(room) });
        var over = await admin.Post("/accounts/2/balances", new { asset = "USDT", amount = "0.00000001" });
        Assert.Equal("amount", over.Field());
        Assert.Contains("at most 0.00000000 more", over.Msg);

        // A trade with the whole supply on one side still settles: the IOC sell that lost BTC before now fills or not, whole.
        var sell = await venue.Bob().Signed(HttpMethod.Post, SpotApi.Order, "symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=IOC&quantity=1&price=29990&newOrderRespType=RESULT");
        Assert.Equal(HttpStatusCode.OK, sell.Status);
        var buy = await venue.Alice().Signed(HttpMethod.Post, SpotApi.Order, "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.5&newOrderRespType=RESULT");
        Assert.Equal(HttpStatusCode.OK, buy.Status);
        Assert.Equal(BalanceLimitScaled, await Ledger.Supply(venue, "USDT"));
        await Ledger.AssertHolds(venue);
    }

    private const long BalanceLimitScaled = 92_233_720_368L * 100_000_000;

    private static string Format(long scaled) => (scaled / 100_000_000m).ToString("0.########", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Volumes_saturate_instead_of_wrapping()
    {
        Assert.Equal(long.MaxValue, Volume.Add(long.MaxValue - 1, 2));
        Assert.Equal(long.MaxValue, Volume.Add(long.MaxValue, long.MaxValue));
        Assert.Equal(3, Volume.Add(1, 2));
    }

    [Fact]
    public void Candle_volumes_summed_past_the_range_stay_integers_at_the_maximum()
    {
        var dir = Directory.CreateTempSubdirectory("jexsim-candles");
        try
        {
            using (var store = new SqliteStoreWriter(Path.Combine(dir.FullName, "c.db"), JexSim.Persistence.Durability.None))
            {
                for (int i = 0; i < 3; i++)
                {
                    var batch = new CommitBatch();
                    batch.Trades.Add(new TradeRecord(i + 1, "BTCUSDT", 100, long.MaxValue / 2, long.MaxValue / 2, 60_000 + i, 1, 2, 1, 2, false, 0, 0));
                    store.Commit(batch);
                }
                using var reader = new SqliteStoreReader(store.Path);
                var candle = Assert.Single(reader.Candles("BTCUSDT", 0, 120_000));
                Assert.Equal((long.MaxValue, long.MaxValue, 3L), (candle.Volume, candle.QuoteVolume, candle.Trades));
            }
            using var c = new SqliteConnection($"Data Source={Path.Combine(dir.FullName, "c.db")};Pooling=False");
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT typeof(volume) FROM candles_1m";
            Assert.Equal("integer", cmd.ExecuteScalar());
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public async Task A_REAL_left_in_candles_1m_by_an_older_version_does_not_break_the_ticker()
    {
        using var first = new JexSimFactory();
        await first.Alice().PlaceResult("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.1");
        var path = first.DatabasePath;
        using var venue = first.Restart();
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE candles_1m SET volume = 1.5e19, quote_volume = 2e19";
            Assert.Equal(1, cmd.ExecuteNonQuery());
        }
        var all = await venue.Alice().Public(HttpMethod.Get, "/api/v1/spot/ticker/24hr");
        Assert.Equal(HttpStatusCode.OK, all.Status);
        var btc = await venue.Alice().Public(HttpMethod.Get, "/api/v1/spot/ticker/24hr", "symbol=BTCUSDT");
        Assert.Equal("92233720368.54775807", btc.Json.GetProperty("volume").GetString());
        var klines = await venue.Alice().Public(HttpMethod.Get, "/api/v1/spot/klines", "symbol=BTCUSDT&interval=1h");
        Assert.Equal(HttpStatusCode.OK, klines.Status);
    }
}
