using System.Globalization;

namespace JexSim.Engine;

/// <summary>
/// All prices, quantities and balances in the engine are <see cref="long"/> values scaled by 10^8
/// (the 8-decimal convention of Binance-family venues). Decimal appears only at the API edge.
/// </summary>
public static class FixedPoint
{
    public const int Decimals = 8;
    public const long Scale = 100_000_000;

    /// <summary>Quote amount of price x qty, rounded down. Returns false when it does not fit a long.</summary>
    public static bool TryNotional(long price, long qty, out long notional)
    {
        Int128 n = (Int128)price * qty / Scale;
        if (n > long.MaxValue) { notional = 0; return false; }
        notional = (long)n;
        return true;
    }

    /// <summary>Quote amount of price x qty, rounded up (used for locking so that fills never exceed the lock).</summary>
    public static bool TryNotionalCeiling(long price, long qty, out long notional)
    {
        Int128 product = (Int128)price * qty;
        Int128 n = product / Scale;
        if (product % Scale != 0) n += 1;
        if (n > long.MaxValue) { notional = 0; return false; }
        notional = (long)n;
        return true;
    }

    public static long Notional(long price, long qty) =>
        TryNotional(price, qty, out var n) ? n : throw new OverflowException("notional does not fit in 64 bits");

    /// <summary>amount x rate, where rate is itself scaled by 10^8, rounded down.</summary>
    public static long ApplyRate(long amount, long rate) => (long)((Int128)amount * rate / Scale);

    public static decimal ToDecimal(long value) => value / (decimal)Scale;

    /// <summary>Exact conversion from decimal; false when the value has more than 8 decimals or is out of range.</summary>
    public static bool TryFromDecimal(decimal value, out long scaled)
    {
        scaled = 0;
        // Range first: scaling a huge decimal (above ~7.9e20) would overflow the multiplication itself and throw.
        if (value > long.MaxValue / (decimal)Scale || value < long.MinValue / (decimal)Scale) return false;
        decimal s = value * Scale;
        if (s != decimal.Truncate(s) || s > long.MaxValue || s < long.MinValue) return false;
        scaled = (long)s;
        return true;
    }

    public static long FromDecimal(decimal value) =>
        TryFromDecimal(value, out var s) ? s : throw new ArgumentOutOfRangeException(nameof(value), value, "more than 8 decimals or out of range");

    /// <summary>Formats with exactly 8 decimals, the way the venue prints prices and quantities ("0.00001464" -> "0.00001464").</summary>
    public static string Format(long value)
    {
        Span<char> buffer = stackalloc char[32];
        return TryFormat(value, buffer, out int written) ? new string(buffer[..written]) : ToDecimal(value).ToString("0.00000000", CultureInfo.InvariantCulture);
    }

    public static bool TryFormat(long value, Span<char> destination, out int written)
    {
        written = 0;
        bool negative = value < 0;
        ulong v = negative ? (ulong)(-(value + 1)) + 1 : (ulong)value;
        ulong whole = v / Scale, frac = v % Scale;
        int pos = 0;
        if (negative) { if (destination.Length < 1) return false; destination[pos++] = '-'; }
        if (!whole.TryFormat(destination[pos..], out int w, default, CultureInfo.InvariantCulture)) return false;
        pos += w;
        if (destination.Length < pos + 1 + Decimals) return false;
        destination[pos++] = '.';
        for (int i = Decimals - 1; i >= 0; i--) { destination[pos + i] = (char)('0' + (int)(frac % 10)); frac /= 10; }
        written = pos + Decimals;
        return true;
    }

    /// <summary>Number of decimals a scaled step has, e.g. 0.01 -> 2. Used to describe precisions.</summary>
    public static int DecimalsOf(long step)
    {
        if (step <= 0) return Decimals;
        int d = Decimals;
        while (d > 0 && step % 10 == 0) { step /= 10; d--; }
        return d;
    }
}
