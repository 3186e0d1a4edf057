using System.Globalization;
using Microsoft.Data.Sqlite;

namespace JexSim.Persistence.Migrations;

/// <summary>
/// Brings a database to the schema this build writes. The version is kept where builds before migrations already
/// kept it, <c>meta.schema_version</c>, so their databases are recognised as version 1. All pending migrations and
/// the new version are applied in one transaction: a failing migration leaves the file as it was.
/// </summary>
public static class SchemaMigrations
{
    /// <summary>This build's migrations, from the embedded Migrations/NNNN_name.sql files, in version order.</summary>
    public static IReadOnlyList<SchemaMigration> Embedded { get; } = LoadEmbedded();

    /// <summary>Applies the migrations the database lacks; returns the version it had before (0: a new database).</summary>
    public static int Apply(SqliteConnection connection, string path, IReadOnlyList<SchemaMigration> migrations)
    {
        // Versions rise strictly; a gap is allowed (parallel branches each own a number, e.g. 0002 options, 0003 contracts).
        for (int i = 0; i < migrations.Count; i++)
            if (migrations[i].Version < 1 || (i > 0 && migrations[i].Version <= migrations[i - 1].Version))
                throw new ArgumentException($"migration '{migrations[i].Name}' has version {migrations[i].Version}, which does not follow {(i == 0 ? 0 : migrations[i - 1].Version)}", nameof(migrations));
        int latest = migrations.Count == 0 ? 0 : migrations[^1].Version;

        using var tx = connection.BeginTransaction(); // BEGIN IMMEDIATE: no other writer sneaks in between read and upgrade
        int current = CurrentVersion(connection, tx, path);
        if (current > latest)
            throw new SchemaVersionException(
                $"Database '{path}' has schema version {current}, but this build of JexSim knows versions up to {latest}. " +
                "Open it with the newer build that wrote it, or point JexSim:Database at another file.");
        if (current == latest) return current;
        foreach (var m in migrations)
            if (m.Version > current) Execute(connection, tx, m.Sql);
        Execute(connection, tx, "INSERT INTO meta(key, value) VALUES ('schema_version', $version) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            ("$version", latest.ToString(CultureInfo.InvariantCulture)));
        tx.Commit();
        return current;
    }

    /// <summary>The version a database records; 0 for a database without tables.</summary>
    public static int CurrentVersion(SqliteConnection connection, SqliteTransaction? tx, string path)
    {
        long tables = (long)Scalar(connection, tx, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'")!;
        if (tables == 0) return 0;
        bool hasMeta = (long)Scalar(connection, tx, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'")! == 1;
        var recorded = hasMeta ? Scalar(connection, tx, "SELECT value FROM meta WHERE key = 'schema_version'") as string : null;
        if (recorded is null || !int.TryParse(recorded, NumberStyles.None, CultureInfo.InvariantCulture, out int version) || version < 1)
            throw new SchemaVersionException($"Database '{path}' is not a JexSim database (it has tables but no valid meta.schema_version).");
        return version;
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction? tx, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return cmd.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction tx, string sql, params ReadOnlySpan<(string Name, object Value)> parameters)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        cmd.ExecuteNonQuery();
    }

    private static List<SchemaMigration> LoadEmbedded()
    {
        var assembly = typeof(SchemaMigrations).Assembly;
        var list = new List<SchemaMigration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("migrations/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            string file = resource["migrations/".Length..];
            int cut = file.IndexOf('_');
            if (cut <= 0 || !int.TryParse(file[..cut], NumberStyles.None, CultureInfo.InvariantCulture, out int version))
                throw new InvalidOperationException($"migration file '{file}' is not named NNNN_name.sql");
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            list.Add(new SchemaMigration(version, Path.GetFileNameWithoutExtension(file)[(cut + 1)..], reader.ReadToEnd()));
        }
        return list;
    }
}
