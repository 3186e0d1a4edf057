using Microsoft.Data.Sqlite;
using static JexSim.Persistence.Rows.RowSql;

namespace JexSim.Persistence.Rows;

/// <summary>The one mapping between <see cref="OptionRecord"/>/<see cref="OptionSettlementRecord"/> and the option tables, both ways.</summary>
internal static class OptionRows
{
    /// <summary>Inserted without the id: SQLite numbers the records in commit order.</summary>
    private static readonly string[] Columns = ["account_id", "symbol", "status", "amount", "margin_amount", "base_amount", "price", "payout", "time"];
    private static readonly string[] SettlementColumns = ["symbol", "price", "payoff", "time"];

    public static readonly string Select = RowSql.Select("option_records", ["id", .. Columns]);
    public static readonly string SelectSettlements = RowSql.Select("option_settlements", SettlementColumns);

    /// <summary>Each writer's position, summed from the records (released, backed, settled).</summary>
    public const string SelectWriters =
        "SELECT account_id, symbol, SUM(CASE status WHEN 1 THEN amount ELSE 0 END), SUM(CASE status WHEN 2 THEN amount ELSE 0 END), " +
        "SUM(CASE status WHEN 3 THEN amount ELSE 0 END) FROM option_records WHERE status IN (1, 2, 3) GROUP BY account_id, symbol ORDER BY account_id, symbol";

    public const string SelectWriter =
        "SELECT account_id, symbol, SUM(CASE status WHEN 1 THEN amount ELSE 0 END), SUM(CASE status WHEN 2 THEN amount ELSE 0 END), " +
        "SUM(CASE status WHEN 3 THEN amount ELSE 0 END) FROM option_records WHERE account_id = $account AND symbol = $symbol AND status IN (1, 2, 3) GROUP BY account_id, symbol";

    public static RawStatement PrepareInsert(SqliteConnection connection) => Prepare(connection, Insert("INSERT", "option_records", Columns), Columns);

    public static RawStatement PrepareInsertSettlement(SqliteConnection connection) =>
        Prepare(connection, Insert("INSERT", "option_settlements", SettlementColumns), SettlementColumns);

    public static void Bind(RawStatement p, OptionRecord o)
    {
        Set(p, 0, o.AccountId); Set(p, 1, o.Symbol); Set(p, 2, o.Status); Set(p, 3, o.Amount); Set(p, 4, o.MarginAmount);
        Set(p, 5, o.BaseAmount); Set(p, 6, o.Price); Set(p, 7, o.Payout); Set(p, 8, o.Time);
    }

    public static void BindSettlement(RawStatement p, OptionSettlementRecord s)
    {
        Set(p, 0, s.Symbol); Set(p, 1, s.Price); Set(p, 2, s.Payoff); Set(p, 3, s.Time);
    }

    public static OptionRecord Read(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetString(2), (int)r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7), r.GetInt64(8), r.GetInt64(9));

    public static OptionSettlementRecord ReadSettlement(SqliteDataReader r) => new(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3));

    public static OptionWriterRecord ReadWriter(SqliteDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4));
}
