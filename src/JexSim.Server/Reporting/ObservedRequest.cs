namespace JexSim.Server.Reporting;

/// <summary>One JEX request as the conformance report counts it.</summary>
public sealed record ObservedRequest(
    long Time, string Endpoint, string Path, int? Code, string? Msg, int Status, int Weight, bool CountsAsOrder, TimestampDrift? Drift);
