namespace JexSim.Server.Simulation;

/// <summary>
/// The venue's clock, a <see cref="TimeProvider"/>: real time by default; in virtual mode time stands still until
/// it is set or advanced, or runs at N times real speed. Everything time-based in JexSim reads this clock, so tests can
/// drive time without sleeping. Setting or advancing the clock directly does not run what falls due in between; the
/// admin API goes through <see cref="SimulationScheduler"/>, which does.
/// </summary>
public sealed class VenueClock : TimeProvider
{
    private readonly object _gate = new();
    private readonly TimeProvider _real;
    private long _virtualMs;
    private long _anchorRealTicks;
    private double _speed;
    private bool _virtual;

    public VenueClock() : this(System) { }

    /// <summary>A clock whose real time comes from <paramref name="real"/> (not resolved from DI: the venue's TimeProvider is this clock).</summary>
    public static VenueClock Over(TimeProvider real) => new(real);

    private VenueClock(TimeProvider real) => _real = real;

    public bool IsVirtual { get { lock (_gate) return _virtual; } }

    /// <summary>How fast virtual time runs: 0 = standing still (the default in virtual mode), 1 = real speed, N = N times.</summary>
    public double Speed { get { lock (_gate) return _virtual ? _speed : 1; } }

    /// <summary>True when time passes by itself (real time, or virtual time with a speed above 0).</summary>
    public bool IsRunning { get { lock (_gate) return !_virtual || _speed > 0; } }

    public string Mode => IsVirtual ? "virtual" : "real";

    public long NowMs => GetUtcNow().ToUnixTimeMilliseconds();

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _virtual ? DateTimeOffset.FromUnixTimeMilliseconds(VirtualNow()) : _real.GetUtcNow();
    }

    private long VirtualNow()
    {
        if (_speed <= 0) return _virtualMs;
        double elapsedMs = _real.GetElapsedTime(_anchorRealTicks).TotalMilliseconds;
        return _virtualMs + (long)(elapsedMs * _speed);
    }

    /// <summary>Switches to virtual time, standing still at <paramref name="unixMs"/>.</summary>
    public void SetVirtual(long unixMs)
    {
        lock (_gate) { _virtual = true; _virtualMs = unixMs; _speed = 0; }
    }

    /// <summary>Sets virtual time to <paramref name="unixMs"/>, keeping the current speed (switching to virtual time if needed).</summary>
    public void Set(long unixMs)
    {
        lock (_gate)
        {
            if (!_virtual) { _virtual = true; _speed = 0; }
            _virtualMs = unixMs;
            _anchorRealTicks = _real.GetTimestamp();
        }
    }

    /// <summary>Runs virtual time at <paramref name="speed"/> times real speed from now on (0 stops it).</summary>
    public void SetSpeed(double speed)
    {
        if (speed < 0 || double.IsNaN(speed) || double.IsInfinity(speed)) throw new ArgumentOutOfRangeException(nameof(speed), "speed must be 0 or more");
        lock (_gate)
        {
            long now = _virtual ? VirtualNow() : _real.GetUtcNow().ToUnixTimeMilliseconds();
            _virtual = true;
            _virtualMs = now;
            _anchorRealTicks = _real.GetTimestamp();
            _speed = speed;
        }
    }

    /// <summary>Moves virtual time forward (switching to virtual time at the current instant if needed).</summary>
    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "time only moves forward");
        lock (_gate)
        {
            if (!_virtual) { _virtualMs = _real.GetUtcNow().ToUnixTimeMilliseconds(); _virtual = true; _speed = 0; }
            else { _virtualMs = VirtualNow(); _anchorRealTicks = _real.GetTimestamp(); }
            _virtualMs += (long)by.TotalMilliseconds;
        }
    }

    public void UseRealTime()
    {
        lock (_gate) { _virtual = false; _speed = 0; }
    }

    /// <summary>Real time left until venue time <paramref name="venueMs"/> at the current speed (null when time stands still).</summary>
    public TimeSpan? RealTimeUntil(long venueMs)
    {
        lock (_gate)
        {
            long now = _virtual ? VirtualNow() : _real.GetUtcNow().ToUnixTimeMilliseconds();
            double speed = _virtual ? _speed : 1;
            if (speed <= 0) return null;
            return TimeSpan.FromMilliseconds(Math.Max(0, (venueMs - now) / speed));
        }
    }
}
