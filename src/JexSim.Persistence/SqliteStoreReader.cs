using JexSim.Persistence.Rows;
using Microsoft.Data.Sqlite;

namespace JexSim.Persistence;

/// <summary>
/// The SQLite read side: pooled read-only connections, one per query. The database runs in WAL mode, so a query
/// sees committed group commits only and never waits for the writer. Open it after the writer (which migrates).
/// </summary>
public sealed class SqliteStoreReader(string path) : IStoreReader
{
    private readonly string _connectionString =
        new SqliteConnectionStringBuilder { DataSource = System.IO.Path.GetFullPath(path), Mode = SqliteOpenMode.ReadOnly, Pooling = true }.ToString();

    private SqliteConnection Open()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        return c;
    }

    public IReadOnlyList<AccountRecord> Accounts()
    {
        using var c = Open();
        return SqliteQuery.List(c, AccountRows.Select + " ORDER BY id", AccountRows.Read);
    }

    public IReadOnlyList<BalanceRecord> Balances(long accountId)
    {
        using var c = Open();
        return SqliteQuery.List(c, BalanceRows.Select + " WHERE account_id = $account ORDER BY asset", BalanceRows.Read, ("$account", accountId));
    }

    public OrderRecord? Order(long accountId, string symbol, long orderId)
    {
        using var c = Open();
        return SqliteQuery.First(c, OrderRows.Select + " WHERE id = $id AND account_id = $account AND symbol = $symbol", OrderRows.Read,
            ("$id", orderId), ("$account", accountId), ("$symbol", symbol));
    }

    public IReadOnlyList<OrderRecord> OpenOrders(long accountId, string symbol, OrderQuery query) =>
        QueryOrders(accountId, symbol, query, openOnly: true);

    public IReadOnlyList<OrderRecord> MarketOrders(long accountId, string symbol, OrderQuery query) =>
        QueryOrders(accountId, symbol, query, openOnly: false, marketOnly: true);

    public OrderRecord? OrderById(long accountId, long orderId)
    {
        using var c = Open();
        return SqliteQuery.First(c, OrderRows.Select + " WHERE id = $id AND account_id = $account", OrderRows.Read, ("$id", orderId), ("$account", accountId));
    }

    public IReadOnlyList<OrderRecord> HistoryOrders(long accountId, string symbol, OrderQuery query) =>
        QueryOrders(accountId, symbol, query, openOnly: false);

    private List<OrderRecord> QueryOrders(long accountId, string symbol, OrderQuery q, bool openOnly, bool marketOnly = false)
    {
        var where = "account_id = $account AND symbol = $symbol";
        if (openOnly) where += $" AND status IN (0, 1, {(int)Engine.OrderStatus.Untriggered})";
        if (marketOnly) where += $" AND type IN ({(int)Engine.OrderType.Market}, {(int)Engine.OrderType.Flat})";
        if (q.FromOrderId is not null) where += " AND id > $from";
        if (q.StartTime is not null) where += " AND time >= $start";
        if (q.EndTime is not null) where += " AND time <= $end";
        // With a starting id the oldest orders after it come first; otherwise the newest ones. Either way ascending.
        bool newest = q.FromOrderId is null;
        using var c = Open();
        var rows = SqliteQuery.List(c, $"{OrderRows.Select} WHERE {where} ORDER BY id {(newest ? "DESC" : "ASC")} LIMIT $limit", OrderRows.Read,
            ("$account", accountId), ("$symbol", symbol), ("$from", q.FromOrderId), ("$start", q.StartTime), ("$end", q.EndTime), ("$limit", q.Limit));
        if (newest) rows.Reverse();
        return rows;
    }

    public IReadOnlyList<TradeRecord> RecentTrades(string symbol, int limit)
    {
        using var c = Open();
        var rows = SqliteQuery.List(c, TradeRows.Select + " WHERE symbol = $symbol ORDER BY id DESC LIMIT $limit", TradeRows.Read, ("$symbol", symbol), ("$limit", limit));
        rows.Reverse();
        return rows;
    }

    public IReadOnlyList<TradeRecord> TradesFrom(string symbol, long fromId, int limit)
    {
        using var c = Open();
        return SqliteQuery.List(c, TradeRows.Select + " WHERE symbol = $symbol AND id >= $from ORDER BY id ASC LIMIT $limit", TradeRows.Read,
            ("$symbol", symbol), ("$from", fromId), ("$limit", limit));
    }

    public IReadOnlyList<CandleRecord> Candles(string symbol, long fromOpenTime, long toOpenTime)
    {
        using var c = Open();
        return SqliteQuery.List(c, CandleRows.Select + " WHERE symbol = $symbol AND open_time >= $from AND open_time <= $to ORDER BY open_time", CandleRows.Read,
            ("$symbol", symbol), ("$from", fromOpenTime), ("$to", toOpenTime));
    }

    public CandleRecord? LastCandleBefore(string symbol, long openTime)
    {
        using var c = Open();
        return SqliteQuery.First(c, CandleRows.Select + " WHERE symbol = $symbol AND open_time < $before ORDER BY open_time DESC LIMIT 1", CandleRows.Read,
            ("$symbol", symbol), ("$before", openTime));
    }

    public (long QuoteVolume, long Volume) TradeVolumeSince(string symbol, long since)
    {
        using var c = Open();
        try
        {
            return SqliteQuery.List(c, "SELECT SUM(quote_quantity), SUM(quantity) FROM trades WHERE symbol = $symbol AND time >= $since",
                r => (r.IsDBNull(0) ? 0 : r.GetInt64(0), r.IsDBNull(1) ? 0 : r.GetInt64(1)), ("$symbol", symbol), ("$since", since))[0];
        }
        catch (SqliteException e) when (e.Message.Contains("integer overflow", StringComparison.OrdinalIgnoreCase))
        {
            // Sums past the fixed-point range: TOTAL() adds in floating point; the ratio (an average price) stays meaningful.
            var (quote, quantity) = SqliteQuery.List(c, "SELECT TOTAL(quote_quantity), TOTAL(quantity) FROM trades WHERE symbol = $symbol AND time >= $since",
                r => (r.GetDouble(0), r.GetDouble(1)), ("$symbol", symbol), ("$since", since))[0];
            double scale = Math.Max(quote, quantity) / long.MaxValue;
            return scale <= 1 ? ((long)quote, (long)quantity) : ((long)(quote / scale), (long)(quantity / scale));
        }
    }

    public IReadOnlyList<OptionRecord> OptionRecords(long accountId, string? symbol, long? fromId, long? startTime, long? endTime, int limit)
    {
        var where = "account_id = $account";
        if (symbol is not null) where += " AND symbol = $symbol";
        if (fromId is not null) where += " AND id >= $from";
        if (startTime is not null) where += " AND time >= $start";
        if (endTime is not null) where += " AND time <= $end";
        bool newest = fromId is null;
        using var c = Open();
        var rows = SqliteQuery.List(c, $"{OptionRows.Select} WHERE {where} ORDER BY id {(newest ? "DESC" : "ASC")} LIMIT $limit", OptionRows.Read,
            ("$account", accountId), ("$symbol", symbol), ("$from", fromId), ("$start", startTime), ("$end", endTime), ("$limit", limit));
        if (newest) rows.Reverse();
        return rows;
    }

    public IReadOnlyList<OptionSettlementRecord> OptionSettlements()
    {
        using var c = Open();
        return SqliteQuery.List(c, OptionRows.SelectSettlements + " ORDER BY symbol", OptionRows.ReadSettlement);
    }

    public IReadOnlyList<DepositRecord> Deposits(long accountId, string? asset, int? status, long? startTime, long? endTime)
    {
        var where = "account_id = $account";
        if (asset is not null) where += " AND asset = $asset";
        if (status is not null) where += " AND status = $status";
        if (startTime is not null) where += " AND time >= $start";
        if (endTime is not null) where += " AND time <= $end";
        using var c = Open();
        return SqliteQuery.List(c, $"{WalletRows.SelectDeposits} WHERE {where} ORDER BY time DESC, id DESC", WalletRows.ReadDeposit,
            ("$account", accountId), ("$asset", asset), ("$status", status), ("$start", startTime), ("$end", endTime));
    }

    public IReadOnlyList<WithdrawalRecord> Withdrawals(long accountId, string? asset, long? startTime, long? endTime)
    {
        var where = "account_id = $account";
        if (asset is not null) where += " AND asset = $asset";
        if (startTime is not null) where += " AND apply_time >= $start";
        if (endTime is not null) where += " AND apply_time <= $end";
        using var c = Open();
        return SqliteQuery.List(c, $"{WalletRows.SelectWithdrawals} WHERE {where} ORDER BY apply_time DESC, seq DESC", WalletRows.ReadWithdrawal,
            ("$account", accountId), ("$asset", asset), ("$start", startTime), ("$end", endTime));
    }

    public OptionWriterRecord OptionWriter(long accountId, string symbol)
    {
        using var c = Open();
        return SqliteQuery.List(c, OptionRows.SelectWriter, OptionRows.ReadWriter, ("$account", accountId), ("$symbol", symbol)).FirstOrDefault()
            ?? new OptionWriterRecord(accountId, symbol, 0, 0, 0);
    }

    public (long Quantity, long Quote) BoughtBy(long accountId, string symbol)
    {
        using var c = Open();
        return SqliteQuery.List(c, "SELECT SUM(quantity - buyer_fee), SUM(quote_quantity) FROM trades WHERE symbol = $symbol AND buyer_account_id = $account",
            r => (r.IsDBNull(0) ? 0 : r.GetInt64(0), r.IsDBNull(1) ? 0 : r.GetInt64(1)), ("$symbol", symbol), ("$account", accountId))[0];
    }

    public IReadOnlyList<ContractBalanceRecord> ContractBalances(long accountId)
    {
        using var c = Open();
        return SqliteQuery.List(c, ContractRows.SelectBalances + " WHERE account_id = $account ORDER BY asset", ContractRows.ReadBalance, ("$account", accountId));
    }

    public IReadOnlyList<ContractPositionRecord> ContractPositions(long accountId)
    {
        using var c = Open();
        return SqliteQuery.List(c, ContractRows.SelectPositions + " WHERE account_id = $account ORDER BY symbol", ContractRows.ReadPosition, ("$account", accountId));
    }

    public IReadOnlyList<ContractMarkRecord> ContractMarks()
    {
        using var c = Open();
        return SqliteQuery.List(c, ContractRows.SelectMarks, ContractRows.ReadMark);
    }

    public IReadOnlyList<ContractBillRecord> ContractBills(long accountId, OrderQuery q) =>
        HistoryPage(ContractRows.SelectBills, "account_id", accountId, q, ContractRows.ReadBill);

    public IReadOnlyList<ContractFundingRecord> ContractFundingHistory(string symbol, OrderQuery q) =>
        HistoryPage(ContractRows.SelectFunding, "symbol", symbol, q, ContractRows.ReadFunding);

    public IReadOnlyList<ContractFundRecord> ContractFundHistory(string asset, OrderQuery q) =>
        HistoryPage(ContractRows.SelectFund, "asset", asset, q, ContractRows.ReadFund);

    /// <summary>
    /// One page of an id-numbered history (bills, fundings, fund entries) whose <paramref name="keyColumn"/> is
    /// <paramref name="key"/>: after <c>fromId</c> in ascending order when given, else the newest <c>limit</c> rows,
    /// returned oldest first; <c>startTime</c>/<c>endTime</c> bound the <c>time</c> column.
    /// </summary>
    private List<T> HistoryPage<T>(string select, string keyColumn, object key, OrderQuery q, Func<SqliteDataReader, T> read)
    {
        var where = $"{keyColumn} = $key";
        if (q.FromOrderId is not null) where += " AND id > $from";
        if (q.StartTime is not null) where += " AND time >= $start";
        if (q.EndTime is not null) where += " AND time <= $end";
        bool newest = q.FromOrderId is null;
        using var c = Open();
        var rows = SqliteQuery.List(c, $"{select} WHERE {where} ORDER BY id {(newest ? "DESC" : "ASC")} LIMIT $limit", read,
            ("$key", key), ("$from", q.FromOrderId), ("$start", q.StartTime), ("$end", q.EndTime), ("$limit", q.Limit));
        if (newest) rows.Reverse();
        return rows;
    }

    public IReadOnlyList<TradeRecord> AccountTrades(long accountId, string symbol, long? endId, int limit)
    {
        using var c = Open();
        var rows = SqliteQuery.List(c,
            $"SELECT * FROM ({TradeRows.Select} WHERE buyer_account_id = $account AND symbol = $symbol AND id < $end " +
            $"UNION {TradeRows.Select} WHERE seller_account_id = $account AND symbol = $symbol AND id < $end) ORDER BY id DESC LIMIT $limit",
            TradeRows.Read, ("$account", accountId), ("$symbol", symbol), ("$end", endId ?? long.MaxValue), ("$limit", limit));
        rows.Reverse();
        return rows;
    }

    /// <summary>Closes this reader's idle pooled connections.</summary>
    public void Dispose()
    {
        using var c = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(c);
    }
}
