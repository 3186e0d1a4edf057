namespace JexSim.Server.Simulation;

/// <summary>The simulation settings of the "JexSim" configuration section (JexSim:Clock, JexSim:ClockStart, ...).</summary>
public sealed class SimulationOptions
{
    /// <summary>"real" (default) or "virtual": in virtual mode time stands still until the admin API moves it.</summary>
    public string Clock { get; set; } = "real";

    /// <summary>Where virtual time starts: Unix ms or an ISO-8601 instant. Default: the fixture's startTime.</summary>
    public string? ClockStart { get; set; }

    /// <summary>How many requests the request journal keeps (the newest).</summary>
    public int JournalSize { get; set; } = 1000;

    /// <summary>Seed of fault injection's dice (latency samples, error rates). Default: the fixture's seed.</summary>
    public long? FaultSeed { get; set; }

    public bool VirtualClock => string.Equals(Clock, "virtual", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses <see cref="ClockStart"/>; null when unset.</summary>
    public long? ClockStartMs()
    {
        if (string.IsNullOrWhiteSpace(ClockStart)) return null;
        if (long.TryParse(ClockStart, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out long ms)) return ms;
        if (DateTimeOffset.TryParse(ClockStart, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t))
            return t.ToUnixTimeMilliseconds();
        throw new InvalidOperationException($"JexSim:ClockStart '{ClockStart}' is neither Unix milliseconds nor an ISO-8601 time.");
    }
}
