using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using JexSim.Server.Tests.Infrastructure;
using JexSim.Server.Venue;
using Microsoft.Extensions.DependencyInjection;

namespace JexSim.Server.Tests.Spot;

/// <summary>
/// Trading through the API moves assets between accounts and the fee account but never creates or destroys any:
/// per asset, the sum of free + locked over all accounts (fee account included) equals what was put in.
/// </summary>
public sealed class ConservationTests
{
    private static readonly string[] Assets = ["BTC", "USDT", "ETH", "JEX", "LTC"];

    /// <summary>Alice's and bob's fixture balances plus carol's opening balances (scaled by 10^8).</summary>
    private static Dictionary<string, long> Supply() => new()
    {
        ["BTC"] = (10 + 100 + 5) * 100_000_000L,
        ["USDT"] = (100_000 + 1_000_000 + 50_000) * 100_000_000L,
        ["ETH"] = (100 + 1000 + 20) * 100_000_000L,
        ["JEX"] = (1_000_000 + 10_000_000) * 100_000_000L,
        ["LTC"] = (1000 + 10_000) * 100_000_000L,
    };

    [Fact]
    public async Task Every_asset_sums_to_its_supply_after_trading_among_alice_bob_and_carol()
    {
        using var venue = new JexSimFactory();
        var exchange = venue.Services.GetRequiredService<ExchangeVenue>();
        var alice = venue.Alice();
        var bob = venue.Bob();
        var created = await venue.CreateClient().PostAsJsonAsync("/admin/v1/accounts",
            new { balances = new Dictionary<string, string> { ["BTC"] = "5", ["USDT"] = "50000", ["ETH"] = "20" } });
        var carolKeys = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var carol = venue.ClientFor(carolKeys.Str("apiKey"), carolKeys.Str("secretKey"));
        var clients = new[] { alice, bob, carol };
        Assert.Equal(Supply(), Totals(exchange));

        // A scripted mix first: every order type, partial fills, cancels, fees both ways.
        await carol.PlaceResult("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.7");
        await alice.PlaceResult("symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=IOC&quantity=0.45&price=29980");
        long resting = await carol.Rest("ETHBTC", "SELL", "3.333", "0.0661");
        await alice.PlaceResult("symbol=ETHBTC&side=BUY&type=LIMIT&timeInForce=FOK&quantity=5&price=0.0661");
        (await carol.Signed(HttpMethod.Delete, SpotApi.Order, $"symbol=ETHBTC&orderId={resting}")).Ok();
        await bob.PlaceResult("symbol=JEXBTC&side=SELL&type=MARKET&quantity=123457");
        await alice.PlaceResult("symbol=ETHUSDT&side=BUY&type=MARKET&quantity=7.77777");
        await alice.PlaceResult("symbol=LTCBTC&side=BUY&type=LIMIT&quantity=55.55&price=0.00251");
        Assert.Equal(Supply(), Totals(exchange));

        // Then a seeded random stream of limit and market orders around each book's touch, with cancels.
        var random = new Random(20261121);
        (string Symbol, decimal Mid, decimal Tick, decimal Step, decimal MinQty)[] markets =
        [
            ("BTCUSDT", 30000m, 0.01m, 0.000001m, 0.001m), ("ETHUSDT", 2000m, 0.01m, 0.00001m, 0.01m),
            ("ETHBTC", 0.066m, 0.000001m, 0.001m, 0.01m), ("JEXBTC", 0.0000015m, 0.00000001m, 1m, 100m), ("LTCBTC", 0.0025m, 0.000001m, 0.01m, 1m),
        ];
        var open = new List<(JexClient Client, string Symbol, long Id)>();
        int accepted = 0;
        for (int i = 0; i < 150; i++)
        {
            venue.Clock.Advance(TimeSpan.FromMilliseconds(random.Next(1, 5000)));
            var client = clients[random.Next(clients.Length)];
            if (open.Count > 0 && random.Next(5) == 0)
            {
                var (owner, symbol, id) = open[random.Next(open.Count)];
                open.RemoveAll(o => o.Id == id);
                await owner.Signed(HttpMethod.Delete, SpotApi.Order, $"symbol={symbol}&orderId={id}"); // may have filled meanwhile: -2011 is fine
                continue;
            }
            var m = markets[random.Next(markets.Length)];
            string side = random.Next(2) == 0 ? "BUY" : "SELL";
            decimal qty = Math.Round(m.MinQty * random.Next(1, 40) / m.Step) * m.Step;
            string q = qty.ToString(CultureInfo.InvariantCulture);
            string order = random.Next(6) == 0
                ? $"symbol={m.Symbol}&side={side}&type=MARKET&quantity={q}"
                : $"symbol={m.Symbol}&side={side}&type=LIMIT&timeInForce={new[] { "GTC", "GTC", "IOC", "FOK" }[random.Next(4)]}&quantity={q}" +
                  $"&price={(Math.Round(m.Mid * (1 + (random.Next(-20, 21) / 1000m)) / m.Tick) * m.Tick).ToString(CultureInfo.InvariantCulture)}";
            var placed = await client.Place(order + "&newOrderRespType=RESULT");
            if (placed.Status != System.Net.HttpStatusCode.OK)
            {
                Assert.True(placed.Code is -2010 or -9000, $"unexpected refusal of {order}: {placed}");
                continue;
            }
            accepted++;
            var result = placed.Json;
            if (result.Str("status") is "NEW" or "PARTIALLY_FILLED") open.Add((client, m.Symbol, result.Num("orderId")));
        }
        Assert.True(accepted > 100, $"only {accepted} orders were accepted");

        Assert.Equal(Supply(), Totals(exchange));
        // The fee account earned something in every quote asset traded, so the sums above include real fees.
        var fees = exchange.StoreReader.Balances(exchange.Sequencer.Core.FeeAccountId).ToDictionary(b => b.Asset, b => b.Free);
        Assert.All(new[] { "BTC", "USDT", "ETH", "JEX", "LTC" }, a => Assert.True(fees.GetValueOrDefault(a) > 0, $"no {a} fees collected"));
        // The engine agrees with the store, and its own invariants hold.
        Assert.Empty(await exchange.Sequencer.Inspect(core => core.CheckInvariants()));
        Assert.Equal(Supply(), await exchange.Sequencer.Inspect(core =>
            core.Assets.Where(a => Assets.Contains(a.Name)).ToDictionary(a => a.Name, a => core.AccountsView.Sum(acc => acc.Free(a.Id) + acc.Locked(a.Id)))));
        // The API shows the same balances as the store for each trader.
        foreach (var client in clients)
        {
            var shown = (await client.Account()).GetProperty("spotBalances").EnumerateArray()
                .ToDictionary(b => b.Str("asset"), b => decimal.Parse(b.Str("free"), CultureInfo.InvariantCulture) + decimal.Parse(b.Str("locked"), CultureInfo.InvariantCulture));
            long id = client == alice ? 1 : client == bob ? 2 : carolKeys.Num("accountId");
            var stored = exchange.StoreReader.Balances(id).ToDictionary(b => b.Asset, b => (b.Free + b.Locked) / 100_000_000m);
            Assert.All(Assets, a => Assert.Equal(stored.GetValueOrDefault(a), shown[a]));
        }

        // A restarted venue recovers the same ledger, fee account included, and its invariants hold.
        using var restarted = venue.Restart();
        var recovered = restarted.Services.GetRequiredService<ExchangeVenue>();
        Assert.Equal(Supply(), Totals(recovered));
        Assert.Equal(fees, recovered.StoreReader.Balances(recovered.Sequencer.Core.FeeAccountId).ToDictionary(b => b.Asset, b => b.Free));
        Assert.Empty(await recovered.Sequencer.Inspect(core => core.CheckInvariants()));
    }

    [Fact]
    public async Task Supply_changes_only_through_deposits_and_withdrawals()
    {
        using var venue = new JexSimFactory();
        var exchange = venue.Services.GetRequiredService<ExchangeVenue>();
        var admin = new Simulation.Admin(venue.CreateClient());
        var alice = venue.Alice();
        await admin.Ok(HttpMethod.Post, "/accounts", new { balances = new Dictionary<string, string> { ["BTC"] = "5", ["USDT"] = "50000", ["ETH"] = "20" } });
        var expected = Supply();
        Assert.Equal(expected, Totals(exchange));

        // In: a deposit and an admin credit. Out: a withdrawal and an admin debit. Back: a withdrawal that failed.
        await admin.Ok(HttpMethod.Post, "/deposits", new { accountId = 2, asset = "BTC", amount = "2" });
        await admin.Ok(HttpMethod.Post, "/accounts/1/balances", new { asset = "USDT", amount = "1000" });
        const string To = "address=bc1qexampleaddress0000000000000000000";
        (await alice.Signed(HttpMethod.Get, "/wapi/v1/withdraw", $"asset=BTC&{To}&amount=1.5")).Ok();
        await admin.Ok(HttpMethod.Post, "/accounts/1/balances", new { asset = "ETH", amount = "-4" });
        string failed = (await alice.Signed(HttpMethod.Get, "/wapi/v1/withdraw", $"asset=USDT&{To}&amount=300")).Ok().Str("id");
        await admin.Ok(HttpMethod.Post, $"/withdrawals/{failed}/status", new { status = 5 });
        // Trading in between moves money but creates none.
        await alice.PlaceResult("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.3");
        expected["BTC"] += 50_000_000;      // + 2 - 1.5
        expected["USDT"] += 100_000_000_000; // + 1000 (the 300 came back)
        expected["ETH"] -= 400_000_000;     // - 4
        Assert.Equal(expected, Totals(exchange));
        await Hardening.Ledger.AssertHolds(venue);

        // The books survive a restart and still balance.
        using var restarted = venue.Restart();
        Assert.Equal(expected, Totals(restarted.Services.GetRequiredService<ExchangeVenue>()));
        await Hardening.Ledger.AssertHolds(restarted);
    }

    /// <summary>Per asset, free + locked over every account in the store, the fee account included.</summary>
    private static Dictionary<string, long> Totals(ExchangeVenue exchange)
    {
        var ids = exchange.StoreReader.Accounts().Select(a => a.Id).Append(exchange.Sequencer.Core.FeeAccountId).Distinct();
        var totals = Assets.ToDictionary(a => a, _ => 0L);
        // The deposited assets; option tokens (bob's issued calls and puts) are checked by the engine's invariants.
        foreach (var b in ids.SelectMany(exchange.StoreReader.Balances).Where(b => totals.ContainsKey(b.Asset))) totals[b.Asset] += b.Free + b.Locked;
        return totals;
    }
}
