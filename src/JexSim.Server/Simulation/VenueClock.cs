namespace JexSim.Server.Simulation;

/// <summary>
/// The venue's clock, a <see cref="TimeProvider"/>: real time by default; in virtual mode time stands still until
/// it is set or advanced. Everything time-based in JexSim reads this clock, so tests can drive time without sleeping.
/// </summary>
public sealed class VenueClock : TimeProvider
{
    private readonly object _gate = new();
    private readonly TimeProvider _real;
    private long _virtualMs;
    private bool _virtual;

    public VenueClock() : this(System) { }

    /// <summary>A clock whose real time comes from <paramref name="real"/> (not resolved from DI: the venue's TimeProvider is this clock).</summary>
    public static VenueClock Over(TimeProvider real) => new(real);

    private VenueClock(TimeProvider real) => _real = real;

    public bool IsVirtual { get { lock (_gate) return _virtual; } }

    public long NowMs => GetUtcNow().ToUnixTimeMilliseconds();

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _virtual ? DateTimeOffset.FromUnixTimeMilliseconds(_virtualMs) : _real.GetUtcNow();
    }

    /// <summary>Switches to virtual time, standing still at <paramref name="unixMs"/>.</summary>
    public void SetVirtual(long unixMs)
    {
        lock (_gate) { _virtual = true; _virtualMs = unixMs; }
    }

    /// <summary>Moves virtual time forward (switching to virtual time at the current instant if needed).</summary>
    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "time only moves forward");
        lock (_gate)
        {
            if (!_virtual) { _virtualMs = _real.GetUtcNow().ToUnixTimeMilliseconds(); _virtual = true; }
            _virtualMs += (long)by.TotalMilliseconds;
        }
    }

    public void UseRealTime()
    {
        lock (_gate) _virtual = false;
    }
}
