using System.Numerics;

namespace JexSim.Server.Simulation;

/// <summary>
/// A small deterministic generator (xoshiro256**, seeded through SplitMix64) whose state can be saved and restored,
/// so feeds, agents and faults replay exactly from a seed and round-trip through snapshots. Not thread-safe.
/// </summary>
public sealed class SeededRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public SeededRandom(long seed)
    {
        ulong x = unchecked((ulong)seed);
        _s0 = SplitMix(ref x); _s1 = SplitMix(ref x); _s2 = SplitMix(ref x); _s3 = SplitMix(ref x);
    }

    /// <summary>A seed for a sub-generator, so each actor gets its own stream from one fixture seed.</summary>
    public static long Derive(long seed, int index)
    {
        ulong x = unchecked((ulong)seed + 0x9E3779B97F4A7C15UL * (ulong)(index + 1));
        return unchecked((long)SplitMix(ref x));
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [min, max].</summary>
    public double NextDouble(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Standard normal (Box-Muller; one draw per call so the stream stays simple to reason about).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble(), u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Exponential with the given mean (waiting times of a Poisson process).</summary>
    public double NextExponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    public ulong[] SaveState() => [_s0, _s1, _s2, _s3];

    public void Restore(ulong[] state) => (_s0, _s1, _s2, _s3) = (state[0], state[1], state[2], state[3]);
}
