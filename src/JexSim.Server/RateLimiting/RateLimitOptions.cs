using System.ComponentModel.DataAnnotations;

namespace JexSim.Server.RateLimiting;

/// <summary>
/// The "JexSim:RateLimits" configuration section: the limits exchangeInfo advertises and the limiter enforces.
/// Defaults are the spec's (1200 weight per minute, 5000 requests per 5 minutes, 10 orders per second, 100000 per day).
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "JexSim:RateLimits";

    /// <summary>When false nothing is counted or refused and no X-MBX-* headers are sent.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>REQUEST_WEIGHT per IP per minute.</summary>
    [Range(1, int.MaxValue)]
    public int RequestWeightPerMinute { get; set; } = 1200;

    /// <summary>RAW_REQUESTS per IP per 5 minutes.</summary>
    [Range(1, int.MaxValue)]
    public int RawRequestsPer5Minutes { get; set; } = 5000;

    /// <summary>ORDERS per account per second.</summary>
    [Range(1, int.MaxValue)]
    public int OrdersPerSecond { get; set; } = 10;

    /// <summary>ORDERS per account per day (UTC day of the venue clock).</summary>
    [Range(1, int.MaxValue)]
    public int OrdersPerDay { get; set; } = 100_000;

    /// <summary>
    /// The rateLimits array of exchangeInfo, spelled as rest-api.md's exchangeInfo response spells them (camelCase types,
    /// lower-case intervals), with the configured values.
    /// </summary>
    public object[] Describe() =>
    [
        new { rateLimitType = "requestsWeight", interval = "minute", intervalNum = 1, limit = RequestWeightPerMinute },
        new { rateLimitType = "orders", interval = "second", intervalNum = 1, limit = OrdersPerSecond },
        new { rateLimitType = "orders", interval = "day", intervalNum = 1, limit = OrdersPerDay },
        new { rateLimitType = "rawRequests", interval = "minute", intervalNum = 5, limit = RawRequestsPer5Minutes },
    ];
}
