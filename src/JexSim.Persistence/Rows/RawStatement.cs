using System.Buffers;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace JexSim.Persistence.Rows;

/// <summary>
/// One write statement prepared once on the writer's connection and bound through SQLite's own API: a long is bound as
/// a 64-bit integer (no boxing into <see cref="SqliteParameter.Value"/>), a string as UTF-8 from a stack buffer, and a
/// row costs one step and one reset (no data reader, no parameter lookup). It runs inside whatever transaction the
/// connection has open. Parameters are set by the position of their name in the column list the statement was
/// prepared with (0-based), whatever the order of the placeholders in the SQL.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private const int StackLimit = 512;
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    /// <summary>SQLite's (1-based) placeholder index of each named parameter.</summary>
    private readonly int[] _slots;

    /// <param name="parameters">The placeholder names without their '$', in the order <see cref="Set(int,long)"/> numbers them.</param>
    public RawStatement(SqliteConnection connection, string sql, string[] parameters)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        int rc = raw.sqlite3_prepare_v3(_db, sql, raw.SQLITE_PREPARE_PERSISTENT, out _statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
        _slots = new int[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            _slots[i] = raw.sqlite3_bind_parameter_index(_statement, "$" + parameters[i]);
            if (_slots[i] == 0)
            {
                _statement.Dispose();
                throw new ArgumentException($"the statement has no parameter ${parameters[i]}: {sql}", nameof(parameters));
            }
        }
    }

    public void Set(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, _slots[index], value));

    public void Set(int index, bool value) => Set(index, value ? 1L : 0L);

    /// <summary>A nullable integer column: null binds SQL NULL.</summary>
    public void Set(int index, long? value)
    {
        if (value is { } v) Set(index, v);
        else Check(raw.sqlite3_bind_null(_statement, _slots[index]));
    }

    public void Set(int index, string? value)
    {
        if (value is null) { Check(raw.sqlite3_bind_null(_statement, _slots[index])); return; }
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = max > StackLimit ? ArrayPool<byte>.Shared.Rent(max) : null;
        Span<byte> buffer = rented ?? stackalloc byte[StackLimit];
        try
        {
            int n = Encoding.UTF8.GetBytes(value, buffer);
            // SQLite copies the bytes (SQLITE_TRANSIENT), so the buffer may go as soon as the call returns.
            Check(raw.sqlite3_bind_text(_statement, _slots[index], buffer[..n]));
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Executes the bound row and resets the statement for the next one.</summary>
    public void Run()
    {
        int rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW) SqliteException.ThrowExceptionForRC(rc, _db);
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _db);
    }

    public void Dispose() => _statement.Dispose();
}
