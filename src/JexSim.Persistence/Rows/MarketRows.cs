using Microsoft.Data.Sqlite;
using static JexSim.Persistence.Rows.RowSql;

namespace JexSim.Persistence.Rows;

/// <summary>The one mapping between <see cref="MarketRecord"/> and the markets table, both ways.</summary>
internal static class MarketRows
{
    private static readonly string[] Columns = ["symbol", "update_id", "last_price"];

    public static readonly string Select = RowSql.Select("markets", Columns);

    public static RawStatement PrepareUpsert(SqliteConnection connection) => Prepare(connection,
        Insert("INSERT", "markets", Columns, "ON CONFLICT(symbol) DO UPDATE SET update_id = excluded.update_id, last_price = excluded.last_price"), Columns);

    public static void Bind(RawStatement p, MarketRecord m)
    {
        Set(p, 0, m.Symbol); Set(p, 1, m.UpdateId); Set(p, 2, m.LastPrice);
    }

    public static MarketRecord Read(SqliteDataReader r) => new(r.GetString(0), r.GetInt64(1), r.GetInt64(2));
}
