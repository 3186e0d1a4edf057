namespace JexSim.Server.Reporting;

/// <summary>A signed request whose timestamp came near (or past) the edge of its recvWindow.</summary>
public sealed record NearEdgeRequest(long Time, string Endpoint, long Timestamp, long ServerTime, long RecvWindow, long DriftMs, double WindowUsed, int? Code);
