using System.Diagnostics;
using JexSim.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace JexSim.Server.Tests.Simulation;

/// <summary>
/// How long POST /admin/v1/reset takes to put the default fixture back after some trading: a measurement, not a timed
/// test (it asserts only that each reset worked). Run it with
/// <c>dotnet test tests/JexSim.Server.Tests --filter "Category=Benchmark" --logger "console;verbosity=detailed"</c>.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class ResetBenchmark(ITestOutputHelper output)
{
    [Theory]
    [InlineData("Full")]
    [InlineData("Normal")]
    public async Task Reset_to_the_default_fixture(string durability)
    {
        using var venue = new JexSimFactory("default.json", new() { ["JexSim:Durability"] = durability });
        var admin = venue.Admin();
        const int runs = 30;
        var roundTrips = new List<double>();
        var server = new List<double>();
        for (int i = 0; i < runs + 3; i++)
        {
            await admin.Advance(60_000); // a minute of agent trading to undo
            await venue.Alice().Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.01");
            Assert.NotEmpty(venue.AllTrades("BTCUSDT"));

            var watch = Stopwatch.StartNew();
            var reset = await admin.Ok(HttpMethod.Post, "/reset");
            watch.Stop();

            Assert.Empty(venue.AllTrades("BTCUSDT"));
            Assert.Equal(JexSimFactory.StartTime, await admin.Now());
            if (i < 3) continue; // warm-up
            roundTrips.Add(watch.Elapsed.TotalMilliseconds);
            server.Add(reset.Json.GetProperty("elapsedMs").GetDouble());
        }
        roundTrips.Sort();
        server.Sort();
        output.WriteLine($"reset, Durability={durability}, {runs} runs: round trip median {roundTrips[runs / 2]:F1} ms, p90 {roundTrips[runs * 9 / 10]:F1} ms, " +
                         $"max {roundTrips[^1]:F1} ms; server side median {server[runs / 2]:F1} ms");
    }
}
