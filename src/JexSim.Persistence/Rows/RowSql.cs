using Microsoft.Data.Sqlite;

namespace JexSim.Persistence.Rows;

/// <summary>
/// SQL built from one table's column list, so a row's columns, its reader (by ordinal) and its binder (by column
/// position, parameters named $column) are always in the same order.
/// </summary>
internal static class RowSql
{
    public static string Select(string table, string[] columns) => $"SELECT {string.Join(", ", columns)} FROM {table}";

    public static string Insert(string verb, string table, string[] columns, string onConflict = "") =>
        $"{verb} INTO {table}({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))}) {onConflict}";

    /// <summary>A statement with one parameter per column ($column), numbered in column order for <see cref="Set(RawStatement,int,long)"/>.</summary>
    public static RawStatement Prepare(SqliteConnection connection, string sql, string[] columns) => new(connection, sql, columns);

    // Values are bound in place on the prepared statement, by column position: no per-row arrays, no boxing.
    public static void Set(RawStatement p, int i, long value) => p.Set(i, value);
    public static void Set(RawStatement p, int i, bool value) => p.Set(i, value);
    public static void Set(RawStatement p, int i, string? value) => p.Set(i, value);
}
