namespace JexSim.Server.Reporting;

/// <summary>
/// The peak use of one limit in one fixed window (venue clock): <paramref name="Peak"/> of <paramref name="Limit"/> in the
/// window starting at <paramref name="PeakAt"/>; <paramref name="Used"/> = Peak / Limit (1 means the client hit it).
/// </summary>
public sealed record LimitUse(string RateLimitType, string Interval, int Limit, int Peak, long? PeakAt, double Used);
