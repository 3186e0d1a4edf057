using Microsoft.Data.Sqlite;

namespace JexSim.Persistence;

/// <summary>The read style of the store: SQL text, named parameters, and a row mapper that reads by ordinal.</summary>
internal static class SqliteQuery
{
    public static List<T> List<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var cmd = Command(connection, sql, parameters);
        using var r = cmd.ExecuteReader();
        var rows = new List<T>();
        while (r.Read()) rows.Add(read(r));
        return rows;
    }

    public static T? First<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read, params ReadOnlySpan<(string Name, object? Value)> parameters) where T : class
    {
        using var cmd = Command(connection, sql, parameters);
        using var r = cmd.ExecuteReader();
        return r.Read() ? read(r) : null;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd;
    }
}
