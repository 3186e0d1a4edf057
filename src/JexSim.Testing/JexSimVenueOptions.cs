using Microsoft.Extensions.Logging;

namespace JexSim.Testing;

/// <summary>How <see cref="JexSimVenue.StartAsync"/> starts the venue.</summary>
public sealed class JexSimVenueOptions
{
    /// <summary>A fixture name from JexSim's fixtures/ ("quiet": still market, "default": feeds and agents) or a path to a fixture file.</summary>
    public string Fixture { get; set; } = "quiet";

    /// <summary>Virtual time (default): the clock stands at the fixture's startTime until the test advances it.</summary>
    public bool VirtualClock { get; set; } = true;

    /// <summary>Where virtual time starts (Unix ms); default: the fixture's startTime.</summary>
    public long? ClockStart { get; set; }

    /// <summary>
    /// The spec's rate limits. Off by default: with the clock standing still, the 11th order of a test would be refused
    /// as the 11th of the same second. Turn on to test a client's handling of 429.
    /// </summary>
    public bool RateLimits { get; set; }

    /// <summary>When set, admin calls need it; the venue's admin helpers send it.</summary>
    public string? AdminToken { get; set; }

    /// <summary>Lowest level of the server's own log lines that reach the test output's console (default: warnings).</summary>
    public LogLevel LogLevel { get; set; } = LogLevel.Warning;

    /// <summary>Any other configuration, e.g. ["JexSim:JournalSize"] = "5000".</summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();
}
