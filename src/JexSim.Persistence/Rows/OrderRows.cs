using JexSim.Engine;
using Microsoft.Data.Sqlite;
using static JexSim.Persistence.Rows.RowSql;

namespace JexSim.Persistence.Rows;

/// <summary>The one mapping between <see cref="OrderRecord"/> and the orders table, both ways.</summary>
internal static class OrderRows
{
    private static readonly string[] Columns =
        ["id", "account_id", "symbol", "side", "type", "time_in_force", "price", "quantity", "filled", "cumulative_quote", "status", "time", "update_time", "locked"];

    public static readonly string Select = RowSql.Select("orders", Columns);

    /// <summary>An order is inserted once and then only its progress changes.</summary>
    private static readonly string Upsert = Insert("INSERT", "orders", Columns,
        "ON CONFLICT(id) DO UPDATE SET filled = excluded.filled, cumulative_quote = excluded.cumulative_quote, status = excluded.status, " +
        "update_time = excluded.update_time, locked = excluded.locked");

    public static RawStatement PrepareUpsert(SqliteConnection connection) => Prepare(connection, Upsert, Columns);

    public static void Bind(RawStatement p, OrderRecord o)
    {
        Set(p, 0, o.Id); Set(p, 1, o.AccountId); Set(p, 2, o.Symbol); Set(p, 3, (long)o.Side); Set(p, 4, (long)o.Type); Set(p, 5, (long)o.TimeInForce);
        Set(p, 6, o.Price); Set(p, 7, o.Quantity); Set(p, 8, o.Filled); Set(p, 9, o.CumulativeQuote); Set(p, 10, (long)o.Status);
        Set(p, 11, o.Time); Set(p, 12, o.UpdateTime); Set(p, 13, o.Locked);
    }

    public static OrderRecord Read(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetString(2), (Side)r.GetInt64(3), (OrderType)r.GetInt64(4), (TimeInForce)r.GetInt64(5),
        r.GetInt64(6), r.GetInt64(7), r.GetInt64(8), r.GetInt64(9), (OrderStatus)r.GetInt64(10), r.GetInt64(11), r.GetInt64(12), r.GetInt64(13));
}
