namespace JexSim.Server.Reporting;

/// <summary>
/// The client conformance report (GET /admin/v1/report?apiKey=): what one client did since the last reset.
/// <paramref name="ApiKey"/> is null for the report over every request.
/// </summary>
public sealed record ClientReport(
    string? ApiKey, long Since, long Until, int Requests, int Accepted, int Rejected,
    IReadOnlyList<EndpointCount> Endpoints, IReadOnlyList<ErrorCount> Errors, RateLimitHeadroom RateLimits, RecvWindowUse RecvWindow);
