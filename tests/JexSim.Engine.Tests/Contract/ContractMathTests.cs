using JexSim.Engine.Markets.Contract;
using static JexSim.Engine.Tests.Contract.ContractTestMarket;

namespace JexSim.Engine.Tests.Contract;

public class ContractMathTests
{
    private static Position Held(decimal quantity, decimal cost, decimal margin, int leverage = 10) =>
        new(Fp(quantity), Fp(cost), Fp(margin), leverage);

    [Theory]
    [InlineData("100", "1", "1", false, "100")]
    [InlineData("0.00000003", "0.5", "1", false, "0.00000001")]
    [InlineData("0.00000003", "0.5", "1", true, "0.00000002")]
    [InlineData("2000", "3", "0.1", false, "600")]
    public void Value_is_price_times_quantity_times_multiplier_rounded_as_asked(string price, string qty, string multiplier, bool up, string expected)
    {
        Assert.True(ContractMath.TryValue(Fp(decimal.Parse(price)), Fp(decimal.Parse(qty)), Fp(decimal.Parse(multiplier)), up, out long value));
        Assert.Equal(Fp(decimal.Parse(expected)), value);
    }

    [Fact]
    public void A_value_beyond_64_bits_is_refused()
    {
        Assert.False(ContractMath.TryValue(long.MaxValue, long.MaxValue, ContractMath.MaxMultiplier, false, out _));
        Assert.False(ContractMath.TryValue(Fp(1_000_000m), Fp(100_000_000m), Fp(1m), false, out _));
        Assert.False(ContractMath.TryValue(-1, 1, 1, false, out _));
    }

    [Fact]
    public void Unrealised_pnl_rounds_against_the_holder()
    {
        var longPos = Held(0.5m, 50m, 5m);
        var shortPos = Held(-0.5m, 50m, 5m);
        long mark = Fp(100.00000001m); // 0.5 x 100.00000001 = 50.000000005
        Assert.Equal(0, ContractMath.UnrealisedPnl(longPos, Fp(1m), mark));
        Assert.Equal(-1, ContractMath.UnrealisedPnl(shortPos, Fp(1m), mark));
        Assert.Equal(Fp(5m), ContractMath.UnrealisedPnl(longPos, Fp(1m), Fp(110m)));
        Assert.Equal(Fp(-5m), ContractMath.UnrealisedPnl(shortPos, Fp(1m), Fp(110m)));
    }

    [Fact]
    public void Profit_rate_is_unrealised_pnl_over_position_margin_as_in_the_jex_example()
    {
        // GET contract/position example: profit -1.5161 on positionMargin 725.9045 -> profitRate -0.0020885667.
        Assert.Equal(-0.0020885667m, ContractMath.ProfitRate(Fp(-1.5161m), Fp(725.9045m)));
        Assert.Equal(0m, ContractMath.ProfitRate(Fp(1m), 0));
    }

    [Theory]
    [InlineData("1", "100", "10", "90.45226131")]      // (100 - 10) / (1 x 0.995), rounded up
    [InlineData("-1", "100", "10", "109.45273631")]    // (100 + 10) / (1 x 1.005), rounded down
    [InlineData("2", "200", "200", "0")]               // fully margined long: never liquidated
    [InlineData("1", "2300.6803", "725.9045", "1582.68924624")]
    public void Liquidation_price_is_where_margin_plus_pnl_meets_maintenance(string qty, string cost, string margin, string expected)
    {
        var pos = Held(decimal.Parse(qty), decimal.Parse(cost), decimal.Parse(margin));
        decimal price = ContractMath.LiquidationPrice(pos, BtcPerpetual);
        Assert.Equal(decimal.Parse(expected), price);
        if (price == 0) return;
        // At the exact liquidation price margin + uPnL == maintenance; within a unit of rounding the two sides meet.
        decimal q = decimal.Parse(qty), equity = decimal.Parse(margin) + (q > 0 ? q * price - decimal.Parse(cost) : decimal.Parse(cost) + q * price);
        decimal maintenance = 0.005m * Math.Abs(q) * price;
        Assert.True(Math.Abs(equity - maintenance) < 0.0000001m, $"equity {equity} vs maintenance {maintenance}");
        Assert.True(equity >= maintenance, "rounding towards the entry triggers no later than the exact price");
    }

    [Fact]
    public void Maintenance_and_initial_margin_round_up()
    {
        var pos = Held(1m, 100.00000001m, 10m);
        Assert.Equal(Fp(10.00000001m), ContractMath.RequiredMargin(pos, 10)); // 10.000000001 -> up
        Assert.Equal(Fp(0.5m) + 1, ContractMath.MaintenanceMargin(pos, BtcPerpetual, Fp(100.00000001m)));
    }

    [Fact]
    public void Shares_round_down_and_the_whole_is_always_released_last()
    {
        Assert.Equal(3, ContractMath.Share(10, 1, 3));
        Assert.Equal(10, ContractMath.Share(10, 3, 3));
        long held = 10, remaining = 3, released = 0;
        for (int i = 0; i < 3; i++) { long r = ContractMath.Share(held, 1, remaining); held -= r; remaining--; released += r; }
        Assert.Equal(10, released);
    }

    [Fact]
    public void A_spec_whose_maintenance_exceeds_its_highest_initial_margin_is_refused()
    {
        Assert.Null(BtcPerpetual.Problem());
        Assert.NotNull((BtcPerpetual with { MaxLeverage = 200 }).Problem());
        Assert.NotNull((BtcPerpetual with { MaintenanceMarginRate = Fp(0.01m) }).Problem()); // 0.01 x 100 = 1
        Assert.NotNull((BtcPerpetual with { DefaultLeverage = 0 }).Problem());
        Assert.Throws<ArgumentException>(() => new ContractLedger([BtcPerpetual with { Id = 1 }], 2));
    }
}
