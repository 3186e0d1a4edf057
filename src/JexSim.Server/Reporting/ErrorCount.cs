namespace JexSim.Server.Reporting;

/// <summary>An error code the client received: how often, its HTTP status, up to five distinct messages, and on which endpoints.</summary>
public sealed record ErrorCount(int Code, int Status, int Count, IReadOnlyList<string> Reasons, IReadOnlyList<string> Endpoints);
