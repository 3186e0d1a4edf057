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

    /// <summary>The basis moves 1/BasisSmoothing of the way to each new sample (an EMA with alpha 0.1).</summary>
    public const long BasisSmoothing = 10;

    /// <summary>A basis sample (book mid - index) is clamped to ±0.5% of the index, so a thin book cannot drag the mark.</summary>
    public const long MaxBasisRate = 500_000;

    /// <summary>The funding rate's interest term may move the premium by at most ±0.05%.</summary>
    public const long InterestClamp = 50_000;

    /// <summary>
    /// The next smoothed basis (markMethod 2): sample = clamp(mid - index, ±index x 0.5%) (0 when the contract book has
    /// no bid or no ask), basis' = basis + (sample - basis) / 10, truncated toward zero. Mark = index + basis'.
    /// </summary>
    public static long NextBasis(long basis, long index, long mid)
    {
        long sample = 0;
        if (mid > 0)
        {
            long bound = RateOf(index, MaxBasisRate);
            sample = Math.Clamp(mid - index, -bound, bound);
        }
        return basis + (sample - basis) / BasisSmoothing;
    }

    /// <summary>
    /// The funding rate of one interval (scaled 10^8): premium = basis / index (truncated), then
    /// rate = clamp(premium + clamp(interest - premium, ±0.05%), ±maxFundingRate). Positive: longs pay shorts.
    /// </summary>
    public static long FundingRate(ContractSpec spec, long basis, long index)
    {
        if (index <= 0) return 0;
        long premium = (long)((Int128)basis * Scale / index);
        long rate = premium + Math.Clamp(spec.InterestRate - premium, -InterestClamp, InterestClamp);
        return Math.Clamp(rate, -spec.MaxFundingRate, spec.MaxFundingRate);
    }

    /// <summary>Whether the mark has reached the position's liquidation price: margin + uPnL(mark) ≤ maintenance(mark).</summary>
    public static bool IsBeyondLiquidation(in Position position, ContractSpec spec, long mark) =>
        position.Quantity != 0 && mark > 0
        && position.Margin + UnrealisedPnl(position, spec.Multiplier, mark) <= MaintenanceMargin(position, spec, mark);

    /// <summary>
    /// The bankruptcy price: where margin + uPnL = 0, i.e. long (cost - margin) / (q·m), short (cost + margin) / (|q|·m),
    /// scaled 10^8 and rounded against the position (a long's up, a short's down); 0 when flat or when a long's margin
    /// covers its whole cost.
    /// </summary>
    public static long BankruptcyPrice(in Position position, ContractSpec spec)
    {
        if (position.Quantity == 0) return 0;
        Int128 money = position.IsLong ? (Int128)position.Cost - position.Margin : (Int128)position.Cost + position.Margin;
        if (money <= 0) return 0;
        Int128 numerator = money * ValueScale, denominator = (Int128)position.Size * spec.Multiplier;
        Int128 price = numerator / denominator;
        if (position.IsLong && numerator % denominator != 0) price += 1;
        return price > long.MaxValue ? long.MaxValue : (long)price;
    }

    /// <summary>
    /// The limit of a liquidation (FLAT) order: the bankruptcy price moved against the position by what the protection
    /// fund can pay per unit (fund / (|q|·m)), so no fill can cost the fund more than it holds; on the tick grid (a long's
    /// sell rounds up, a short's buy down) and inside [minPrice, maxPrice].
    /// </summary>
    public static long FlatLimit(in Position position, ContractSpec spec, long bankruptcy, long fund, long tick, long minPrice, long maxPrice)
    {
        Int128 perUnit = fund <= 0 ? 0 : (Int128)fund * ValueScale / ((Int128)position.Size * spec.Multiplier);
        long reach = perUnit > long.MaxValue / 2 ? long.MaxValue / 2 : (long)perUnit;
        long limit = position.IsLong ? bankruptcy - reach : (bankruptcy > long.MaxValue - reach ? long.MaxValue : bankruptcy + reach);
        limit = position.IsLong ? CeilingToTick(Math.Max(limit, minPrice), tick) : Math.Max(limit, 0) / tick * tick;
        return Math.Clamp(limit, minPrice, maxPrice);
    }

    private static long CeilingToTick(long price, long tick) => price % tick == 0 ? price : (price / tick + 1) * tick;
}
