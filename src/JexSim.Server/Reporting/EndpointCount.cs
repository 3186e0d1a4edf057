namespace JexSim.Server.Reporting;

/// <summary>How often an endpoint ("POST /api/v1/spot/order") was called, and how many of those calls were refused.</summary>
public sealed record EndpointCount(string Endpoint, int Count, int Rejected);
