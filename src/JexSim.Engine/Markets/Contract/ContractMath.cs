namespace JexSim.Engine.Markets.Contract;

/// <summary>
/// The formulas of a linear perpetual, in fixed point (10^8). Money amounts are exact integers with a stated rounding;
/// display values (cost price, liquidation price, profit rate) are computed in decimal and rounded to 8 decimals
/// against the holder (see each member).
/// </summary>
public static class ContractMath
{
    private const long Scale = FixedPoint.Scale;
    private static readonly Int128 ValueScale = (Int128)Scale * Scale;

    public const int MaxLeverage = 100;

    /// <summary>Largest contract size accepted (10,000 units of the underlying per contract).</summary>
    public const long MaxMultiplier = 10_000 * Scale;

    /// <summary>Value of <paramref name="quantity"/> contracts at <paramref name="price"/>: price x quantity x multiplier,
    /// rounded down (or up). False when an input is not positive-or-zero or the value does not fit a long.</summary>
    public static bool TryValue(long price, long quantity, long multiplier, bool roundUp, out long value)
    {
        value = 0;
        if (price < 0 || quantity < 0 || multiplier <= 0) return false;
        Int128 pq = (Int128)price * quantity;
        if (pq > Int128.MaxValue / multiplier) return false;
        Int128 product = pq * multiplier;
        Int128 v = product / ValueScale;
        if (roundUp && product % ValueScale != 0) v += 1;
        if (v > long.MaxValue) return false;
        value = (long)v;
        return true;
    }

    /// <summary>a x b / c rounded down, for 0 ≤ b ≤ c (a proportional share: never more than a).</summary>
    public static long Share(long a, long b, long c) => b == c ? a : (long)((Int128)a * b / c);

    /// <summary>Initial margin of a value at a leverage: value / leverage, rounded up.</summary>
    public static long InitialMargin(long value, int leverage) => value / leverage + (value % leverage != 0 ? 1 : 0);

    /// <summary>amount x rate (rate scaled 10^8), rounded down.</summary>
    public static long RateOf(long amount, long rate) => (long)((Int128)amount * rate / Scale);

    /// <summary>amount x rate (rate scaled 10^8), rounded up.</summary>
    public static long RateOfCeiling(long amount, long rate)
    {
        Int128 p = (Int128)amount * rate;
        return (long)(p / Scale + (p % Scale != 0 ? 1 : 0));
    }

    /// <summary>
    /// Unrealised PnL at <paramref name="mark"/>, rounded against the holder: a long's mark value rounds down, a short's
    /// rounds up. Long: value(mark) - cost. Short: cost - value(mark). Zero when flat or the value does not fit.
    /// </summary>
    public static long UnrealisedPnl(in Position position, long multiplier, long mark)
    {
        if (position.Quantity == 0) return 0;
        if (!TryValue(mark, position.Size, multiplier, roundUp: position.IsShort, out long value)) return 0;
        return position.IsLong ? value - position.Cost : position.Cost - value;
    }

    /// <summary>Maintenance margin at <paramref name="mark"/>: value(mark) x maintenance rate, rounded up.</summary>
    public static long MaintenanceMargin(in Position position, ContractSpec spec, long mark) =>
        position.Quantity == 0 || !TryValue(mark, position.Size, spec.Multiplier, roundUp: true, out long value)
            ? 0 : RateOfCeiling(value, spec.MaintenanceMarginRate);

    /// <summary>Initial margin the position needs at its leverage: cost / leverage, rounded up.</summary>
    public static long RequiredMargin(in Position position, int leverage) => InitialMargin(position.Cost, leverage);

    /// <summary>Average entry price: cost / (|quantity| x multiplier), to 8 decimals (half away from zero); 0 when flat.</summary>
    public static decimal CostPrice(in Position position, long multiplier)
    {
        if (position.Quantity == 0) return 0m;
        decimal size = FixedPoint.ToDecimal(position.Size) * FixedPoint.ToDecimal(multiplier);
        return Math.Round(FixedPoint.ToDecimal(position.Cost) / size, FixedPoint.Decimals, MidpointRounding.AwayFromZero);
    }

    /// <summary>Profit rate as the JEX example computes it: unrealised PnL / position margin (0 without margin), 10 decimals.</summary>
    public static decimal ProfitRate(long unrealisedPnl, long margin) =>
        margin == 0 ? 0m : Math.Round((decimal)unrealisedPnl / margin, 10, MidpointRounding.ToZero);

    /// <summary>
    /// Isolated liquidation price: the mark price P where margin + uPnL(P) = maintenance margin(P).
    /// With signed quantity q, multiplier m, cost C (signed: + long, - short), margin M and maintenance rate r:
    ///   M + q·m·P - C = r·|q|·m·P   ⇒   P = (C - M) / (m·(q - r·|q|))
    /// i.e. long P = (C - M) / (q·m·(1 - r)), short P = (|C| + M) / (|q|·m·(1 + r)).
    /// Rounded to 8 decimals towards the entry (a long's up, a short's down) so the position is liquidated no later
    /// than the exact price. 0 when flat, or for a long whose margin covers its whole cost (it cannot be liquidated).
    /// </summary>
    public static decimal LiquidationPrice(in Position position, ContractSpec spec)
    {
        if (position.Quantity == 0) return 0m;
        decimal q = FixedPoint.ToDecimal(position.Quantity), m = FixedPoint.ToDecimal(spec.Multiplier);
        decimal r = FixedPoint.ToDecimal(spec.MaintenanceMarginRate);
        decimal signedCost = FixedPoint.ToDecimal(position.SignedCost), margin = FixedPoint.ToDecimal(position.Margin);
        decimal price = (signedCost - margin) / (m * (q - r * Math.Abs(q)));
        if (price <= 0) return 0m;
        return Math.Round(price, FixedPoint.Decimals, position.IsLong ? MidpointRounding.ToPositiveInfinity : MidpointRounding.ToNegativeInfinity);
    }
}
