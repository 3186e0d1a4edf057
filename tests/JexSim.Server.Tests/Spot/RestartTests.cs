using System.Text.Json;
using JexSim.Server.Tests.Infrastructure;

namespace JexSim.Server.Tests.Spot;

/// <summary>A new server on the same database file finds the same open orders, priorities, balances and trades.</summary>
public sealed class RestartTests
{
    private const long T0 = JexSimFactory.StartTime;
    private static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT", "ETHBTC", "JEXBTC", "LTCBTC"];

    /// <summary>Everything the API shows about the venue's state, except the answering time.</summary>
    private static async Task<string> State(JexSimFactory venue)
    {
        var parts = new List<string>();
        foreach (var client in new[] { venue.Alice(), venue.Bob() })
        {
            parts.Add((await client.Account()).GetProperty("spotBalances").GetRawText());
            foreach (var symbol in Symbols)
            {
                parts.Add((await client.SignedGet("/api/v1/spot/openOrders", $"symbol={symbol}")).GetRawText());
                parts.Add((await client.SignedGet("/api/v1/spot/historyOrders", $"symbol={symbol}")).GetRawText());
            }
        }
        var any = venue.Alice();
        foreach (var symbol in Symbols)
        {
            parts.Add((await any.Get("/api/v1/spot/depth", $"symbol={symbol}")).GetRawText());
            parts.Add((await any.Public(HttpMethod.Get, "/api/v1/spot/historicalTrades", $"symbol={symbol}&limit=500", withKey: true)).Ok().GetRawText());
            parts.Add((await any.Get("/api/v1/spot/klines", $"symbol={symbol}&interval=1m&startTime={T0}&limit=20")).GetRawText());
            parts.Add((await any.Get("/api/v1/spot/ticker/24hr", $"symbol={symbol}")).GetRawText());
            parts.Add((await any.Get("/api/v1/spot/avgPrice", $"symbol={symbol}")).GetRawText());
        }
        return string.Join('\n', parts);
    }

    [Fact]
    public async Task A_restarted_venue_has_the_same_orders_priorities_balances_and_trades()
    {
        using var first = new JexSimFactory();
        var alice = first.Alice();
        var bob = first.Bob();

        // Three bids at one new best price, in time order A (alice), B (bob), C (alice), one partially filled ask level, trades.
        first.Clock.SetVirtual(T0 + 1000);
        long a = await alice.Rest("BTCUSDT", "BUY", "0.1", "29995");
        first.Clock.SetVirtual(T0 + 2000);
        long b = await bob.Rest("BTCUSDT", "BUY", "0.2", "29995");
        first.Clock.SetVirtual(T0 + 3000);
        long c = await alice.Rest("BTCUSDT", "BUY", "0.3", "29995");
        first.Clock.SetVirtual(T0 + 4000);
        await alice.PlaceResult("symbol=ETHUSDT&side=BUY&type=LIMIT&quantity=6&price=2001");   // 5 at 2000, 1 of bob's 4 at 2001
        await alice.PlaceResult("symbol=LTCBTC&side=SELL&type=MARKET&quantity=60");            // 50 at 0.00249, 10 at 0.00248
        long ethAsk = await alice.Rest("ETHBTC", "SELL", "1.5", "0.0665");
        first.Clock.SetVirtual(T0 + 90_000);

        string before = await State(first);
        long lastTradeId = long.Parse((await alice.Public(HttpMethod.Get, "/api/v1/spot/historicalTrades", "symbol=LTCBTC&limit=1", withKey: true)).Ok()[0].Str("id"));

        using var second = first.Restart();
        second.Clock.SetVirtual(T0 + 90_000);
        Assert.Equal(before, await State(second));

        // Priority survived: a sell of 0.15 at 29995 fills A completely, then B in part; C waits.
        alice = second.Alice();
        bob = second.Bob();
        await bob.PlaceResult("symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=IOC&quantity=0.15&price=29995");
        Assert.Equal(("FILLED", "0.10000000"), await Status(alice, a));
        Assert.Equal(("PARTIALLY_FILLED", "0.05000000"), await Status(bob, b));
        Assert.Equal(("NEW", "0.00000000"), await Status(alice, c));

        // Ids continue: orders after every order before, trades after every trade before.
        long next = await alice.Rest("ETHBTC", "SELL", "1", "0.07");
        Assert.True(next > ethAsk, $"order id {next} after restart is not above {ethAsk}");
        var trades = (await alice.Public(HttpMethod.Get, "/api/v1/spot/historicalTrades", "symbol=BTCUSDT&limit=2", withKey: true)).Ok();
        Assert.Equal([lastTradeId + 1, lastTradeId + 2], trades.EnumerateArray().Select(t => long.Parse(t.Str("id"))).ToArray());
    }

    [Fact]
    public async Task An_order_acknowledged_just_before_a_restart_is_there_after_it()
    {
        using var first = new JexSimFactory();
        var ack = (await first.Alice().Place("symbol=BTCUSDT&side=SELL&type=LIMIT&quantity=0.25&price=30005")).Ok();
        long id = ack.Num("orderId");

        using var second = first.Restart();
        var alice = second.Alice();
        var order = await alice.SignedGet(SpotApi.Order, $"symbol=BTCUSDT&orderId={id}");
        Assert.Equal(("NEW", "0.25000000", "30005.00000000", T0), (order.Str("status"), order.Str("origQty"), order.Str("price"), order.Num("time")));
        Assert.Equal(("30005.00000000", "0.25000000"), DepthTests.Rows((await alice.Get("/api/v1/spot/depth", "symbol=BTCUSDT&limit=5")).GetProperty("asks"))[1]); // behind 30000
        Assert.Equal(("9.75000000", "0.25000000"), await alice.Balance("BTC"));

        // And it trades: bob lifts his own 0.5 at 30000 and then it.
        var bought = await second.Bob().PlaceResult("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=IOC&quantity=0.75&price=30005");
        Assert.Equal(("FILLED", "22501.25000000"), (bought.Str("status"), bought.Str("cummulativeQuoteQty")));
        Assert.Equal("FILLED", (await alice.SignedGet(SpotApi.Order, $"symbol=BTCUSDT&orderId={id}")).Str("status"));
    }

    [Fact]
    public async Task Accounts_and_keys_created_by_the_admin_survive_restarts()
    {
        using var first = new JexSimFactory();
        var created = await first.CreateClient().PostAsync("/admin/v1/accounts",
            new StringContent("""{"balances":{"BTC":"2.5"}}""", System.Text.Encoding.UTF8, "application/json"));
        var carol = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        await first.ClientFor(carol.Str("apiKey"), carol.Str("secretKey")).Rest("BTCUSDT", "SELL", "1", "31000");

        using var second = first.Restart();
        using var third = second.Restart();
        var client = third.ClientFor(carol.Str("apiKey"), carol.Str("secretKey"));
        Assert.Equal(("1.50000000", "1.00000000"), await client.Balance("BTC"));
        Assert.Single((await client.SignedGet("/api/v1/spot/openOrders", "symbol=BTCUSDT")).EnumerateArray());
        var next = await third.CreateClient().PostAsync("/admin/v1/accounts", null);
        Assert.Equal(carol.Num("accountId") + 1, JsonDocument.Parse(await next.Content.ReadAsStringAsync()).RootElement.Num("accountId"));
    }

    [Fact]
    public async Task Database_files_copied_the_moment_orders_are_acknowledged_hold_them_all()
    {
        // A kill -9 leaves the database files as they are: no clean shutdown, no WAL checkpoint. Copying them while
        // the server runs, right after the answers, is that state.
        using var live = new JexSimFactory();
        var alice = live.Alice();
        var bob = live.Bob();
        var placed = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            (i % 2 == 0 ? alice : bob).Place($"symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.01&price={29000 + i}")));
        var ids = placed.Select(p => p.Ok().Num("orderId")).ToArray();
        long first = SpotApi.FirstClientOrderId;
        Assert.Equal(Enumerable.Range(0, 40).Select(i => first + i), ids.Order());

        string copy = Path.Combine(Path.GetTempPath(), "jexsim-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(copy);
        try
        {
            foreach (var suffix in new[] { "", "-wal" })
                if (File.Exists(live.DatabasePath + suffix)) File.Copy(live.DatabasePath + suffix, Path.Combine(copy, "jexsim.db" + suffix));
            using var recovered = new JexSimFactory(databasePath: Path.Combine(copy, "jexsim.db"));
            var open = new List<long>();
            foreach (var client in new[] { recovered.Alice(), recovered.Bob() })
                open.AddRange((await client.SignedGet("/api/v1/spot/openOrders", "symbol=BTCUSDT")).EnumerateArray()
                    .Select(o => long.Parse(o.Str("orderId"))).Where(id => id >= first));
            Assert.Equal(ids.Order(), open.Order());
            Assert.Equal(first + 40, (await recovered.Alice().Place("symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.01&price=28000")).Ok().Num("orderId"));
        }
        finally
        {
            try { Directory.Delete(copy, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<(string Status, string Executed)> Status(JexClient client, long id)
    {
        var o = await client.SignedGet(SpotApi.Order, $"symbol=BTCUSDT&orderId={id}");
        return (o.Str("status"), o.Str("executedQty"));
    }
}
