using Microsoft.Data.Sqlite;

namespace JexSim.Persistence.Rows;

/// <summary>
/// SQL built from one table's column list, so a row's columns, its reader (by ordinal) and its binder (by ordinal,
/// parameters named $column) are always in the same order.
/// </summary>
internal static class RowSql
{
    public static string Select(string table, string[] columns) => $"SELECT {string.Join(", ", columns)} FROM {table}";

    public static string Insert(string verb, string table, string[] columns, string onConflict = "") =>
        $"{verb} INTO {table}({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))}) {onConflict}";

    /// <summary>A command with one parameter per column, in column order, ready for <see cref="Set(SqliteParameterCollection,int,long)"/>.</summary>
    public static SqliteCommand Prepare(SqliteConnection connection, string sql, string[] columns)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var c in columns) cmd.Parameters.Add(new SqliteParameter { ParameterName = "$" + c });
        return cmd;
    }

    // Values are set in place on prepared parameters: no per-row arrays or parameter lookups by name.
    // (SqliteParameter.Value is an object, so a long still boxes; that is Microsoft.Data.Sqlite's API.)
    public static void Set(SqliteParameterCollection p, int i, long value) => p[i].Value = value;
    public static void Set(SqliteParameterCollection p, int i, bool value) => p[i].Value = value ? 1L : 0L;
    public static void Set(SqliteParameterCollection p, int i, string? value) => p[i].Value = (object?)value ?? DBNull.Value;
}
