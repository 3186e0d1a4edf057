namespace JexSim.Server.Reporting;

/// <summary>
/// How close signed requests came to the edge of recvWindow: <paramref name="MaxWindowUsed"/> is the largest share used,
/// <paramref name="NearEdge"/> the most recent requests at or above <paramref name="Threshold"/> (or refused with -1021), newest first.
/// </summary>
public sealed record RecvWindowUse(double Threshold, int SignedRequests, long MaxDriftMs, double MaxWindowUsed, IReadOnlyList<NearEdgeRequest> NearEdge);
