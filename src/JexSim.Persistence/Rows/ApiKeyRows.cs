using Microsoft.Data.Sqlite;
using static JexSim.Persistence.Rows.RowSql;

namespace JexSim.Persistence.Rows;

/// <summary>The one mapping between <see cref="ApiKeyRecord"/> and the api_keys table, both ways.</summary>
internal static class ApiKeyRows
{
    private static readonly string[] Columns = ["api_key", "secret_key", "account_id", "permissions"];

    public static readonly string Select = RowSql.Select("api_keys", Columns);

    public static RawStatement PrepareInsert(SqliteConnection connection) => Prepare(connection, Insert("INSERT OR REPLACE", "api_keys", Columns), Columns);

    public static void Bind(RawStatement p, ApiKeyRecord k)
    {
        Set(p, 0, k.ApiKey); Set(p, 1, k.SecretKey); Set(p, 2, k.AccountId); Set(p, 3, k.Permissions);
    }

    public static ApiKeyRecord Read(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.GetInt64(2), (int)r.GetInt64(3));
}
