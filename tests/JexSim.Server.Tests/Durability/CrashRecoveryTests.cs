using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using JexSim.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace JexSim.Server.Tests.Durability;

/// <summary>
/// Crash-recovery proof: the real server process under concurrent signed order flow is SIGKILLed at several points and
/// restarted on the same database. After every kill, nothing acknowledged is lost and the ledger and books are consistent.
/// </summary>
public sealed class CrashRecoveryTests
{
    private const int Workers = 8;

    private sealed record Ack(long OrderId, bool Alice, string Status, long Executed, bool IsCancel);

    [Fact]
    public async Task Acknowledged_orders_survive_SIGKILL_mid_load_and_the_ledger_stays_consistent()
    {
        Assert.True(File.Exists(ServerProcess.ServerDll), $"server not built at {ServerProcess.ServerDll}");
        var dir = Path.Combine(Path.GetTempPath(), "jexsim-crash", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var database = Path.Combine(dir, "jexsim.db");
        var fixture = QuietFixture();
        try
        {
            Dictionary<string, long> seeded;
            {
                await using var first = await ServerProcess.StartAsync(database, fixture, "Full", TimeSpan.FromSeconds(20));
                seeded = ReadDb(database, c => Supply(c));
            }
            Assert.NotEmpty(seeded);
            var assets = SymbolAssets(fixture);
            var collateral = OptionCollateral(fixture);

            var acks = new List<Ack>();
            long maxIdSeen = 0;
            // Several kill points: early in the run, after a moderate load, later; under both durable levels.
            var killPoints = new (int AfterAcks, string Durability)[] { (25, "Full"), (120, "Normal"), (60, "Full") };
            foreach (var (afterAcks, durability) in killPoints)
            {
                var server = await ServerProcess.StartAsync(database, fixture, durability, TimeSpan.FromSeconds(20));
                try
                {
                    // Restart proof: the book the server rebuilt is sound and new ids continue after everything persisted.
                    await AssertServedStateIsSound(server, acks, maxIdSeen);
                    var phase = await DriveUntilKilled(server, afterAcks);
                    acks.AddRange(phase);
                    Assert.True(phase.Count >= afterAcks, $"only {phase.Count} acknowledgements before the kill\n{server.Log}");
                }
                finally
                {
                    await server.DisposeAsync();
                }

                maxIdSeen = ReadDb(database, c =>
                {
                    AssertAcknowledgedOrdersExist(c, acks);
                    AssertLedgerConsistent(c, seeded, assets, collateral);
                    // Spot ids (contract orders are numbered apart, above 2^62).
                    return Scalar(c, "SELECT COALESCE(MAX(id), 0) FROM orders WHERE id < 4611686018427387904");
                });
                Assert.True(acks.Count == 0 || maxIdSeen >= acks.Max(a => a.OrderId));
            }

            // Final restart: the recovered venue answers from the same state.
            await using var last = await ServerProcess.StartAsync(database, fixture, "Full", TimeSpan.FromSeconds(20));
            await AssertServedStateIsSound(last, acks, maxIdSeen);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>fixtures/quiet.json (no simulated agents) when the repository has it, else the default fixture.</summary>
    private static string QuietFixture()
    {
        try { return JexSimFactory.FixturePath("quiet.json"); }
        catch (FileNotFoundException) { return JexSimFactory.FixturePath("default.json"); }
    }

    // ------------------------------------------------------------------ load

    /// <summary>Concurrent signed places (GTC and IOC, crossing each other) and cancels from alice and bob; SIGKILL after <paramref name="killAfter"/> acks.</summary>
    private static async Task<List<Ack>> DriveUntilKilled(ServerProcess server, int killAfter)
    {
        var acks = new ConcurrentQueue<Ack>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        int killed = 0;
        var tasks = Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            var (key, secret) = w % 2 == 0 ? (DemoAccounts.AliceKey, DemoAccounts.AliceSecret) : (DemoAccounts.BobKey, DemoAccounts.BobSecret);
            using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
            var client = new JexClient(http, key, secret, () => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            var random = new Random(1000 + w);
            var open = new List<long>();
            while (!stop.IsCancellationRequested && Volatile.Read(ref killed) == 0)
            {
                try
                {
                    if (open.Count > 0 && random.Next(5) == 0)
                    {
                        long id = open[random.Next(open.Count)];
                        open.Remove(id);
                        var r = await client.Signed(HttpMethod.Delete, "/api/v1/spot/order", $"symbol=BTCUSDT&orderId={id}&recvWindow=60000");
                        if (r.Status == HttpStatusCode.OK) acks.Enqueue(new Ack(id, w % 2 == 0, r.Json.GetProperty("status").GetString()!, -1, true));
                        continue;
                    }
                    string side = random.Next(2) == 0 ? "BUY" : "SELL";
                    string tif = random.Next(4) == 0 ? "IOC" : "GTC";
                    string price = (29_980 + random.Next(41)).ToString(CultureInfo.InvariantCulture);
                    string qty = (0.001m * (1 + random.Next(5))).ToString(CultureInfo.InvariantCulture);
                    var placed = await client.Signed(HttpMethod.Post, "/api/v1/spot/order",
                        $"symbol=BTCUSDT&side={side}&type=LIMIT&timeInForce={tif}&quantity={qty}&price={price}&newOrderRespType=RESULT&recvWindow=60000");
                    if (placed.Status != HttpStatusCode.OK) continue; // a rejection (e.g. balance) acknowledges nothing
                    var j = placed.Json;
                    var ack = new Ack(j.GetProperty("orderId").GetInt64(), w % 2 == 0, j.GetProperty("status").GetString()!, Scaled(j.GetProperty("executedQty").GetString()!), false);
                    acks.Enqueue(ack);
                    if (ack.Status is "NEW" or "PARTIALLY_FILLED") open.Add(ack.OrderId);
                    if (acks.Count >= killAfter && Interlocked.Exchange(ref killed, 1) == 0) server.Kill();
                }
                catch (HttpRequestException) { if (Volatile.Read(ref killed) == 1) break; }
                catch (TaskCanceledException) { if (Volatile.Read(ref killed) == 1) break; }
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        Assert.True(Volatile.Read(ref killed) == 1, "the load ended before the kill point (timeout)");
        return acks.ToList();
    }

    private static long Scaled(string amount) => (long)(decimal.Parse(amount, CultureInfo.InvariantCulture) * 100_000_000m);

    // ------------------------------------------------------------------ checks on the database file (server dead)

    private static T ReadDb<T>(string database, Func<SqliteConnection, T> read)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        c.Open();
        return read(c);
    }

    private static long Scalar(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static List<long[]> Rows(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<long[]>();
        while (r.Read())
        {
            var row = new long[r.FieldCount];
            for (int i = 0; i < row.Length; i++) row[i] = r.GetInt64(i);
            rows.Add(row);
        }
        return rows;
    }

    private static Dictionary<string, long> Supply(SqliteConnection c)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT asset, SUM(free + locked) FROM balances GROUP BY asset";
        using var r = cmd.ExecuteReader();
        var supply = new Dictionary<string, long>();
        while (r.Read()) supply[r.GetString(0)] = r.GetInt64(1);
        return supply;
    }

    private static IEnumerable<(long Account, string Symbol, long Side, long Locked)> OpenLocks(SqliteConnection c)
    {
        using var cmd = c.CreateCommand();
        // Contract orders hold margin in the contract ledger (contract_balances), not a spot balance.
        cmd.CommandText = "SELECT account_id, symbol, side, locked FROM orders WHERE status IN (0, 1) AND symbol NOT LIKE 'contract:%'";
        using var r = cmd.ExecuteReader();
        var rows = new List<(long, string, long, long)>();
        while (r.Read()) rows.Add((r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3)));
        return rows;
    }

    private static IEnumerable<(long Account, string Asset, long Locked)> LockedBalances(SqliteConnection c)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT account_id, asset, locked FROM balances";
        using var r = cmd.ExecuteReader();
        var rows = new List<(long, string, long)>();
        while (r.Read()) rows.Add((r.GetInt64(0), r.GetString(1), r.GetInt64(2)));
        return rows;
    }

    /// <summary>Base and quote asset of every spot symbol of the fixture.</summary>
    private static Dictionary<string, (string Base, string Quote)> SymbolAssets(string fixture)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(fixture));
        IEnumerable<JsonElement> symbols = doc.RootElement.GetProperty("spotSymbols").EnumerateArray();
        if (doc.RootElement.TryGetProperty("optionSymbols", out var options)) symbols = symbols.Concat(options.EnumerateArray());
        return symbols.ToDictionary(
            s => s.GetProperty("symbol").GetString()!,
            s => (s.GetProperty("baseAsset").GetString()!, s.GetProperty("quoteAsset").GetString()!));
    }

    /// <summary>Per option symbol: the assets its writers lock as margin and as base (fixture releaseOption).</summary>
    private static Dictionary<string, (string Margin, string Base)> OptionCollateral(string fixture)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(fixture));
        if (!doc.RootElement.TryGetProperty("optionSymbols", out var options)) return new();
        return options.EnumerateArray().Where(o => o.TryGetProperty("releaseOption", out var r) && r.ValueKind == JsonValueKind.Object).ToDictionary(
            o => o.GetProperty("symbol").GetString()!,
            o => (o.GetProperty("releaseOption").GetProperty("assetMarginName").GetString()!, o.GetProperty("releaseOption").GetProperty("assetBaseName").GetString()!));
    }

    private static void AssertAcknowledgedOrdersExist(SqliteConnection c, List<Ack> acks)
    {
        var stored = Rows(c, "SELECT id, status, filled, quantity FROM orders").ToDictionary(r => r[0]);
        foreach (var ack in acks)
        {
            Assert.True(stored.TryGetValue(ack.OrderId, out var row), $"acknowledged order {ack.OrderId} ({ack.Status}) was lost");
            long filled = row[2];
            string status = JexSim.Server.Api.SpotOrderStatus.Of((JexSim.Engine.OrderStatus)row[1], filled);
            if (ack.IsCancel)
            {
                Assert.Equal(filled > 0 ? "CANCLEFILLED" : "CANCELED", status);
                continue;
            }
            if (ack.Status is "NEW" or "PARTIALLY_FILLED")
                Assert.True(filled >= ack.Executed, $"order {ack.OrderId} acknowledged with {ack.Executed} filled but stored {filled}");
            else if (!acks.Any(a => a.IsCancel && a.OrderId == ack.OrderId))
            {
                Assert.Equal(ack.Status, status);
                Assert.Equal(ack.Executed, filled);
            }
        }
    }

    /// <summary>Orders, trades, balances and books agree with each other and with the seeded supply.</summary>
    private static void AssertLedgerConsistent(SqliteConnection c, Dictionary<string, long> seeded, Dictionary<string, (string Base, string Quote)> assets,
        Dictionary<string, (string Margin, string Base)> collateral)
    {
        // Per order: 0 <= filled <= quantity, FILLED exactly when complete, only open orders hold a lock.
        foreach (var o in Rows(c, "SELECT id, status, filled, quantity, locked FROM orders"))
        {
            Assert.InRange(o[2], 0, o[3]);
            Assert.True((o[1] == 2) == (o[2] == o[3]), $"order {o[0]} status {(JexSim.Engine.OrderStatus)o[1]} filled {o[2]}/{o[3]}");
            if (o[1] is 0 or 1) Assert.True(o[4] > 0 && o[2] < o[3], $"open order {o[0]} locks {o[4]}, filled {o[2]}/{o[3]}");
            else Assert.Equal(0, o[4]);
        }
        // Every fill is backed by trades: an order's filled quantity is the sum of its trades.
        var mismatched = Rows(c, """
            SELECT o.id FROM orders o LEFT JOIN (
                SELECT order_id, SUM(quantity) AS q FROM (
                    SELECT buy_order_id AS order_id, quantity FROM trades UNION ALL SELECT sell_order_id, quantity FROM trades)
                GROUP BY order_id) t ON t.order_id = o.id
            WHERE o.filled <> COALESCE(t.q, 0)
            """);
        Assert.True(mismatched.Count == 0, $"orders whose filled quantity differs from their trades: {string.Join(", ", mismatched.Select(r => r[0]))}");
        // Locked balances are exactly what open orders hold (a buy locks quote, a sell base).
        var held = new Dictionary<(long, string), long>();
        foreach (var (account, symbol, side, locked) in OpenLocks(c))
        {
            var (baseAsset, quoteAsset) = assets[symbol];
            var key = (account, side == 0 ? quoteAsset : baseAsset);
            held[key] = held.GetValueOrDefault(key) + locked;
        }
        // Option writers' collateral is locked too: issued (1) adds it, redeemed (2) and settled (3, with the payout) take it off.
        foreach (var (symbol, (margin, @base)) in collateral)
            foreach (var r in Rows(c, $"SELECT account_id, status, margin_amount, base_amount, payout FROM option_records WHERE symbol = '{symbol}' AND status IN (1, 2, 3)"))
            {
                long sign = r[1] == 1 ? 1 : -1;
                held[(r[0], margin)] = held.GetValueOrDefault((r[0], margin)) + sign * (r[2] + (r[1] == 3 ? r[4] : 0));
                held[(r[0], @base)] = held.GetValueOrDefault((r[0], @base)) + sign * r[3];
            }
        foreach (var (account, asset, locked) in LockedBalances(c))
            Assert.True(held.GetValueOrDefault((account, asset)) == locked,
                $"account {account} {asset} locked {locked} but open orders hold {held.GetValueOrDefault((account, asset))}");
        Assert.True(Scalar(c, "SELECT COUNT(*) FROM balances WHERE free < 0 OR locked < 0") == 0, "negative balance");
        // Conservation: per asset, the sum over all accounts (fee account 0 included) equals what was seeded.
        Assert.Equal(seeded.OrderBy(kv => kv.Key), Supply(c).OrderBy(kv => kv.Key));
        // No crossed book.
        var crossed = Rows(c, """
            SELECT COUNT(*) FROM (SELECT symbol, MAX(price) AS bid FROM orders WHERE status IN (0, 1) AND side = 0 GROUP BY symbol) b
            JOIN (SELECT symbol, MIN(price) AS ask FROM orders WHERE status IN (0, 1) AND side = 1 GROUP BY symbol) a
              ON a.symbol = b.symbol WHERE b.bid >= a.ask
            """);
        Assert.Equal(0, crossed[0][0]);
    }

    // ------------------------------------------------------------------ checks through the API (server restarted)

    private static async Task AssertServedStateIsSound(ServerProcess server, List<Ack> acks, long maxIdSeen)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var alice = new JexClient(http, DemoAccounts.AliceKey, DemoAccounts.AliceSecret, () => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        var depth = await alice.Public(HttpMethod.Get, "/api/v1/spot/depth", "symbol=BTCUSDT&limit=5");
        Assert.Equal(HttpStatusCode.OK, depth.Status);
        var bids = depth.Json.GetProperty("bids");
        var asks = depth.Json.GetProperty("asks");
        if (bids.GetArrayLength() > 0 && asks.GetArrayLength() > 0)
            Assert.True(Price(bids[0]) < Price(asks[0]), $"served book is crossed: {depth.Body}");

        // Alice's latest acknowledged orders are served by the restarted venue.
        foreach (var ack in acks.Where(a => a.Alice && !a.IsCancel).TakeLast(3))
        {
            var queried = await alice.Signed(HttpMethod.Get, "/api/v1/spot/order", $"symbol=BTCUSDT&orderId={ack.OrderId}&recvWindow=60000");
            Assert.True(queried.Status == HttpStatusCode.OK, $"acknowledged order {ack.OrderId} not served after restart: {queried}");
            Assert.True(Scaled(queried.Json.GetProperty("executedQty").GetString()!) >= ack.Executed);
        }

        // Ids continue after everything the previous run persisted.
        var placed = await alice.Signed(HttpMethod.Post, "/api/v1/spot/order",
            "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price=20000&recvWindow=60000");
        Assert.Equal(HttpStatusCode.OK, placed.Status);
        long id = placed.Json.GetProperty("orderId").GetInt64();
        Assert.True(id > maxIdSeen, $"new order id {id} does not continue after {maxIdSeen}");
    }

    private static decimal Price(JsonElement level) => decimal.Parse(level[0].GetString()!, CultureInfo.InvariantCulture);
}
