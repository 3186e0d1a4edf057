namespace JexSim.Persistence.Migrations;

/// <summary>A database this build cannot open: written by a newer build, or not a JexSim database at all.</summary>
public sealed class SchemaVersionException(string message) : Exception(message);
