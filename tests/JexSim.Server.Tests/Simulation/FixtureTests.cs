using JexSim.Engine;
using JexSim.Engine.Markets;
using JexSim.Server.Fixtures;
using JexSim.Server.Simulation;
using JexSim.Server.Tests.Infrastructure;

namespace JexSim.Server.Tests.Simulation;

public sealed class FixtureTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "jexsim-tests", Guid.NewGuid().ToString("N"));

    public FixtureTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Shipped_fixtures_load_and_quiet_has_defaults_symbols_and_demo_accounts_without_activity()
    {
        var lively = FixtureLoader.Load(JexSimFactory.FixturePath("default.json"));
        var quiet = FixtureLoader.Load(JexSimFactory.FixturePath("quiet.json"));

        Assert.NotEmpty(lively.Feeds);
        Assert.NotEmpty(lively.Agents);
        Assert.Empty(quiet.Feeds);
        Assert.Empty(quiet.Agents);
        Assert.Equal(lively.SpotSymbols, quiet.SpotSymbols);
        // The same spot and option ladders (in the same order, so the same ids), options and releases.
        Assert.Equal(lively.Orders, quiet.Orders);
        Assert.Contains(quiet.Orders, o => o.Symbol == "BTCCALLM");
        Assert.Contains(quiet.Orders, o => o.Symbol == "BTCPUTM");
        Assert.Equal(lively.OptionSymbols.Select(o => o.Symbol), quiet.OptionSymbols.Select(o => o.Symbol));
        Assert.Equal(lively.Releases, quiet.Releases);
        Assert.Equal(lively.Seed, quiet.Seed);
        Assert.Equal(lively.StartTime, quiet.StartTime);
        foreach (var demo in quiet.Accounts) Assert.Contains(lively.Accounts, a => a.Id == demo.Id && a.ApiKey == demo.ApiKey && a.SecretKey == demo.SecretKey);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(JexSimFactory.FixturePath("default.json"))!, "fixture.schema.json")));
    }

    [Theory]
    [InlineData("\"agents\": [{ \"type\": \"marketMaker\", \"symbol\": \"DOGEUSDT\", \"account\": 1, \"quantity\": \"1\" }]", "$.agents[0].symbol", 11)]
    [InlineData("\"agents\": [{ \"type\": \"marketMaker\", \"symbol\": \"BTCUSDT\", \"account\": 1, \"quantity\": \"1\" },\n  { \"type\": \"sniper\", \"symbol\": \"BTCUSDT\", \"account\": 1 }]", "$.agents[1].type", 12)]
    [InlineData("\"agents\": [{ \"type\": \"noiseTaker\", \"symbol\": \"BTCUSDT\", \"account\": 9, \"minQuantity\": \"1\", \"maxQuantity\": \"2\" }]", "$.agents[0].account", 11)]
    [InlineData("\"feeds\": [{ \"symbol\": \"BTCUSDT\", \"type\": \"randomWalk\" }]", "$.feeds[0].startPrice", 11)]
    [InlineData("\"feeds\": [{ \"symbol\": \"BTCUSDT\", \"type\": \"replay\", \"file\": \"missing.csv\" }]", "$.feeds[0].file", 11)]
    [InlineData("\"orders\": [{ \"account\": 1, \"symbol\": \"BTCUSDT\", \"side\": \"HOLD\", \"price\": \"1\", \"quantity\": \"1\" }]", "$.orders[0].side", 11)]
    public void A_bad_fixture_names_the_field_and_the_line(string section, string path, int line)
    {
        var file = Write("bad.json", $$"""
            {
              "name": "bad",
              "seed": 1,
              "spotSymbols": [
                { "symbol": "BTCUSDT", "baseAsset": "BTC", "quoteAsset": "USDT", "tickSize": "0.01", "maxPrice": "1000000",
                  "stepSize": "0.000001", "maxQty": "9000" }
              ],
              "accounts": [
                { "id": 1, "apiKey": "k1", "secretKey": "s1", "balances": { "USDT": "100" } }
              ],
              {{section}}
            }
            """);
        var e = Assert.Throws<FixtureException>(() => FixtureLoader.Load(file));
        Assert.Contains(path, e.Message);
        Assert.Contains($"(line {line})", e.Message);
    }

    [Fact]
    public void A_server_on_a_contract_without_a_reference_price_refuses_to_start_naming_the_field()
    {
        using var venue = new JexSimFactory(Write("derivatives.json", DerivativesFixture("contractSymbols")));
        var e = Assert.ThrowsAny<Exception>(() => venue.CreateClient());
        var refusal = Assert.IsType<FixtureException>(e is FixtureException ? e : e.GetBaseException());
        Assert.Contains("$.contractSymbols[0].referencePrice", refusal.Message);
        Assert.Contains("must be greater than 0", refusal.Message);
    }

    [Theory]
    [InlineData("\"referencePrice\": \"30000\", \"maintenanceMarginRate\": \"0.02\"", "$.contractSymbols[0].maintenanceMarginRate", "below 1 / maxLeverage")]
    [InlineData("\"referencePrice\": \"30000\", \"defaultLeverage\": 101", "$.contractSymbols[0].defaultLeverage", "between 1 and maxLeverage")]
    [InlineData("\"referencePrice\": \"30000\", \"marginAsset\": \"BTC\"", "$.contractSymbols[0].marginAsset", "margined in its quote asset")]
    [InlineData("\"referencePrice\": \"2000000\"", "$.contractSymbols[0].referencePrice", "outside the price filter")]
    [InlineData("\"referencePrice\": \"30000\"", "$.feeds[0].symbol", "unknown symbol 'BTCPERP'")]
    public void A_bad_contract_field_is_named(string fields, string path, string why)
    {
        var fixture = DerivativesFixture("contractSymbols").Replace("\"maxQty\": \"100000\" }", $"\"maxQty\": \"100000\", {fields} }}");
        var e = Assert.Throws<FixtureException>(() => FixtureLoader.Load(Write("contract.json", fixture)));
        Assert.Contains(path, e.Message);
        Assert.Contains(why, e.Message);
    }

    [Fact]
    public void Contract_orders_and_balances_name_unknown_contracts_and_margin_assets()
    {
        var fixture = DerivativesFixture("contractSymbols").Replace("\"maxQty\": \"100000\" }", "\"maxQty\": \"100000\", \"referencePrice\": \"30000\" }")
            .Replace("\"feeds\"", "\"contractOrders\": [ { \"account\": 1, \"symbol\": \"ETHPERP\", \"side\": \"BUY\", \"price\": \"1\", \"quantity\": \"1\" } ], \"unusedFeeds\"")
            .Replace("\"agents\"", "\"unusedAgents\"");
        var e = Assert.Throws<FixtureException>(() => FixtureLoader.Load(Write("orders.json", fixture)));
        Assert.Contains("$.contractOrders[0].symbol", e.Message);
        var balances = fixture.Replace("\"balances\": { \"USDT\": \"100\" }", "\"balances\": { \"USDT\": \"100\" }, \"contractBalances\": { \"BTC\": \"1\" }");
        e = Assert.Throws<FixtureException>(() => FixtureLoader.Load(Write("balances.json", balances)));
        Assert.Contains("$.accounts[0].contractBalances.BTC", e.Message);
        Assert.Contains("not the margin asset", e.Message);
    }

    [Theory]
    [InlineData("\"market\": \"contract\"", "$.agents[0].symbol", "there is no spot symbol 'BTCPERP'")]
    [InlineData("\"market\": \"contract\", \"symbol\": \"BTCUSDT\"", "$.agents[0].symbol", "unknown symbol 'BTCUSDT' (not in contractSymbols)")]
    [InlineData("\"market\": \"futures\"", "$.agents[0].market", "market must be spot or contract")]
    public void A_contract_agent_names_a_contract_with_a_spot_index_of_the_same_name(string fields, string path, string why)
    {
        var fixture = DerivativesFixture("contractSymbols").Replace("\"maxQty\": \"100000\" }", "\"maxQty\": \"100000\", \"referencePrice\": \"30000\" }")
            .Replace("\"feeds\"", "\"unusedFeeds\"")
            .Replace("{ \"type\": \"marketMaker\", \"symbol\": \"BTCPERP\",", $"{{ \"type\": \"marketMaker\", \"symbol\": \"BTCPERP\", {fields},");
        if (fields.Contains("BTCUSDT")) fixture = fixture.Replace("\"symbol\": \"BTCPERP\", \"market", "\"market");
        var e = Assert.Throws<FixtureException>(() => FixtureLoader.Load(Write("agent.json", fixture)));
        Assert.Contains(path, e.Message);
        Assert.Contains(why, e.Message);
    }

    [Fact]
    public void A_feed_on_an_unknown_symbol_names_the_field()
    {
        var file = Write("feed.json", DerivativesFixture("contractSymbols").Replace("\"contractSymbols\"", "\"unusedSymbols\""));
        var e = Assert.Throws<FixtureException>(() => FixtureLoader.Load(file));
        Assert.Contains("$.feeds[0].symbol", e.Message);
        Assert.Contains("unknown symbol 'BTCPERP'", e.Message);
    }

    /// <summary>A spot market plus one symbol in <paramref name="section"/>, with a feed and an agent on that symbol.</summary>
    private static string DerivativesFixture(string section) => $$"""
        {
          "name": "derivatives",
          "spotSymbols": [
            { "symbol": "BTCUSDT", "baseAsset": "BTC", "quoteAsset": "USDT", "tickSize": "0.01", "maxPrice": "1000000",
              "stepSize": "0.000001", "maxQty": "9000" }
          ],
          "{{section}}": [
            { "symbol": "BTCPERP", "baseAsset": "BTC", "quoteAsset": "USDT", "tickSize": "0.5", "maxPrice": "1000000",
              "stepSize": "1", "maxQty": "100000" }
          ],
          "accounts": [ { "id": 1, "apiKey": "k1", "secretKey": "s1", "balances": { "USDT": "100" } } ],
          "feeds": [ { "symbol": "BTCPERP", "type": "randomWalk", "startPrice": "30000" } ],
          "agents": [ { "type": "marketMaker", "symbol": "BTCPERP", "account": 1, "quantity": "1" } ]
        }
        """;

    [Fact]
    public void A_json_error_names_the_path_and_line()
    {
        var file = Write("broken.json", "{\n  \"name\": \"x\",\n  \"seed\": \"many\"\n}");
        var e = Assert.Throws<FixtureException>(() => FixtureLoader.Load(file));
        Assert.Contains("$.seed", e.Message);
        Assert.Contains("line 3", e.Message);
    }

    private static readonly SymbolSpec Btc = new()
    {
        Id = 0, Name = "BTCUSDT", Market = MarketType.Spot, Base = new AssetSpec(0, "BTC"), Quote = new AssetSpec(1, "USDT"),
        TickSize = 1_000_000, MinPrice = 1_000_000, MaxPrice = FixedPoint.FromDecimal(1_000_000), StepSize = 100, MinQty = 100,
        MaxQty = FixedPoint.FromDecimal(9000),
    };

    [Fact]
    public void Replay_csv_of_trades_becomes_offsets_and_prices_on_the_tick_grid()
    {
        var file = Write("t.csv", "# comment\ntime,price,quantity\n1767225600000,30000.004,1\n1767225601500,30001.5,2\n\n1767225603000,29999,1\n");
        var points = Feeds.ReadCsv(file, "trades", Btc);
        Assert.Equal([new ReplayPoint(0, 3_000_000_000_000), new ReplayPoint(1500, 3_000_150_000_000), new ReplayPoint(3000, 2_999_900_000_000)], points);
    }

    [Fact]
    public void Replay_csv_of_klines_walks_open_low_high_close_for_a_rising_bar()
    {
        var file = Write("k.csv", "openTime,open,high,low,close,volume\n1767225600,100,110,95,105,1\n1767225660,105,106,90,92,1\n");
        var points = Feeds.ReadCsv(file, "klines", Btc); // seconds are recognised
        Assert.Equal(8, points.Count);
        Assert.Equal([0L, 15_000, 30_000, 45_000], points.Take(4).Select(p => p.OffsetMs));
        Assert.Equal([100m, 95m, 110m, 105m, 105m, 106m, 90m, 92m], points.Select(p => FixedPoint.ToDecimal(p.Price)));
    }

    [Fact]
    public void Replay_csv_errors_name_the_line()
    {
        var file = Write("e.csv", "time,price\n1767225600000,100\n1767225600001,abc\n");
        var e = Assert.Throws<FixtureException>(() => Feeds.ReadCsv(file, "trades", Btc));
        Assert.Contains("line 3", e.Message);
    }

    [Fact]
    public void Shipped_sample_csvs_parse()
    {
        var dir = Path.GetDirectoryName(JexSimFactory.FixturePath("default.json"))!;
        Assert.True(Feeds.ReadCsv(Path.Combine(dir, "sample-ethusdt-trades.csv"), "trades", Btc).Count > 100);
        Assert.Equal(120, Feeds.ReadCsv(Path.Combine(dir, "sample-btcusdt-klines-1m.csv"), "klines", Btc).Count);
    }
}
