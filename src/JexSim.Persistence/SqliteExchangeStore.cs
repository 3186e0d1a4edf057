using Dapper;
using JexSim.Engine;
using Microsoft.Data.Sqlite;

namespace JexSim.Persistence;

/// <summary>
/// SQLite state store. One write connection owned by the single writer, with prepared statements reused on
/// every group commit; reads use pooled connections and, in WAL mode, only ever see committed transactions.
/// Dapper serves the read side and the cold paths.
/// </summary>
public sealed class SqliteExchangeStore : IExchangeStore
{
    private readonly string _readConnectionString;
    private readonly SqliteConnection _writer;
    private readonly Durability _durability;
    private PreparedWrites? _writes;

    static SqliteExchangeStore()
    {
        SQLitePCL.Batteries_V2.Init();
    }

    public SqliteExchangeStore(string path, Durability durability)
    {
        Path = System.IO.Path.GetFullPath(path);
        _durability = durability;
        var dir = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);

        var writeBuilder = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        _readConnectionString = new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadOnly, Pooling = true }.ToString();
        _writer = new SqliteConnection(writeBuilder.ToString());
        _writer.Open();
        string synchronous = durability switch { Durability.Full => "FULL", Durability.Normal => "NORMAL", _ => "OFF" };
        Run($"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous}; PRAGMA busy_timeout=5000; PRAGMA temp_store=MEMORY;");
        // One transaction for the whole schema: one sync instead of one per CREATE (start-up time on an empty database).
        using var tx = _writer.BeginTransaction();
        Run(Schema.Create + $"INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', '{Schema.Version}');", tx);
        tx.Commit();
    }

    public string Path { get; }

    private void Run(string sql, SqliteTransaction? tx = null)
    {
        using var cmd = _writer.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        cmd.ExecuteNonQuery();
    }

    /// <summary>Plain reader loop for the start-up path (no per-query mapper generation: recovery runs once, cold).</summary>
    private List<T> Rows<T>(string sql, Func<SqliteDataReader, T> map)
    {
        using var cmd = _writer.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<T>();
        while (r.Read()) rows.Add(map(r));
        return rows;
    }

    public Durability Durability => _durability;

    /// <summary>A pragma's current value on the write connection (for diagnostics and tests).</summary>
    public string? Pragma(string name)
    {
        if (!name.All(c => char.IsAsciiLetter(c) || c == '_')) throw new ArgumentException("not a pragma name", nameof(name));
        return _writer.ExecuteScalar<object>($"PRAGMA {name}")?.ToString();
    }

    private SqliteConnection OpenRead()
    {
        var c = new SqliteConnection(_readConnectionString);
        c.Open();
        return c;
    }

    // ------------------------------------------------------------------ recovery

    public RecoveredState Load()
    {
        var accounts = Rows(AccountSelect, r => new AccountRecord(r.GetInt64(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetInt64(2) != 0, r.GetInt64(3)));
        var keys = Rows("SELECT api_key, secret_key, account_id, permissions FROM api_keys",
            r => new ApiKeyRecord(r.GetString(0), r.GetString(1), r.GetInt64(2), (int)r.GetInt64(3)));
        var balances = Rows("SELECT account_id, asset, free, locked FROM balances", r => new BalanceRecord(r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3)));
        // Only open orders are read: the history stays on disk (the orders_open partial index serves this).
        var open = Rows(OrderSelect + " WHERE status IN (0, 1) ORDER BY id", r => new OrderRecord(
            r.GetInt64(0), r.GetInt64(1), r.GetString(2), (Side)r.GetInt64(3), (OrderType)r.GetInt64(4), (TimeInForce)r.GetInt64(5),
            r.GetInt64(6), r.GetInt64(7), r.GetInt64(8), r.GetInt64(9), (OrderStatus)r.GetInt64(10), r.GetInt64(11), r.GetInt64(12), r.GetInt64(13)));
        var markets = Rows("SELECT symbol, update_id, last_price FROM markets", r => new MarketRecord(r.GetString(0), r.GetInt64(1), r.GetInt64(2)));
        long nextOrder = Rows("SELECT MAX(id) FROM orders", r => r.IsDBNull(0) ? 0 : r.GetInt64(0))[0] + 1;
        long nextTrade = Rows("SELECT MAX(id) FROM trades", r => r.IsDBNull(0) ? 0 : r.GetInt64(0))[0] + 1;
        var meta = Rows("SELECT key, value FROM meta", r => (r.GetString(0), r.GetString(1))).ToDictionary(r => r.Item1, r => r.Item2);
        return new RecoveredState(accounts, keys, balances, open, markets, nextOrder, nextTrade, meta);
    }

    public void Wipe()
    {
        using var tx = _writer.BeginTransaction();
        _writer.Execute("DELETE FROM api_keys; DELETE FROM balances; DELETE FROM orders; DELETE FROM trades; DELETE FROM candles_1m; DELETE FROM markets; DELETE FROM accounts; DELETE FROM meta WHERE key <> 'schema_version';", transaction: tx);
        tx.Commit();
    }

    public StoreSnapshot Snapshot()
    {
        var memory = new SqliteConnection("Data Source=:memory:");
        memory.Open();
        _writer.BackupDatabase(memory);
        return new SqliteSnapshot(memory);
    }

    public void Restore(StoreSnapshot snapshot)
    {
        if (snapshot is not SqliteSnapshot s) throw new ArgumentException("not a snapshot of this store", nameof(snapshot));
        s.Connection.BackupDatabase(_writer);
        // The copy carries the in-memory database's header; keep the file in WAL mode.
        _writer.Execute("PRAGMA journal_mode=WAL;");
    }

    private sealed class SqliteSnapshot(SqliteConnection connection) : StoreSnapshot
    {
        public SqliteConnection Connection { get; } = connection;
        public override void Dispose() => Connection.Dispose();
    }

    // ------------------------------------------------------------------ group commit

    public void Commit(CommitBatch batch)
    {
        if (batch.IsEmpty) return;
        _writes ??= new PreparedWrites(_writer);
        using var tx = _writer.BeginTransaction();
        _writes.Bind(tx);
        foreach (var a in batch.Accounts) _writes.InsertAccount(a);
        foreach (var (id, disabled) in batch.AccountFlags) _writes.SetDisabled(id, disabled);
        foreach (var k in batch.ApiKeys) _writes.InsertApiKey(k);
        foreach (var b in batch.Balances) _writes.UpsertBalance(b);
        foreach (var o in batch.Orders) _writes.UpsertOrder(o);
        foreach (var t in batch.Trades) _writes.InsertTrade(t);
        foreach (var candle in CandlesOf(batch.Trades)) _writes.MergeCandle(candle);
        foreach (var m in batch.Markets) _writes.UpsertMarket(m);
        foreach (var (k, v) in batch.Meta) _writes.UpsertMeta(k, v);
        tx.Commit();
    }

    /// <summary>Folds a batch's trades into one-minute candles (one merge per symbol and minute).</summary>
    private static IEnumerable<CandleRecord> CandlesOf(List<TradeRecord> trades)
    {
        if (trades.Count == 0) yield break;
        CandleRecord? current = null;
        foreach (var t in trades)
        {
            long minute = t.Time - Math.Abs(t.Time % 60_000);
            long takerBuy = t.BuyerMaker ? 0 : t.Quantity, takerBuyQuote = t.BuyerMaker ? 0 : t.QuoteQuantity;
            if (current is not null && current.Symbol == t.Symbol && current.OpenTime == minute)
            {
                current = current with
                {
                    High = Math.Max(current.High, t.Price), Low = Math.Min(current.Low, t.Price), Close = t.Price,
                    Volume = Volume.Add(current.Volume, t.Quantity), QuoteVolume = Volume.Add(current.QuoteVolume, t.QuoteQuantity), Trades = current.Trades + 1,
                    TakerBuyVolume = Volume.Add(current.TakerBuyVolume, takerBuy), TakerBuyQuoteVolume = Volume.Add(current.TakerBuyQuoteVolume, takerBuyQuote),
                };
                continue;
            }
            if (current is not null) yield return current;
            current = new CandleRecord(t.Symbol, minute, t.Price, t.Price, t.Price, t.Price, t.Quantity, t.QuoteQuantity, 1, takerBuy, takerBuyQuote);
        }
        if (current is not null) yield return current;
    }

    // ------------------------------------------------------------------ queries (committed state only)

    private const string OrderSelect =
        "SELECT id, account_id, symbol, side, type, time_in_force, price, quantity, filled, cumulative_quote, status, time, update_time, locked FROM orders";

    private static OrderRecord MapOrder(dynamic r) => new(
        (long)r.id, (long)r.account_id, (string)r.symbol, (Side)(long)r.side, (OrderType)(long)r.type, (TimeInForce)(long)r.time_in_force,
        (long)r.price, (long)r.quantity, (long)r.filled, (long)r.cumulative_quote, (OrderStatus)(long)r.status,
        (long)r.time, (long)r.update_time, (long)r.locked);

    private const string TradeSelect =
        "SELECT id, symbol, price, quantity, quote_quantity, time, buy_order_id, sell_order_id, buyer_account_id, seller_account_id, buyer_maker, buyer_fee, seller_fee FROM trades";

    private static TradeRecord MapTrade(dynamic r) => new(
        (long)r.id, (string)r.symbol, (long)r.price, (long)r.quantity, (long)r.quote_quantity, (long)r.time,
        (long)r.buy_order_id, (long)r.sell_order_id, (long)r.buyer_account_id, (long)r.seller_account_id, (long)r.buyer_maker != 0,
        (long)r.buyer_fee, (long)r.seller_fee);

    private const string AccountSelect = "SELECT id, name, disabled, created_time FROM accounts ORDER BY id";

    private static AccountRecord MapAccount(dynamic r) => new((long)r.id, (string?)r.name, (long)r.disabled != 0, (long)r.created_time);

    public IReadOnlyList<BalanceRecord> Balances(long accountId)
    {
        using var c = OpenRead();
        return c.Query<BalanceRecord>("SELECT account_id AS AccountId, asset AS Asset, free AS Free, locked AS Locked FROM balances WHERE account_id = @accountId ORDER BY asset", new { accountId }).AsList();
    }

    public OrderRecord? Order(long accountId, string symbol, long orderId)
    {
        using var c = OpenRead();
        var row = c.QueryFirstOrDefault(OrderSelect + " WHERE id = @orderId AND account_id = @accountId AND symbol = @symbol", new { orderId, accountId, symbol });
        return row is null ? null : MapOrder(row);
    }

    public IReadOnlyList<OrderRecord> OpenOrders(long accountId, string symbol, OrderQuery query) =>
        QueryOrders(accountId, symbol, query, "status IN (0, 1)");

    public IReadOnlyList<OrderRecord> HistoryOrders(long accountId, string symbol, OrderQuery query) =>
        QueryOrders(accountId, symbol, query, null);

    private IReadOnlyList<OrderRecord> QueryOrders(long accountId, string symbol, OrderQuery q, string? extra)
    {
        var where = "account_id = @accountId AND symbol = @symbol";
        if (extra is not null) where += " AND " + extra;
        if (q.FromOrderId is not null) where += " AND id > @from";
        if (q.StartTime is not null) where += " AND time >= @start";
        if (q.EndTime is not null) where += " AND time <= @end";
        // With a starting id the oldest orders after it come first; otherwise the newest ones. Either way ascending.
        string order = q.FromOrderId is not null ? "ASC" : "DESC";
        using var c = OpenRead();
        var rows = c.Query($"{OrderSelect} WHERE {where} ORDER BY id {order} LIMIT @limit",
            new { accountId, symbol, from = q.FromOrderId, start = q.StartTime, end = q.EndTime, limit = q.Limit }).Select(MapOrder).ToList();
        if (order == "DESC") rows.Reverse();
        return rows;
    }

    public IReadOnlyList<TradeRecord> RecentTrades(string symbol, int limit)
    {
        using var c = OpenRead();
        var rows = c.Query(TradeSelect + " WHERE symbol = @symbol ORDER BY id DESC LIMIT @limit", new { symbol, limit }).Select(MapTrade).ToList();
        rows.Reverse();
        return rows;
    }

    public IReadOnlyList<TradeRecord> TradesFrom(string symbol, long fromId, int limit)
    {
        using var c = OpenRead();
        return c.Query(TradeSelect + " WHERE symbol = @symbol AND id >= @fromId ORDER BY id ASC LIMIT @limit", new { symbol, fromId, limit }).Select(MapTrade).ToList();
    }

    private const string CandleSelect =
        "SELECT symbol, open_time, open, high, low, close, volume, quote_volume, trades, taker_buy_volume, taker_buy_quote_volume FROM candles_1m";

    public IReadOnlyList<CandleRecord> Candles(string symbol, long fromOpenTime, long toOpenTime)
    {
        using var c = OpenRead();
        return ReadCandles(c, CandleSelect + " WHERE symbol = @symbol AND open_time >= @fromOpenTime AND open_time <= @toOpenTime ORDER BY open_time",
            new { symbol, fromOpenTime, toOpenTime });
    }

    public CandleRecord? LastCandleBefore(string symbol, long openTime)
    {
        using var c = OpenRead();
        var rows = ReadCandles(c, CandleSelect + " WHERE symbol = @symbol AND open_time < @openTime ORDER BY open_time DESC LIMIT 1", new { symbol, openTime });
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>
    /// Candles read column by column with GetInt64, which also turns a REAL an older version may have stored for an
    /// overflowing volume into the nearest integer (saturated), where a typed mapping would fail the whole query.
    /// </summary>
    private static List<CandleRecord> ReadCandles(SqliteConnection c, string sql, object parameters)
    {
        using var r = c.ExecuteReader(sql, parameters);
        var rows = new List<CandleRecord>();
        while (r.Read())
            rows.Add(new CandleRecord(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5),
                r.GetInt64(6), r.GetInt64(7), r.GetInt64(8), r.GetInt64(9), r.GetInt64(10)));
        return rows;
    }

    public (long QuoteVolume, long Volume) TradeVolumeSince(string symbol, long since)
    {
        using var c = OpenRead();
        try
        {
            var r = c.QueryFirst<(long?, long?)>("SELECT SUM(quote_quantity), SUM(quantity) FROM trades WHERE symbol = @symbol AND time >= @since", new { symbol, since });
            return (r.Item1 ?? 0, r.Item2 ?? 0);
        }
        catch (SqliteException e) when (e.Message.Contains("integer overflow", StringComparison.OrdinalIgnoreCase))
        {
            // Sums past the fixed-point range: TOTAL() adds in floating point; the ratio (an average price) stays meaningful.
            var r = c.QueryFirst<(double, double)>("SELECT TOTAL(quote_quantity), TOTAL(quantity) FROM trades WHERE symbol = @symbol AND time >= @since", new { symbol, since });
            double scale = Math.Max(r.Item1, r.Item2) / long.MaxValue;
            return scale <= 1 ? ((long)r.Item1, (long)r.Item2) : ((long)(r.Item1 / scale), (long)(r.Item2 / scale));
        }
    }

    public IReadOnlyList<AccountRecord> Accounts()
    {
        using var c = OpenRead();
        return c.Query(AccountSelect).Select(MapAccount).ToList();
    }

    public void Dispose()
    {
        _writes?.Dispose();
        _writer.Dispose();
        SqliteConnection.ClearAllPools();
    }
}
