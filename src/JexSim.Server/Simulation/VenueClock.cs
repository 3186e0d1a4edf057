namespace JexSim.Server.Simulation;

/// <summary>
/// The venue's clock, a <see cref="TimeProvider"/>: real time by default; in virtual mode time stands still until
/// it is set or advanced, or runs at N times real speed. Everything time-based in JexSim reads this clock, so tests can
/// drive time without sleeping. Setting or advancing the clock directly does not run what falls due in between; the
/// admin API goes through <see cref="SimulationScheduler"/>, which does.
/// </summary>
public sealed class VenueClock : TimeProvider
{
    /// <summary>The clock's whole state, replaced as one immutable value so that reading the time takes no lock.</summary>
    private sealed record State(bool Virtual, long VirtualMs, long AnchorRealTicks, double Speed);

    private readonly object _writeGate = new();
    private readonly TimeProvider _real;
    private volatile State _state = new(false, 0, 0, 0);

    public VenueClock() : this(System) { }

    /// <summary>A clock whose real time comes from <paramref name="real"/> (not resolved from DI: the venue's TimeProvider is this clock).</summary>
    public static VenueClock Over(TimeProvider real) => new(real);

    private VenueClock(TimeProvider real) => _real = real;

    public bool IsVirtual => _state.Virtual;

    /// <summary>How fast virtual time runs: 0 = standing still (the default in virtual mode), 1 = real speed, N = N times.</summary>
    public double Speed => _state is { Virtual: true } s ? s.Speed : 1;

    /// <summary>True when time passes by itself (real time, or virtual time with a speed above 0).</summary>
    public bool IsRunning => _state is var s && (!s.Virtual || s.Speed > 0);

    public string Mode => IsVirtual ? "virtual" : "real";

    public long NowMs => GetUtcNow().ToUnixTimeMilliseconds();

    public override DateTimeOffset GetUtcNow()
    {
        var s = _state;
        return s.Virtual ? DateTimeOffset.FromUnixTimeMilliseconds(VirtualNow(s)) : _real.GetUtcNow();
    }

    private long VirtualNow(State s)
    {
        if (s.Speed <= 0) return s.VirtualMs;
        double elapsedMs = _real.GetElapsedTime(s.AnchorRealTicks).TotalMilliseconds;
        return s.VirtualMs + (long)(elapsedMs * s.Speed);
    }

    private long Now(State s) => s.Virtual ? VirtualNow(s) : _real.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Switches to virtual time, standing still at <paramref name="unixMs"/>.</summary>
    public void SetVirtual(long unixMs)
    {
        lock (_writeGate) _state = new State(true, unixMs, _real.GetTimestamp(), 0);
    }

    /// <summary>Sets virtual time to <paramref name="unixMs"/>, keeping the current speed (switching to virtual time if needed).</summary>
    public void Set(long unixMs)
    {
        lock (_writeGate)
        {
            var s = _state;
            _state = new State(true, unixMs, _real.GetTimestamp(), s.Virtual ? s.Speed : 0);
        }
    }

    /// <summary>Runs virtual time at <paramref name="speed"/> times real speed from now on (0 stops it).</summary>
    public void SetSpeed(double speed)
    {
        if (speed < 0 || double.IsNaN(speed) || double.IsInfinity(speed)) throw new ArgumentOutOfRangeException(nameof(speed), "speed must be 0 or more");
        lock (_writeGate) _state = new State(true, Now(_state), _real.GetTimestamp(), speed);
    }

    /// <summary>Moves virtual time forward (switching to virtual time at the current instant if needed).</summary>
    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "time only moves forward");
        lock (_writeGate)
        {
            var s = _state;
            _state = new State(true, Now(s) + (long)by.TotalMilliseconds, _real.GetTimestamp(), s.Virtual ? s.Speed : 0);
        }
    }

    public void UseRealTime()
    {
        lock (_writeGate) _state = new State(false, 0, 0, 0);
    }

    /// <summary>Real time left until venue time <paramref name="venueMs"/> at the current speed (null when time stands still).</summary>
    public TimeSpan? RealTimeUntil(long venueMs)
    {
        var s = _state;
        double speed = s.Virtual ? s.Speed : 1;
        if (speed <= 0) return null;
        return TimeSpan.FromMilliseconds(Math.Max(0, (venueMs - Now(s)) / speed));
    }
}
