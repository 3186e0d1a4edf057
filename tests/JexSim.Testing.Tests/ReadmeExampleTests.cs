// README "Use from .NET tests" shows this file's test as it is: keep the two identical (ReadmeExampleMatchesThisFile checks).
using System.Text.Json;
using JexSim.Testing;

public class MyClientTests
{
    [Fact]
    public async Task Alice_buys_from_bobs_ladder_and_the_report_is_clean()
    {
        await using var venue = await JexSimVenue.StartAsync(o => o.Fixture = "quiet");
        var alice = venue.Account("alice");
        using var client = venue.ClientFor(alice);

        // bob's ladder on the quiet fixture offers 0.5 BTC at 30000.
        JsonElement order = await client.PlaceLimitOrderAsync("BTCUSDT", "BUY", 0.01m, 30000m);
        Assert.Equal("FILLED", order.GetProperty("status").GetString());

        // A minute later the candle of that trade is closed.
        await venue.AdvanceClockAsync(TimeSpan.FromMinutes(1));
        var klines = await client.GetAsync("/api/v1/spot/klines", [new("symbol", "BTCUSDT"), new("interval", "1m")]);
        Assert.Equal("30000.00000000", klines[0][4].GetString()); // close

        // What the venue saw of this client since the last reset: no errors, orders well under the limit.
        var report = await venue.ReportAsync(alice.ApiKey);
        Assert.Equal(0, report.GetProperty("rejected").GetInt32());
        Assert.Equal(1, report.GetProperty("rateLimits").GetProperty("orders").GetProperty("peak").GetInt32());
    }
}
