using JexSim.Server.Tests.Infrastructure;

namespace JexSim.Server.Tests.Simulation;

/// <summary>The same fixture, seed and request script give the same trades.</summary>
public sealed class DeterminismTests
{
    /// <summary>A client script interleaved with clock advances on the lively default fixture; returns every trade.</summary>
    private static async Task<List<string>> Run(string fixture)
    {
        using var venue = new JexSimFactory(fixture);
        var admin = venue.Admin();
        var alice = venue.Alice();
        await admin.Advance(30_000);
        var placed = await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.05&price=29990");
        Assert.Equal(System.Net.HttpStatusCode.OK, placed.Status);
        await admin.Advance(60_000);
        await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=ETHUSDT&side=SELL&type=MARKET&quantity=0.2");
        await admin.Advance(90_000);
        // Spot and contract books alike (the agents trade the perpetuals too), by store key.
        return new[] { "BTCUSDT", "ETHUSDT", "contract:BTCUSDT", "contract:ETHUSDT" }.SelectMany(s => venue.AllTrades(s))
            .Select(t => $"{t.Id} {t.Symbol} {t.Time} {t.Price} {t.Quantity} {t.BuyerAccountId}->{t.SellerAccountId} {t.BuyerMaker}").ToList();
    }

    [Fact]
    public async Task Two_runs_with_the_same_seed_and_script_trade_identically()
    {
        var first = await Run("default.json");
        var second = await Run("default.json");

        Assert.True(first.Count > 20, $"the default fixture should trade on its own; got {first.Count} trades");
        Assert.Contains(first, t => t.Contains(" ETHUSDT "));
        Assert.Contains(first, t => t.Contains("contract:BTCUSDT"));
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Another_seed_gives_other_trades()
    {
        var dir = Path.Combine(Path.GetTempPath(), "jexsim-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var source = JexSimFactory.FixturePath("default.json");
            File.Copy(Path.Combine(Path.GetDirectoryName(source)!, "sample-ethusdt-trades.csv"), Path.Combine(dir, "sample-ethusdt-trades.csv"));
            var text = File.ReadAllText(source).Replace("\"seed\": 2026", "\"seed\": 7");
            var other = Path.Combine(dir, "other-seed.json");
            File.WriteAllText(other, text);

            Assert.NotEqual(await Run("default.json"), await Run(other));
        }
        finally { Directory.Delete(dir, true); }
    }
}
