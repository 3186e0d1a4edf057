using Microsoft.Data.Sqlite;
using static JexSim.Persistence.Rows.RowSql;

namespace JexSim.Persistence.Rows;

/// <summary>The one mapping between <see cref="BalanceRecord"/> and the balances table, both ways.</summary>
internal static class BalanceRows
{
    private static readonly string[] Columns = ["account_id", "asset", "free", "locked"];

    public static readonly string Select = RowSql.Select("balances", Columns);

    public static RawStatement PrepareUpsert(SqliteConnection connection) => Prepare(connection,
        Insert("INSERT", "balances", Columns, "ON CONFLICT(account_id, asset) DO UPDATE SET free = excluded.free, locked = excluded.locked"), Columns);

    public static void Bind(RawStatement p, BalanceRecord b)
    {
        Set(p, 0, b.AccountId); Set(p, 1, b.Asset); Set(p, 2, b.Free); Set(p, 3, b.Locked);
    }

    public static BalanceRecord Read(SqliteDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3));
}
