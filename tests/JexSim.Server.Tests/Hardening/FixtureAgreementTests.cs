using System.Text.Json.Nodes;
using JexSim.Server.Fixtures;
using JexSim.Server.Tests.Infrastructure;
using JexSim.Server.Tests.Spot;
using JexSim.Server.Tests.Simulation;
using Microsoft.Data.Sqlite;

namespace JexSim.Server.Tests.Hardening;

/// <summary>Fixtures validated completely; a database and a fixture that disagree are never served silently.</summary>
public sealed class FixtureAgreementTests
{
    private static string Write(string folder, string name, Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(File.ReadAllText(JexSimFactory.FixturePath("quiet.json")))!;
        edit(node);
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, node.ToJsonString());
        return path;
    }

    [Theory]
    [InlineData("takerFee", "$.spotSymbols[0].takerFee")]
    [InlineData("makerFee", "$.spotSymbols[0].makerFee")]
    [InlineData("duplicateKey", "$.accounts[1].apiKey")]
    [InlineData("emptySecret", "$.accounts[0].secretKey")]
    [InlineData("hugeBalance", "$.accounts[0].balances.USDT")]
    [InlineData("startTime", "$.startTime")]
    public void A_fixture_is_validated_completely_and_every_error_names_the_field(string fault, string field)
    {
        var folder = Directory.CreateTempSubdirectory("jexsim-fixture");
        try
        {
            string path = Write(folder.FullName, "f.json", f =>
            {
                switch (fault)
                {
                    case "takerFee": f["spotSymbols"]![0]!["takerFee"] = "1.5"; break;
                    case "makerFee": f["spotSymbols"]![0]!["makerFee"] = "-0.001"; break;
                    case "duplicateKey": f["accounts"]![1]!["apiKey"] = f["accounts"]![0]!["apiKey"]!.GetValue<string>(); break;
                    case "emptySecret": f["accounts"]![0]!["secretKey"] = ""; break;
                    case "hugeBalance": f["accounts"]![0]!["balances"]!["USDT"] = "92233720368.54775807"; break;
                    case "startTime": f["startTime"] = "9999-12-31T00:00:00Z"; break;
                }
            });
            var e = Assert.Throws<FixtureException>(() => FixtureLoader.Load(path));
            Assert.Contains($"invalid at {field}", e.Message);
        }
        finally { folder.Delete(recursive: true); }
    }

    [Fact]
    public async Task Restarting_with_a_fixture_that_lacks_stored_assets_refuses_naming_the_rows_unless_told_to_reset()
    {
        using var first = new JexSimFactory();
        await first.Alice().PlaceResult("symbol=LTCBTC&side=BUY&type=LIMIT&quantity=1&price=0.002");
        string folder = first.Directory;
        string noLtc = Write(folder, "no-ltc.json", f =>
        {
            var symbols = f["spotSymbols"]!.AsArray();
            foreach (var s in symbols.Where(s => s!["symbol"]!.GetValue<string>() == "LTCBTC").ToList()) symbols.Remove(s);
            foreach (var a in f["accounts"]!.AsArray()) a!["balances"]!.AsObject().Remove("LTC");
            var orders = f["orders"]!.AsArray();
            foreach (var o in orders.Where(o => o!["symbol"]!.GetValue<string>() == "LTCBTC").ToList()) orders.Remove(o);
        });

        using var refused = first.Restart(noLtc); // owns the folder from here on: disposed last
        var error = Assert.ThrowsAny<Exception>(() => refused.CreateClient());
        string message = string.Join(" | ", Chain(error));
        Assert.Contains("not from " + noLtc, message);
        Assert.Contains("balances row (account 1, LTC)", message);
        Assert.Contains("open order of symbol LTCBTC", message);
        Assert.Contains("JexSim:ResetOnFixtureChange", message);

        // Told to reset: the database is wiped and seeded from the new fixture (the refused venue let go of its lock).
        using var reset = new JexSimFactory(settings: new() { ["JexSim:Fixture"] = noLtc, ["JexSim:ResetOnFixtureChange"] = "true" }, databasePath: first.DatabasePath);
        var account = await reset.Alice().Signed(HttpMethod.Get, "/api/v1/account", "", inBody: false);
        Assert.DoesNotContain("\"LTC\"", account.Body);
        await Ledger.AssertHolds(reset);
    }

    [Fact]
    public async Task Restarting_with_a_compatible_but_different_fixture_keeps_the_state()
    {
        using var first = new JexSimFactory();
        await first.Admin().Ok(HttpMethod.Post, "/accounts/1/balances", new { asset = "USDT", amount = "5" });
        string renamed = Write(first.Directory, "renamed.json", f => f["name"] = "renamed");
        using var second = first.Restart(renamed);
        var account = await second.Alice().Signed(HttpMethod.Get, "/api/v1/account", "", inBody: false);
        Assert.Contains("100005.00000000", account.Body); // kept, not reseeded
        await Ledger.AssertHolds(second);
    }

    [Fact]
    public async Task Recovery_refuses_a_database_that_breaks_the_ledger_invariants_naming_the_row()
    {
        using var first = new JexSimFactory();
        await first.Alice().PlaceResult("symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1&price=29000");
        var second = first.Restart();
        using (var c = new SqliteConnection($"Data Source={first.DatabasePath};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE balances SET locked = locked + 100000000 WHERE account_id = 1 AND asset = 'USDT'";
            Assert.Equal(1, cmd.ExecuteNonQuery());
        }
        var error = Assert.ThrowsAny<Exception>(() => second.CreateClient());
        string message = string.Join(" | ", Chain(error));
        Assert.True(message.Contains("breaks the ledger invariants"), error.ToString());
        Assert.Contains("account 1 USDT locked", message);
        second.Dispose();
    }

    private static IEnumerable<string> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            yield return e.Message;
            if (e is AggregateException a) foreach (var inner in a.InnerExceptions) yield return inner.Message;
        }
    }
}
