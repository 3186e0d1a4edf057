using JexSim.Engine;
using JexSim.Engine.Markets;
using JexSim.Engine.Markets.Option;
using JexSim.Server.Fixtures;
using JexSim.Server.Tests.Infrastructure;

namespace JexSim.Server.Tests.Simulation;

/// <summary>optionSymbols and releases: loaded into the option market, or refused naming the field at fault.</summary>
public sealed class OptionFixtureTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "jexsim-tests", Guid.NewGuid().ToString("N"));

    public OptionFixtureTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private const string Call = """
        { "symbol": "BTCCALL", "type": "CALL", "underlying": "BTCUSDT", "strike": "32000", "exertionTime": "2026-02-01T08:00:00Z",
          "baseAsset": "BTCCALL", "quoteAsset": "USDT", "tickSize": "0.01", "maxPrice": "100000", "stepSize": "1", "maxQty": "100000",
          "releaseOption": { "convertRatio": "0.1", "assetMarginName": "BTC", "rateMargin": "0.1", "rateBase": "1", "assetBaseName": "JEX" } }
        """;

    private string Fixture(string option = Call, string releases = """[ { "account": 1, "symbol": "BTCCALL", "amount": "10" } ]""", string balances = """{ "BTC": "10", "JEX": "100" }""")
    {
        var path = Path.Combine(_dir, "options.json");
        File.WriteAllText(path, $$"""
            {
              "name": "options",
              "spotSymbols": [
                { "symbol": "BTCUSDT", "baseAsset": "BTC", "quoteAsset": "USDT", "tickSize": "0.01", "maxPrice": "1000000",
                  "stepSize": "0.000001", "maxQty": "9000" }
              ],
              "optionSymbols": [
                {{option}}
              ],
              "accounts": [ { "id": 1, "apiKey": "k1", "secretKey": "s1", "balances": {{balances}} } ],
              "releases": {{releases}},
              "orders": [ { "account": 1, "symbol": "BTCCALL", "side": "SELL", "price": "150", "quantity": "10" } ]
            }
            """);
        return path;
    }

    [Fact]
    public void An_option_loads_with_its_terms()
    {
        var tables = FixtureLoader.BuildTables(FixtureLoader.Load(Fixture()));
        var call = tables.Symbols.Single(s => s.Name == "BTCCALL");
        Assert.Equal(MarketType.Option, call.Market);
        Assert.Equal("BTCCALL", call.Base.Name);
        var o = call.Option!;
        Assert.Equal((OptionKind.Call, "BTCUSDT", FixedPoint.FromDecimal(32000m), DateTimeOffset.Parse("2026-02-01T08:00:00Z").ToUnixTimeMilliseconds()),
            (o.Kind, o.Underlying.Name, o.Strike, o.ExertionTime));
        Assert.Equal((FixedPoint.FromDecimal(0.01m), FixedPoint.FromDecimal(1m), "BTC", "JEX"),
            (o.Release!.MarginPerToken, o.Release.BasePerToken, o.Release.MarginAsset.Name, o.Release.BaseAsset.Name));
    }

    [Theory]
    [InlineData("\"type\": \"CALL\"", "\"type\": \"LONG\"", "$.optionSymbols[0].type", "CALL or PUT")]
    [InlineData("\"underlying\": \"BTCUSDT\"", "\"underlying\": \"ETHUSDT\"", "$.optionSymbols[0].underlying", "unknown underlying 'ETHUSDT'")]
    [InlineData("\"strike\": \"32000\"", "\"strike\": \"0\"", "$.optionSymbols[0].strike", "greater than 0")]
    [InlineData("\"baseAsset\": \"BTCCALL\"", "\"baseAsset\": \"BTC\"", "$.optionSymbols[0].baseAsset", "own token asset")]
    [InlineData("\"stepSize\": \"1\"", "\"stepSize\": \"0.5\"", "$.optionSymbols[0].stepSize", "whole")]
    [InlineData("\"assetMarginName\": \"BTC\"", "\"assetMarginName\": \"JEX\"", "$.optionSymbols[0].releaseOption.assetMarginName", "underlying's base (BTC) or quote (USDT)")]
    [InlineData("\"rateMargin\": \"0.1\"", "\"rateMargin\": \"0.123456789\"", "$.optionSymbols[0].releaseOption.rateMargin", "at most 8 decimals")]
    [InlineData("\"convertRatio\": \"0.1\"", "\"convertRatio\": \"0\"", "$.optionSymbols[0].releaseOption.convertRatio", "greater than 0")]
    public void A_bad_option_is_refused_naming_the_field(string from, string to, string path, string message)
    {
        var e = Assert.Throws<FixtureException>(() => FixtureLoader.Load(Fixture(Call.Replace(from, to))));
        Assert.Contains(path, e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Releases_and_token_balances_are_checked()
    {
        var e = Assert.Throws<FixtureException>(() => FixtureLoader.Load(Fixture(releases: """[ { "account": 1, "symbol": "BTCUSDT", "amount": "1" } ]""")));
        Assert.Contains("$.releases[0].symbol", e.Message);
        e = Assert.Throws<FixtureException>(() => FixtureLoader.Load(Fixture(releases: """[ { "account": 1, "symbol": "BTCCALL", "amount": "1.5" } ]""")));
        Assert.Contains("$.releases[0].amount", e.Message);
        e = Assert.Throws<FixtureException>(() => FixtureLoader.Load(Fixture(balances: """{ "BTC": "1", "BTCCALL": "5" }""")));
        Assert.Contains("$.accounts[0].balances.BTCCALL", e.Message);
        Assert.Contains("option token", e.Message);
    }

    [Fact]
    public async Task A_venue_seeds_the_releases_before_the_orders_that_sell_the_tokens()
    {
        using var venue = new JexSimFactory(Fixture());
        venue.CreateClient();
        var core = venue.Venue().Sequencer;
        var (tokens, locked, problems) = await core.Inspect(c => (c.Balance(1, c.FindSymbol("BTCCALL")!.Base.Id).Locked, c.Balance(1, 0).Locked, c.CheckInvariants()));
        Assert.Equal(FixedPoint.FromDecimal(10m), tokens); // all ten on the book
        Assert.Equal(FixedPoint.FromDecimal(0.1m), locked); // 10 x 0.1 x 0.1 BTC of margin
        Assert.Empty(problems);
    }
}
