namespace JexSim.Server.Reporting;

/// <summary>
/// How far a signed request's timestamp was from the server's time: <see cref="DriftMs"/> = serverTime - timestamp
/// (negative when the timestamp is ahead); <see cref="WindowUsed"/> is the share of recvWindow used (late) or of the
/// 1000 ms accepted ahead (early); above 1 the request was refused with -1021.
/// </summary>
public sealed record TimestampDrift(long Timestamp, long ServerTime, long RecvWindow, long DriftMs, double WindowUsed);
