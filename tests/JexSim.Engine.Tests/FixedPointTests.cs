namespace JexSim.Engine.Tests;

public class FixedPointTests
{
    [Theory]
    [InlineData(0L, "0.00000000")]
    [InlineData(1L, "0.00000001")]
    [InlineData(1_464L, "0.00001464")]
    [InlineData(150_000_000L, "1.50000000")]
    [InlineData(12_345_678_901_234L, "123456.78901234")]
    [InlineData(-1L, "-0.00000001")]
    [InlineData(-150_000_000L, "-1.50000000")]
    [InlineData(long.MaxValue, "92233720368.54775807")]
    [InlineData(long.MinValue, "-92233720368.54775808")]
    public void Format_prints_exactly_eight_decimals(long value, string expected) =>
        Assert.Equal(expected, FixedPoint.Format(value));

    [Fact]
    public void TryFormat_fails_when_the_buffer_is_too_small()
    {
        Span<char> small = stackalloc char[9];
        Assert.False(FixedPoint.TryFormat(150_000_000, small, out _));

        Span<char> exact = stackalloc char[10];
        Assert.True(FixedPoint.TryFormat(150_000_000, exact, out int written));
        Assert.Equal("1.50000000", new string(exact[..written]));
    }

    [Theory]
    [InlineData("1.5", 150_000_000L)]
    [InlineData("0.00000001", 1L)]
    [InlineData("-2.5", -250_000_000L)]
    [InlineData("1.500000000000", 150_000_000L)]   // trailing zeros beyond 8 decimals are not extra precision
    [InlineData("92233720368.54775807", long.MaxValue)]
    [InlineData("-92233720368.54775808", long.MinValue)]
    public void TryFromDecimal_scales_exactly(string value, long expected)
    {
        Assert.True(FixedPoint.TryFromDecimal(Dec(value), out long scaled));
        Assert.Equal(expected, scaled);
        Assert.Equal(Dec(value), FixedPoint.ToDecimal(scaled));
    }

    [Theory]
    [InlineData("0.000000001")]
    [InlineData("1.123456789")]
    [InlineData("-0.000000005")]
    [InlineData("92233720368.54775808")]
    [InlineData("-92233720368.54775809")]
    [InlineData("1000000000000")]
    [InlineData("1000000000000000000000")]
    [InlineData("79228162514264337593543950335")]   // decimal.MaxValue
    [InlineData("-79228162514264337593543950335")]
    public void TryFromDecimal_rejects_more_than_eight_decimals_or_out_of_range(string value)
    {
        Assert.False(FixedPoint.TryFromDecimal(Dec(value), out long scaled));
        Assert.Equal(0, scaled);
        Assert.Throws<ArgumentOutOfRangeException>(() => FixedPoint.FromDecimal(Dec(value)));
    }

    [Fact]
    public void TryNotional_multiplies_two_scaled_values()
    {
        Assert.True(FixedPoint.TryNotional(FixedPoint.FromDecimal(100m), FixedPoint.FromDecimal(1.5m), out long n));
        Assert.Equal(FixedPoint.FromDecimal(150m), n);
        Assert.Equal(FixedPoint.FromDecimal(0.0001m), FixedPoint.Notional(FixedPoint.FromDecimal(0.01m), FixedPoint.FromDecimal(0.01m)));
    }

    [Fact]
    public void TryNotional_detects_overflow_at_the_64_bit_boundary()
    {
        Assert.True(FixedPoint.TryNotional(long.MaxValue, FixedPoint.Scale, out long max));
        Assert.Equal(long.MaxValue, max);

        Assert.False(FixedPoint.TryNotional(long.MaxValue, FixedPoint.Scale + 1, out long n));
        Assert.Equal(0, n);
        Assert.False(FixedPoint.TryNotional(long.MaxValue, long.MaxValue, out _));
        Assert.False(FixedPoint.TryNotionalCeiling(long.MaxValue, FixedPoint.Scale + 1, out _));
        Assert.Throws<OverflowException>(() => FixedPoint.Notional(long.MaxValue, 2 * FixedPoint.Scale));
    }

    [Theory]
    [InlineData("1.23456789", "0.1", "0.12345678", "0.12345679")]   // 0.123456789
    [InlineData("0.00000001", "0.00000001", "0", "0.00000001")]     // 10^-16
    [InlineData("123.45678901", "1.00001", "123.45802357", "123.45802358")]
    [InlineData("100", "1.5", "150", "150")]                         // exact: both agree
    public void Notional_rounds_down_and_its_ceiling_rounds_up(string price, string qty, string floor, string ceiling)
    {
        long p = FixedPoint.FromDecimal(Dec(price)), q = FixedPoint.FromDecimal(Dec(qty));

        Assert.True(FixedPoint.TryNotional(p, q, out long down));
        Assert.True(FixedPoint.TryNotionalCeiling(p, q, out long up));

        Assert.Equal(FixedPoint.FromDecimal(Dec(floor)), down);
        Assert.Equal(FixedPoint.FromDecimal(Dec(ceiling)), up);
    }

    [Theory]
    [InlineData("200", 100_000L, "0.2")]          // 0.1% of 200
    [InlineData("1.00001", 75_000L, "0.00075")]   // 0.0007500075 rounds down
    [InlineData("0.00000099", 1_000_000L, "0")]   // 1% of 99 units is below one unit
    [InlineData("5", 0L, "0")]
    public void ApplyRate_takes_a_rate_scaled_by_ten_to_the_eighth_and_rounds_down(string amount, long rate, string expected) =>
        Assert.Equal(FixedPoint.FromDecimal(Dec(expected)), FixedPoint.ApplyRate(FixedPoint.FromDecimal(Dec(amount)), rate));

    [Theory]
    [InlineData("0.01", 2)]
    [InlineData("0.00001", 5)]
    [InlineData("0.00000001", 8)]
    [InlineData("0.5", 1)]
    [InlineData("1", 0)]
    [InlineData("10", 0)]
    [InlineData("0", 8)]
    public void DecimalsOf_counts_the_decimals_of_a_step(string step, int expected) =>
        Assert.Equal(expected, FixedPoint.DecimalsOf(FixedPoint.FromDecimal(Dec(step))));

    private static decimal Dec(string s) => decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
}
