using Microsoft.Data.Sqlite;
using static JexSim.Persistence.Rows.RowSql;

namespace JexSim.Persistence.Rows;

/// <summary>The one mapping between <see cref="AccountRecord"/> and the accounts table, both ways.</summary>
internal static class AccountRows
{
    private static readonly string[] Columns = ["id", "name", "disabled", "created_time"];

    public static readonly string Select = RowSql.Select("accounts", Columns);

    public static RawStatement PrepareInsert(SqliteConnection connection) => Prepare(connection, Insert("INSERT OR REPLACE", "accounts", Columns), Columns);

    public static RawStatement PrepareSetDisabled(SqliteConnection connection) =>
        Prepare(connection, "UPDATE accounts SET disabled = $disabled WHERE id = $id", ["id", "disabled"]);

    public static void Bind(RawStatement p, AccountRecord a)
    {
        Set(p, 0, a.Id); Set(p, 1, a.Name); Set(p, 2, a.Disabled); Set(p, 3, a.CreatedTime);
    }

    public static void BindDisabled(RawStatement p, long id, bool disabled)
    {
        Set(p, 0, id); Set(p, 1, disabled);
    }

    public static AccountRecord Read(SqliteDataReader r) => new(r.GetInt64(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetInt64(2) != 0, r.GetInt64(3));
}
