using JexSim.Persistence.Migrations;
using JexSim.Persistence.Rows;
using Microsoft.Data.Sqlite;

namespace JexSim.Persistence;

/// <summary>
/// The SQLite write side: one connection owned by the single writer. Opening it migrates the schema (one
/// transaction); each group commit runs prepared statements reused from commit to commit.
/// </summary>
public sealed class SqliteStoreWriter : IStoreWriter
{
    private readonly SqliteConnection _connection;
    private PreparedWrites? _writes;

    static SqliteStoreWriter()
    {
        SQLitePCL.Batteries_V2.Init();
    }

    public SqliteStoreWriter(string path, Durability durability) : this(path, durability, SchemaMigrations.Embedded) { }

    /// <summary>Opens (or creates) the database and brings it to the last of <paramref name="migrations"/>.</summary>
    /// <exception cref="SchemaVersionException">The file was written by a newer build, or is not a JexSim database.</exception>
    public SqliteStoreWriter(string path, Durability durability, IReadOnlyList<SchemaMigration> migrations)
    {
        Path = System.IO.Path.GetFullPath(path);
        Durability = durability;
        var dir = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);

        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        _connection.Open();
        try
        {
            string synchronous = durability switch { Durability.Full => "FULL", Durability.Normal => "NORMAL", _ => "OFF" };
            Execute($"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous}; PRAGMA busy_timeout=5000; PRAGMA temp_store=MEMORY;");
            PreviousVersion = SchemaMigrations.Apply(_connection, Path, migrations);
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    public string Path { get; }

    public Durability Durability { get; }

    /// <summary>The schema version the file had when opened (0: it was new), before migrations ran.</summary>
    public int PreviousVersion { get; }

    /// <summary>A pragma's current value on the write connection (for diagnostics and tests).</summary>
    public string? Pragma(string name)
    {
        if (!name.All(c => char.IsAsciiLetter(c) || c == '_')) throw new ArgumentException("not a pragma name", nameof(name));
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = $"PRAGMA {name}";
        return cmd.ExecuteScalar()?.ToString();
    }

    private void Execute(string sql, SqliteTransaction? tx = null)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        cmd.ExecuteNonQuery();
    }

    public RecoveredState Load()
    {
        var c = _connection;
        var accounts = SqliteQuery.List(c, AccountRows.Select + " ORDER BY id", AccountRows.Read);
        var keys = SqliteQuery.List(c, ApiKeyRows.Select, ApiKeyRows.Read);
        var balances = SqliteQuery.List(c, BalanceRows.Select, BalanceRows.Read);
        // Only open orders are read: the history stays on disk (the orders_open_by_id partial index serves this).
        var open = SqliteQuery.List(c, OrderRows.Select + " WHERE status IN (0, 1) ORDER BY id", OrderRows.Read);
        var markets = SqliteQuery.List(c, MarketRows.Select, MarketRows.Read);
        // Contract orders are numbered from 2^62 + 1 (see ContractRecoveredState.NextOrderId); spot and option ids below.
        long nextOrder = SqliteQuery.List(c, $"SELECT MAX(id) FROM orders WHERE id < {ContractRows.FirstOrderId}", r => r.IsDBNull(0) ? 0 : r.GetInt64(0))[0] + 1;
        long nextTrade = SqliteQuery.List(c, "SELECT MAX(id) FROM trades", r => r.IsDBNull(0) ? 0 : r.GetInt64(0))[0] + 1;
        var meta = SqliteQuery.List(c, "SELECT key, value FROM meta", r => (Key: r.GetString(0), Value: r.GetString(1))).ToDictionary(r => r.Key, r => r.Value);
        return new RecoveredState(accounts, keys, balances, open, markets, nextOrder, nextTrade, meta)
        {
            OptionWriters = SqliteQuery.List(c, OptionRows.SelectWriters, OptionRows.ReadWriter),
            OptionSettlements = SqliteQuery.List(c, OptionRows.SelectSettlements, OptionRows.ReadSettlement),
            Deposits = SqliteQuery.List(c, WalletRows.SelectDeposits + " ORDER BY id", WalletRows.ReadDeposit),
            Withdrawals = SqliteQuery.List(c, WalletRows.SelectWithdrawals + " ORDER BY seq", WalletRows.ReadWithdrawal),
        };
    }

    public ContractRecoveredState LoadContracts()
    {
        var c = _connection;
        return new ContractRecoveredState(
            SqliteQuery.List(c, ContractRows.SelectBalances, ContractRows.ReadBalance),
            SqliteQuery.List(c, ContractRows.SelectPositions, ContractRows.ReadPosition),
            SqliteQuery.List(c, ContractRows.SelectPools, ContractRows.ReadPool),
            SqliteQuery.List(c, ContractRows.SelectMarks, ContractRows.ReadMark),
            SqliteQuery.List(c, ContractRows.SelectTriggers + " ORDER BY id", ContractRows.ReadTrigger),
            SqliteQuery.List(c, $"SELECT MAX(id) FROM orders WHERE id >= {ContractRows.FirstOrderId}", r => r.IsDBNull(0) ? 0 : r.GetInt64(0) + 1)[0]);
    }

    public void Commit(CommitBatch batch)
    {
        if (batch.IsEmpty) return;
        _writes ??= new PreparedWrites(_connection);
        using var tx = _connection.BeginTransaction();
        _writes.Write(batch);
        tx.Commit();
    }

    public void Wipe()
    {
        using var tx = _connection.BeginTransaction();
        Execute("DELETE FROM api_keys; DELETE FROM balances; DELETE FROM orders; DELETE FROM trades; DELETE FROM candles_1m; DELETE FROM markets; " +
            "DELETE FROM accounts; DELETE FROM option_records; DELETE FROM option_settlements; DELETE FROM meta WHERE key <> 'schema_version'; " + WalletRows.Wipe + ContractRows.Wipe, tx);
        tx.Commit();
    }

    public StoreSnapshot Snapshot()
    {
        var memory = new SqliteConnection("Data Source=:memory:;Pooling=False");
        memory.Open();
        _connection.BackupDatabase(memory);
        return new SqliteSnapshot(memory);
    }

    public void Restore(StoreSnapshot snapshot)
    {
        if (snapshot is not SqliteSnapshot s) throw new ArgumentException("not a snapshot of this store", nameof(snapshot));
        s.Connection.BackupDatabase(_connection);
        // The copy carries the in-memory database's header; keep the file in WAL mode.
        Execute("PRAGMA journal_mode=WAL;");
    }

    private sealed class SqliteSnapshot(SqliteConnection connection) : StoreSnapshot
    {
        public SqliteConnection Connection { get; } = connection;
        public override void Dispose() => Connection.Dispose();
    }

    public void Dispose()
    {
        _writes?.Dispose();
        _connection.Dispose();
    }
}
