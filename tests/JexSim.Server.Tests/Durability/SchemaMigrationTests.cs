using System.Text;
using JexSim.Engine;
using JexSim.Persistence;
using JexSim.Persistence.Migrations;
using JexSim.Server.Tests.Infrastructure;
using JexSim.Server.Tests.Simulation;
using JexSim.Server.Tests.Spot;
using Level = JexSim.Persistence.Durability;
using Microsoft.Data.Sqlite;

namespace JexSim.Server.Tests.Durability;

/// <summary>
/// Schema migrations against Fixtures/jexsim-v1.db, a database written by the last build before migrations
/// (commit fd73621: quiet.json seeded; alice rested BUY 0.1 BTCUSDT @ 29995 (order 51) and bought 6 ETHUSDT @ 2001
/// (order 52, two trades); bob rested SELL 3 LTCBTC @ 0.003 (order 53) and canceled it; account 3 "carol" was created
/// with 1234.5 USDT through the admin API and disabled). It records its version as meta.schema_version = '1'.
/// </summary>
public sealed class SchemaMigrationTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "jexsim-migrations", Guid.NewGuid().ToString("N"));

    public SchemaMigrationTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    /// <summary>A private copy of the old database (opening migrates in place).</summary>
    private string OldDatabase()
    {
        string path = Path.Combine(_dir, "old.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Durability", "Fixtures", "jexsim-v1.db"), path);
        return path;
    }

    private static SqliteConnection Raw(string path)
    {
        var c = new SqliteConnection($"Data Source={path};Pooling=False");
        c.Open();
        return c;
    }

    private static List<string> Column(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<string>();
        while (r.Read())
        {
            var fields = new object[r.FieldCount];
            r.GetValues(fields);
            rows.Add(string.Join('|', fields.Select(f => f is DBNull ? "NULL" : Convert.ToString(f, System.Globalization.CultureInfo.InvariantCulture))));
        }
        return rows;
    }

    /// <summary>The schema as SQLite records it (whitespace normalised).</summary>
    private static List<string> Schema(string path)
    {
        using var c = Raw(path);
        return Column(c, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name")
            .Select(s => System.Text.RegularExpressions.Regex.Replace(s, @"\s+", " ")).ToList();
    }

    /// <summary>Every row of every table, as text.</summary>
    /// <summary>Every row of every table (of <paramref name="only"/> these tables when given), schema_version aside.</summary>
    private static string Contents(string path, IReadOnlyCollection<string>? only = null)
    {
        using var c = Raw(path);
        var sb = new StringBuilder();
        foreach (var table in Column(c, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
        {
            if (only is not null && !only.Contains(table)) continue;
            sb.Append("## ").Append(table).Append('\n');
            foreach (var row in Column(c, $"SELECT * FROM {table} ORDER BY 1, 2"))
                if (!row.StartsWith("schema_version|", StringComparison.Ordinal)) sb.Append(row).Append('\n');
        }
        return sb.ToString();
    }

    private static List<string> Tables(string path)
    {
        using var c = Raw(path);
        return Column(c, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    }

    /// <summary>The version this build migrates to (versions may skip numbers: parallel branches own theirs).</summary>
    private static int Latest => SchemaMigrations.Embedded[^1].Version;

    private static string Version(string path)
    {
        using var c = Raw(path);
        return Column(c, "SELECT value FROM meta WHERE key = 'schema_version'").Single();
    }

    [Fact]
    public void Migration_1_creates_exactly_the_schema_of_the_builds_before_migrations()
    {
        string fresh = Path.Combine(_dir, "new.db");
        using (var store = new SqliteStoreWriter(fresh, Level.None, SchemaMigrations.Embedded.Take(1).ToList()))
            Assert.Equal(0, store.PreviousVersion);

        Assert.Equal(Schema(OldDatabase()), Schema(fresh));
        Assert.Equal("1", Version(fresh));
        Assert.True(Schema(fresh).Count >= 13, "tables and indexes of version 1");
    }

    [Fact]
    public void A_database_written_before_migrations_opens_with_every_row_intact()
    {
        string path = OldDatabase();
        string before = Contents(path);
        var v1Tables = Tables(path);

        using (var writer = new SqliteStoreWriter(path, Level.Normal))
        using (var reader = new SqliteStoreReader(path))
        {
            Assert.Equal(1, writer.PreviousVersion);
            var state = writer.Load();
            Assert.Equal([(1L, "alice", false), (2L, "bob", false), (3L, "carol", true)], state.Accounts.Select(a => (a.Id, a.Name, a.Disabled)));
            Assert.Equal(3, state.ApiKeys.Count);
            Assert.Contains(state.ApiKeys, k => k.ApiKey == DemoAccounts.AliceKey && k.AccountId == 1);
            Assert.Equal(13, state.Balances.Count);
            Assert.Contains(new BalanceRecord(1, "USDT", 8_499_950_000_000, 299_950_000_000), state.Balances);
            Assert.Contains(new BalanceRecord(3, "USDT", 123_450_000_000, 0), state.Balances);
            Assert.Equal(50, state.OpenOrders.Count);
            Assert.Contains(new OrderRecord(51, 1, "BTCUSDT", Side.Buy, OrderType.Limit, TimeInForce.Gtc, 2_999_500_000_000, 10_000_000, 0, 0,
                OrderStatus.New, 1_767_225_601_000, 1_767_225_601_000, 299_950_000_000), state.OpenOrders);
            Assert.Equal((54L, 3L), (state.NextOrderId, state.NextTradeId));
            Assert.Equal(5, state.Markets.Count);
            Assert.Equal("quiet", state.Meta["fixture_name"]);

            Assert.Equal(OrderStatus.Filled, reader.Order(1, "ETHUSDT", 52)!.Status);
            Assert.Equal(OrderStatus.Canceled, reader.Order(2, "LTCBTC", 53)!.Status);
            Assert.Equal(
                [new TradeRecord(1, "ETHUSDT", 200_000_000_000, 500_000_000, 1_000_000_000_000, 1_767_225_602_000, 52, 11, 1, 2, false, 500_000, 800_000_000),
                 new TradeRecord(2, "ETHUSDT", 200_100_000_000, 100_000_000, 200_100_000_000, 1_767_225_602_000, 52, 13, 1, 2, false, 100_000, 160_080_000)],
                reader.RecentTrades("ETHUSDT", 10));
            Assert.Single(reader.Candles("ETHUSDT", 0, long.MaxValue));
        }

        // Nothing rewritten, nothing lost: the later migrations only add (empty) tables and bump the version.
        Assert.Equal(before, Contents(path, v1Tables));
        Assert.Equal(Latest.ToString(), Version(path));
        Assert.All(Tables(path).Except(v1Tables), t => Assert.Equal($"## {t}\n", Contents(path, [t])));
    }

    [Fact]
    public async Task The_server_serves_a_database_written_before_migrations()
    {
        string path = OldDatabase();
        string carolKey;
        using (var c = Raw(path)) carolKey = Column(c, "SELECT api_key FROM api_keys WHERE account_id = 3").Single();

        using var venue = new JexSimFactory(databasePath: path);
        var alice = venue.Alice();
        var open = await alice.SignedGet("/api/v1/spot/openOrders", "symbol=BTCUSDT");
        Assert.Equal("51", open.EnumerateArray().Single().Str("orderId"));
        Assert.Equal(("84999.50000000", "2999.50000000"), await alice.Balance("USDT"));
        var history = await venue.Bob().SignedGet("/api/v1/spot/historyOrders", "symbol=LTCBTC");
        Assert.Contains(history.EnumerateArray(), o => o.Str("orderId") == "53" && o.Str("status") == "CANCELED");
        var trades = await alice.Public(HttpMethod.Get, "/api/v1/spot/historicalTrades", "symbol=ETHUSDT&limit=10", withKey: true);
        Assert.Equal(["1", "2"], trades.Ok().EnumerateArray().Select(t => t.Str("id")));
        var carol = await venue.ClientFor(carolKey, "unused").Signed(HttpMethod.Get, "/api/v1/account");
        Assert.Equal(-2015, carol.Code); // still disabled

        // The recovered engine carries on: ids continue after the old ones, and the ledger holds.
        long next = await alice.Rest("BTCUSDT", "BUY", "0.1", "29990");
        Assert.Equal(54, next);
        Assert.Empty(await venue.Venue().Sequencer.Inspect(core => core.CheckInvariants()));
    }

    [Fact]
    public void Pending_migrations_run_and_bump_the_version_with_the_data_intact()
    {
        string path = OldDatabase();
        var migrations = SchemaMigrations.Embedded.Append(new SchemaMigration(Latest + 1, "order_market",
            "ALTER TABLE orders ADD COLUMN market INTEGER NOT NULL DEFAULT 0; CREATE TABLE positions (account_id INTEGER NOT NULL, symbol TEXT NOT NULL, PRIMARY KEY (account_id, symbol));")).ToList();

        using (var writer = new SqliteStoreWriter(path, Level.Normal, migrations))
        using (var reader = new SqliteStoreReader(path))
        {
            Assert.Equal(1, writer.PreviousVersion);
            Assert.Equal(50, writer.Load().OpenOrders.Count);
            Assert.Equal(2, reader.RecentTrades("ETHUSDT", 10).Count);
        }
        Assert.Equal((Latest + 1).ToString(), Version(path));
        using (var c = Raw(path))
        {
            Assert.Equal(["0"], Column(c, "SELECT DISTINCT market FROM orders"));
            Assert.Equal(["positions"], Column(c, "SELECT name FROM sqlite_master WHERE name = 'positions'"));
        }
        using (var again = new SqliteStoreWriter(path, Level.Normal, migrations)) Assert.Equal(Latest + 1, again.PreviousVersion);
    }

    [Fact]
    public void A_failing_migration_changes_nothing()
    {
        string path = OldDatabase();
        string before = Contents(path);
        var migrations = SchemaMigrations.Embedded.Append(new SchemaMigration(Latest + 1, "broken",
            "CREATE TABLE half_done (id INTEGER); INSERT INTO no_such_table VALUES (1);")).ToList();

        Assert.Throws<SqliteException>(() => new SqliteStoreWriter(path, Level.Normal, migrations));

        Assert.Equal(before, Contents(path));
        Assert.Equal("1", Version(path));
    }

    [Fact]
    public void A_database_from_a_newer_build_is_refused_naming_the_file_and_both_versions()
    {
        string path = OldDatabase();
        using (var c = Raw(path))
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "UPDATE meta SET value = '7' WHERE key = 'schema_version'";
            cmd.ExecuteNonQuery();
        }
        string before = Contents(path);

        var e = Assert.Throws<SchemaVersionException>(() => new SqliteStoreWriter(path, Level.Normal));

        int latest = Latest;
        Assert.Contains($"'{Path.GetFullPath(path)}'", e.Message);
        Assert.Contains("schema version 7", e.Message);
        Assert.Contains($"knows versions up to {latest}", e.Message);
        Assert.Equal(before, Contents(path));

        // The server does not start on it either, and says why.
        using var venue = new JexSimFactory(databasePath: path);
        var startup = Assert.ThrowsAny<Exception>(() => venue.CreateClient());
        Assert.Contains("schema version 7", Assert.IsType<SchemaVersionException>(startup.GetBaseException()).Message);
        Assert.Equal(before, Contents(path));
    }

    [Fact]
    public void A_file_that_is_not_a_JexSim_database_is_refused()
    {
        string path = Path.Combine(_dir, "other.db");
        using (var c = Raw(path))
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "CREATE TABLE notes (text TEXT)";
            cmd.ExecuteNonQuery();
        }

        var e = Assert.Throws<SchemaVersionException>(() => new SqliteStoreWriter(path, Level.Normal));
        Assert.Contains("is not a JexSim database", e.Message);
        Assert.Contains(path, e.Message);
    }
}
