using System.Globalization;
using System.Net;
using JexSim.Server.Tests.Infrastructure;

namespace JexSim.Server.Tests.Simulation;

/// <summary>What a strategy developer does: on the lively default fixture, with the virtual clock, orders fill as the price walks.</summary>
public sealed class StrategyTests
{
    [Fact]
    public async Task A_limit_buy_below_the_market_fills_within_minutes_of_virtual_time()
    {
        using var venue = new JexSimFactory("default.json");
        var admin = venue.Admin();
        var alice = venue.Alice();
        await admin.Advance(5_000); // the market maker has quoted around the reference price

        var depth = (await alice.Public(HttpMethod.Get, "/api/v1/spot/depth", "symbol=BTCUSDT&limit=5")).Json;
        decimal bestBid = decimal.Parse(depth.GetProperty("bids")[0][0].GetString()!, CultureInfo.InvariantCulture);
        decimal bestAsk = decimal.Parse(depth.GetProperty("asks")[0][0].GetString()!, CultureInfo.InvariantCulture);
        decimal limit = Math.Round((bestBid + bestAsk) / 2 * 0.998m, 2); // 0.2% below the market
        Assert.True(limit < bestBid);

        var placed = await alice.Signed(HttpMethod.Post, "/api/v1/spot/order",
            $"symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.01&price={limit.ToString(CultureInfo.InvariantCulture)}&newOrderRespType=RESULT");
        Assert.Equal(HttpStatusCode.OK, placed.Status);
        Assert.Equal("NEW", placed.Json.GetProperty("status").GetString());
        long orderId = placed.Json.GetProperty("orderId").GetInt64();

        const int maxSeconds = 1800;
        int waited = 0;
        string status = "NEW";
        while (waited < maxSeconds && status != "FILLED")
        {
            await admin.Advance(10_000);
            waited += 10;
            status = (await alice.Signed(HttpMethod.Get, "/api/v1/spot/order", $"symbol=BTCUSDT&orderId={orderId}")).Json.GetProperty("status").GetString()!;
        }

        Assert.True(status == "FILLED", $"still {status} after {waited} virtual seconds");
        var fills = venue.AllTrades("BTCUSDT").Where(t => t.BuyOrderId == orderId).ToList();
        Assert.Equal(1_000_000, fills.Sum(t => t.Quantity)); // 0.01 BTC in all
        Assert.All(fills, t => Assert.True(t.Price <= (long)(limit * 100_000_000m), "a buy never fills above its limit"));
        Assert.All(fills, t => Assert.True(t.Time > JexSimFactory.StartTime + 5_000, "it filled later, in virtual time, as the price walked down to it"));
    }
}
