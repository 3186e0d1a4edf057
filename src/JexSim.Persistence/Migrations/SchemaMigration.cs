namespace JexSim.Persistence.Migrations;

/// <summary>One step of the schema: the SQL that takes a database from <c>Version - 1</c> to <see cref="Version"/>.</summary>
public sealed record SchemaMigration(int Version, string Name, string Sql);
