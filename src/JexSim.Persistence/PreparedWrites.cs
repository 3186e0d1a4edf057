using JexSim.Persistence.Rows;
using Microsoft.Data.Sqlite;

namespace JexSim.Persistence;

/// <summary>
/// The group commit's statements, prepared once on the writer's connection; each commit runs them inside its own
/// transaction. An order changed by several commands of one batch (placed, then filled) is written once, in its last
/// state: the orders table keeps only an order's latest progress.
/// </summary>
internal sealed class PreparedWrites : IDisposable
{
    /// <summary>Past this many distinct orders in one batch (a fixture seed), the id set is trimmed after use.</summary>
    private const int SeenTrimAbove = 4096;
    private readonly HashSet<long> _seen = new();
    private readonly RawStatement _account, _disabled, _apiKey, _balance, _order, _trade, _candle, _market, _meta, _option, _settlement, _deposit, _withdrawal;
    private readonly RawStatement _contractBalance, _contractPosition, _contractPool, _contractFund, _contractBill, _contractMark, _contractFunding, _contractTrigger, _contractTriggerDelete;
    private readonly RawStatement[] _all;

    public PreparedWrites(SqliteConnection connection)
    {
        _account = AccountRows.PrepareInsert(connection);
        _disabled = AccountRows.PrepareSetDisabled(connection);
        _apiKey = ApiKeyRows.PrepareInsert(connection);
        _balance = BalanceRows.PrepareUpsert(connection);
        _order = OrderRows.PrepareUpsert(connection);
        _trade = TradeRows.PrepareInsert(connection);
        _candle = CandleRows.PrepareMerge(connection);
        _market = MarketRows.PrepareUpsert(connection);
        _meta = RowSql.Prepare(connection, "INSERT INTO meta(key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value", ["key", "value"]);
        _option = OptionRows.PrepareInsert(connection);
        _settlement = OptionRows.PrepareInsertSettlement(connection);
        _deposit = WalletRows.PrepareInsertDeposit(connection);
        _withdrawal = WalletRows.PrepareUpsertWithdrawal(connection);
        _contractBalance = ContractRows.PrepareBalance(connection);
        _contractPosition = ContractRows.PreparePosition(connection);
        _contractPool = ContractRows.PreparePool(connection);
        _contractFund = ContractRows.PrepareFund(connection);
        _contractBill = ContractRows.PrepareBill(connection);
        _contractMark = ContractRows.PrepareMark(connection);
        _contractFunding = ContractRows.PrepareFunding(connection);
        _contractTrigger = ContractRows.PrepareTrigger(connection);
        _contractTriggerDelete = ContractRows.PrepareTriggerDelete(connection);
        _all = [_account, _disabled, _apiKey, _balance, _order, _trade, _candle, _market, _meta, _option, _settlement, _deposit, _withdrawal,
            _contractBalance, _contractPosition, _contractPool, _contractFund, _contractBill, _contractMark, _contractFunding, _contractTrigger, _contractTriggerDelete];
    }

    /// <summary>Writes one batch's rows; the caller has the connection's transaction open.</summary>
    public void Write(CommitBatch batch)
    {
        foreach (var a in batch.Accounts) Run(_account, a, AccountRows.Bind);
        foreach (var (id, disabled) in batch.AccountFlags) { AccountRows.BindDisabled(_disabled, id, disabled); _disabled.Run(); }
        foreach (var k in batch.ApiKeys) Run(_apiKey, k, ApiKeyRows.Bind);
        foreach (var b in batch.Balances) Run(_balance, b, BalanceRows.Bind);
        WriteOrders(batch.Orders);
        foreach (var t in batch.Trades) Run(_trade, t, TradeRows.Bind);
        foreach (var k in CandleFolding.Fold(batch.Trades)) Run(_candle, k, CandleRows.Bind);
        foreach (var m in batch.Markets) Run(_market, m, MarketRows.Bind);
        foreach (var o in batch.OptionRecords) Run(_option, o, OptionRows.Bind);
        foreach (var s in batch.OptionSettlements) Run(_settlement, s, OptionRows.BindSettlement);
        foreach (var d in batch.Deposits) Run(_deposit, d, WalletRows.Bind);
        foreach (var w in batch.Withdrawals) Run(_withdrawal, w, WalletRows.Bind);
        foreach (var x in batch.ContractBalances) Run(_contractBalance, x, ContractRows.Bind);
        foreach (var x in batch.ContractPositions) Run(_contractPosition, x, ContractRows.Bind);
        foreach (var x in batch.ContractPools) Run(_contractPool, x, ContractRows.Bind);
        foreach (var x in batch.ContractFund) Run(_contractFund, x, ContractRows.Bind);
        foreach (var x in batch.ContractBills) Run(_contractBill, x, ContractRows.Bind);
        foreach (var x in batch.ContractMarks) Run(_contractMark, x, ContractRows.Bind);
        foreach (var x in batch.ContractFundings) Run(_contractFunding, x, ContractRows.Bind);
        foreach (var x in batch.ContractTriggers)
        {
            if (x.Waiting) Run(_contractTrigger, x, ContractRows.Bind);
            else Run(_contractTriggerDelete, x, ContractRows.BindTriggerDelete);
        }
        foreach (var (key, value) in batch.Meta)
        {
            _meta.Set(0, key); _meta.Set(1, value);
            _meta.Run();
        }
    }

    /// <summary>Each order once, in its last state of the batch (walked from the end; the rows' order does not matter).</summary>
    private void WriteOrders(List<OrderRecord> orders)
    {
        for (int i = orders.Count - 1; i >= 0; i--)
            if (_seen.Add(orders[i].Id)) Run(_order, orders[i], OrderRows.Bind);
        int distinct = _seen.Count;
        _seen.Clear();
        if (distinct > SeenTrimAbove) _seen.TrimExcess();
    }

    private static void Run<T>(RawStatement statement, T row, Action<RawStatement, T> bind)
    {
        bind(statement, row);
        statement.Run();
    }

    public void Dispose()
    {
        foreach (var c in _all) c.Dispose();
    }
}
