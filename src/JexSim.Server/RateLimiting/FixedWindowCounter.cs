namespace JexSim.Server.RateLimiting;

/// <summary>
/// A count inside fixed windows of the venue clock (minute windows start on the minute, day windows at 00:00 UTC),
/// lock-free: the window number and the count share one 64-bit word updated with compare-and-swap.
/// </summary>
internal sealed class FixedWindowCounter(long windowMs)
{
    private long _state; // high 32 bits: window number (mod 2^32); low 32 bits: count in that window

    public long WindowMs { get; } = windowMs;

    private uint Window(long nowMs) => unchecked((uint)(nowMs / WindowMs));

    private static long Pack(uint window, int count) => ((long)window << 32) | (uint)count;

    /// <summary>Adds <paramref name="amount"/> unless that takes the count past <paramref name="limit"/>; <paramref name="used"/> is the count afterwards.</summary>
    public bool TryAdd(long nowMs, int amount, int limit, out int used)
    {
        uint window = Window(nowMs);
        while (true)
        {
            long state = Volatile.Read(ref _state);
            int current = (uint)(state >> 32) == window ? (int)(state & 0xFFFF_FFFF) : 0;
            long next = (long)current + amount;
            if (next > limit)
            {
                used = current;
                return false;
            }
            if (Interlocked.CompareExchange(ref _state, Pack(window, (int)next), state) == state)
            {
                used = (int)next;
                return true;
            }
        }
    }

    /// <summary>Takes back an amount added in the current window (when a second limit refused the same request).</summary>
    public void Remove(long nowMs, int amount)
    {
        uint window = Window(nowMs);
        while (true)
        {
            long state = Volatile.Read(ref _state);
            if ((uint)(state >> 32) != window) return;
            int current = (int)(state & 0xFFFF_FFFF);
            if (Interlocked.CompareExchange(ref _state, Pack(window, Math.Max(0, current - amount)), state) == state) return;
        }
    }

    public int Used(long nowMs)
    {
        long state = Volatile.Read(ref _state);
        return (uint)(state >> 32) == Window(nowMs) ? (int)(state & 0xFFFF_FFFF) : 0;
    }

    /// <summary>Milliseconds until the current window ends.</summary>
    public long UntilReset(long nowMs) => WindowMs - nowMs % WindowMs;
}
