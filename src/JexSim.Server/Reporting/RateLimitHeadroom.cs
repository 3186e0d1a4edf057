namespace JexSim.Server.Reporting;

/// <summary>The busiest window of each rate limit the client met; <paramref name="Enabled"/> false when the venue enforces none.</summary>
public sealed record RateLimitHeadroom(bool Enabled, LimitUse RequestWeight, LimitUse Orders);
