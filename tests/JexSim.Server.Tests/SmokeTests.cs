using System.Net;
using JexSim.Server.Tests.Infrastructure;

namespace JexSim.Server.Tests;

public sealed class SmokeTests
{
    [Fact]
    public async Task A_signed_limit_buy_fills_against_the_demo_ladder()
    {
        using var venue = new JexSimFactory();
        var alice = venue.Alice();

        var placed = await alice.Signed(HttpMethod.Post, "/api/v1/spot/order",
            "symbol=btcusdt&side=BUY&type=LIMIT&quantity=0.01&price=30000&newOrderRespType=RESULT");

        Assert.Equal(HttpStatusCode.OK, placed.Status);
        Assert.Equal("FILLED", placed.Json.GetProperty("status").GetString());
        Assert.Equal("BTCUSDT", placed.Json.GetProperty("symbol").GetString());
        var trades = await alice.Public(HttpMethod.Get, "/api/v1/spot/trades", "symbol=BTCUSDT");
        var trade = Assert.Single(trades.Json.EnumerateArray());
        Assert.Equal("30000.00000000", trade.GetProperty("price").GetString());
        Assert.Equal(JexSimFactory.StartTime, trade.GetProperty("time").GetInt64());
    }
}
