using JexSim.Engine.Commands;
using JexSim.Engine.Markets;
using JexSim.Engine.Markets.Contract;
using JexSim.Engine.Output;

using static JexSim.Engine.Tests.Contract.ContractTestCore;

namespace JexSim.Engine.Tests.Contract;

/// <summary>
/// Part 2 through <see cref="ExchangeCore.Apply"/>: the mark (index + smoothed basis), funding, liquidation with a
/// surplus to the protection fund or a shortfall from it, auto-deleveraging, the refusals; the engine's invariants
/// (supply conserved, the ledger's equations) after every command.
/// </summary>
public sealed class ContractRiskTests
{
    private const long Alice = 1, Bob = 2, Carol = 3;
    private long _now = 1_000;

    private static ContractSpec Spec(bool adl = false, long riskLimit = 0) => Perpetual(adl, riskLimit);

    private CommandResult Apply(ExchangeCore core, EngineCommand command)
    {
        var result = core.Apply(command, ++_now);
        Assert.Empty(core.CheckInvariants());
        return result;
    }

    /// <summary>Alice, Bob and Carol with 10,000 USDT of contract balance each, a fund, index 30,000.</summary>
    private ExchangeCore Funded(decimal fund, bool adl = false, long riskLimit = 0)
    {
        var core = NewCore(Spec(adl, riskLimit));
        foreach (var id in new[] { Alice, Bob, Carol })
        {
            Apply(core, EngineCommand.CreateAccount(id));
            Assert.Equal(RejectReason.None, Apply(core, EngineCommand.ContractDeposit(id, Usdt.Id, Fp(10_000m))).Reject);
        }
        if (fund > 0) Assert.Equal(RejectReason.None, Apply(core, EngineCommand.ProtectionFundDeposit(Usdt.Id, Fp(fund))).Reject);
        Assert.Equal(RejectReason.None, Apply(core, EngineCommand.SetIndexPrice(Perp, Fp(30_000m))).Reject);
        return core;
    }

    /// <summary>Alice long 1 @ 30,000 (margin 3,000 at leverage 10) against Bob's short.</summary>
    private ExchangeCore AliceLong(decimal fund, bool adl = false)
    {
        var core = Funded(fund, adl);
        Apply(core, Limit(Bob, Side.Sell, 30_000m, 1m));
        Assert.Equal(OrderStatus.Filled, Apply(core, Limit(Alice, Side.Buy, 30_000m, 1m)).Order.Status);
        Assert.Equal(Fp(3_000m), Position(core, Alice).Margin);
        return core;
    }

    private static Position Position(ExchangeCore core, long account) => core.Contracts.Position(core.FindAccount(account)!.Index, 0);
    private static long Free(ExchangeCore core, long account) => core.Contracts.Free(core.FindAccount(account)!.Index, Usdt.Id);
    private static long FundOf(ExchangeCore core) => core.Contracts.ProtectionFund(Usdt.Id);
    private static List<(long, ContractBillType, long)> Bills(ExchangeCore core) => core.Output.ContractBills.Select(b => (b.AccountId, b.Type, b.Amount)).ToList();

    [Fact]
    public void The_mark_is_the_index_plus_a_basis_smoothed_towards_the_book_mid_and_clamped()
    {
        var core = Funded(0);
        Apply(core, Limit(Bob, Side.Buy, 29_995m, 1m));
        Apply(core, Limit(Bob, Side.Sell, 30_005m, 1m));
        // mid 30,000, index 31,000: the sample is clamped to -0.5% of 31,000 (-155); the basis moves a tenth of the way.
        Apply(core, EngineCommand.SetIndexPrice(Perp, Fp(31_000m)));
        Assert.Equal((Fp(31_000m), Fp(30_984.5m)), (core.IndexPrice(Perp), core.MarkPrice(Perp)));
        // Again at 30,010: sample -10 (within the clamp); basis -15.5 + (-10 + 15.5) / 10 = -14.95.
        Apply(core, EngineCommand.SetIndexPrice(Perp, Fp(30_010m)));
        Assert.Equal(Fp(30_010m - 14.95m), core.MarkPrice(Perp));
        var mark = core.Output.ContractMarks[^1];
        Assert.Equal((Fp(30_010m), Fp(-14.95m)), (mark.Index, mark.Basis));
        // Refused: unknown contract, negative price, a mid without an index symbol.
        Assert.Equal(RejectReason.UnknownSymbol, Apply(core, EngineCommand.SetIndexPrice(Spot, Fp(1m))).Reject);
        Assert.Equal(RejectReason.InvalidAmount, Apply(core, EngineCommand.SetIndexPrice(Perp, -1)).Reject);
        Assert.Equal(RejectReason.InvalidAmount, Apply(core, EngineCommand.SetIndexPrice(Perp, 0)).Reject);
    }

    [Fact]
    public void Funding_moves_money_from_longs_to_shorts_zero_sum_once_per_time()
    {
        var core = AliceLong(0);
        // A third account shorts too, so the receivers share: Carol sells 0.5 to Alice? No: Alice buys 0.5 more from Carol.
        Apply(core, Limit(Carol, Side.Sell, 30_000m, 0.5m));
        Apply(core, Limit(Alice, Side.Buy, 30_000m, 0.5m));
        long supply = core.Supply(Usdt.Id);
        long aliceMargin = Position(core, Alice).Margin, bobMargin = Position(core, Bob).Margin, carolMargin = Position(core, Carol).Margin;
        core.Output.Clear();
        // Basis 0 (no book): rate = interest 0.01%. Alice (1.5 @ mark 30,000) pays 4.5; Bob gets 3, Carol 1.5.
        Assert.Equal(RejectReason.None, Apply(core, EngineCommand.ApplyFunding(Perp)).Reject);
        Assert.Equal(Fp(0.0001m), core.Output.ContractFundings.Single().Rate);
        Assert.Equal(Fp(4.5m), core.Output.ContractFundings.Single().Paid);
        Assert.Equal(aliceMargin - Fp(4.5m), Position(core, Alice).Margin);
        Assert.Equal(bobMargin + Fp(3m), Position(core, Bob).Margin);
        Assert.Equal(carolMargin + Fp(1.5m), Position(core, Carol).Margin);
        Assert.Equal([(Alice, ContractBillType.Funding, -Fp(4.5m)), (Bob, ContractBillType.Funding, Fp(3m)), (Carol, ContractBillType.Funding, Fp(1.5m))], Bills(core));
        Assert.Equal(supply, core.Supply(Usdt.Id));
        // The same time again (a restart on the instant) changes nothing.
        core.Output.Clear();
        Assert.Equal(RejectReason.FundingNotDue, core.Apply(EngineCommand.ApplyFunding(Perp), _now).Reject);
        Assert.Empty(core.Output.ContractBills);
    }

    [Fact]
    public void A_negative_premium_beyond_the_interest_clamp_makes_shorts_pay_longs_zero_sum()
    {
        var core = AliceLong(0);
        Assert.Equal(RejectReason.None, Apply(core, Limit(Carol, Side.Buy, 20_000m, 0.0003m)).Reject); // a far bid: the mid sits well below the index
        Assert.Equal(RejectReason.None, Apply(core, Limit(Bob, Side.Sell, 31_000m, 0.0001m)).Reject);
        // Ten samples at the -0.5% clamp: the basis reaches -150 x (1 - 0.9^10), beyond the interest clamp's reach.
        for (int i = 0; i < 10; i++) Apply(core, EngineCommand.SetIndexPrice(Perp, Fp(30_000m)));
        Assert.True(core.MarkPrice(Perp) < Fp(29_905m));
        long rate = ContractMath.FundingRate(Spec(), core.Output.ContractMarks[^1].Basis, Fp(30_000m));
        Assert.True(rate < 0);
        core.Output.Clear();
        Apply(core, EngineCommand.ApplyFunding(Perp));
        var bills = core.Output.ContractBills;
        Assert.Equal(0, bills.Sum(b => b.Amount));
        Assert.True(bills.Single(b => b.AccountId == Bob).Amount < 0);
        Assert.True(bills.Single(b => b.AccountId == Alice).Amount > 0);
    }

    [Fact]
    public void A_liquidation_that_the_book_fills_above_the_bankruptcy_price_gives_the_rest_of_the_margin_to_the_fund()
    {
        var core = AliceLong(1_000m);
        Apply(core, Limit(Alice, Side.Sell, 35_000m, 0.5m)); // an open order: cancelled by the liquidation
        Apply(core, Limit(Carol, Side.Buy, 27_500m, 1m));
        long supply = core.Supply(Usdt.Id), aliceFree = Free(core, Alice);
        core.Output.Clear();
        // Liquidation price (30,000 - 3,000) / 0.995 = 27,135.68; bankruptcy 27,000. The mark goes to 27,100.
        Assert.Equal(RejectReason.None, Apply(core, EngineCommand.SetIndexPrice(Perp, Fp(27_100m))).Reject);
        Assert.True(Position(core, Alice).IsFlat);
        var orders = core.Output.Orders;
        Assert.Contains(orders, o => o.AccountId == Alice && o.Type == OrderType.Limit && o.Status == OrderStatus.Canceled);
        var flat = orders.Single(o => o.Type == OrderType.Flat);
        Assert.Equal((Alice, Side.Sell, OrderStatus.Filled, Fp(1m)), (flat.AccountId, flat.Side, flat.Status, flat.Filled));
        // Sold at 27,500: PnL -2,500, the 500 left of the margin goes to the fund; no fee on the liquidation.
        Assert.Equal(Fp(1_500m), FundOf(core));
        Assert.Equal(aliceFree + Fp(8.75m), Free(core, Alice)); // only the cancelled order's fee reserve came back
        Assert.Contains((Alice, ContractBillType.ClosePosition, -Fp(2_500m)), Bills(core));
        Assert.Contains((Alice, ContractBillType.Liquidation, -Fp(500m)), Bills(core));
        Assert.DoesNotContain(Bills(core), b => b.Item1 == Alice && b.Item2 == ContractBillType.Fee);
        core.EndBatch(5);
        Assert.Contains(core.Output.ContractPools, p => p.FundChanged && p.ProtectionFund == Fp(1_500m));
        Assert.Contains(core.Output.ContractPositions, p => p.AccountId == Alice && p.Position.IsFlat);
        Assert.Contains(core.Output.ContractTouched, t => t.AccountId == Alice);
        Assert.Equal(supply, core.Supply(Usdt.Id));
    }

    [Fact]
    public void A_liquidation_filled_below_the_bankruptcy_price_draws_the_shortfall_from_the_fund()
    {
        var core = AliceLong(1_000m);
        Apply(core, Limit(Carol, Side.Buy, 26_500m, 1m));
        long aliceFree = Free(core, Alice);
        core.Output.Clear();
        Apply(core, EngineCommand.SetIndexPrice(Perp, Fp(27_100m)));
        // The FLAT limit is the bankruptcy price less what the fund can pay per unit: 27,000 - 1,000 = 26,000.
        var flat = core.Output.Orders.Single(o => o.Type == OrderType.Flat);
        Assert.Equal((Fp(26_000m), OrderStatus.Filled), (flat.Price, flat.Status));
        // Sold at 26,500: PnL -3,500, 500 beyond the margin, drawn from the fund.
        Assert.Equal(Fp(500m), FundOf(core));
        Assert.Equal(aliceFree, Free(core, Alice));
        Assert.DoesNotContain(Bills(core), b => b.Item2 == ContractBillType.Liquidation);
    }

    [Fact]
    public void What_neither_the_book_nor_the_fund_can_take_is_deleveraged_against_the_most_profitable_opposite_position()
    {
        var core = AliceLong(0, adl: true);
        // Carol is short 1 too (from Bob, who then holds nothing): opened at 31,000, so more profitable than Bob's.
        Apply(core, Limit(Bob, Side.Buy, 31_000m, 0.5m));
        Apply(core, Limit(Carol, Side.Sell, 31_000m, 0.5m));
        Assert.Equal(-Fp(0.5m), Position(core, Carol).Quantity);
        Assert.Equal(-Fp(0.5m), Position(core, Bob).Quantity);
        long bobFree = Free(core, Bob), carolFree = Free(core, Carol), supply = core.Supply(Usdt.Id);
        core.Output.Clear();
        Apply(core, EngineCommand.SetIndexPrice(Perp, Fp(27_100m)));
        // No bid at all: Alice's long is closed at the bankruptcy price 27,000 against Carol first, then Bob.
        Assert.True(Position(core, Alice).IsFlat);
        Assert.True(Position(core, Bob).IsFlat);
        Assert.True(Position(core, Carol).IsFlat);
        var bills = Bills(core);
        Assert.Contains((Carol, ContractBillType.Adl, Fp(0.5m * (31_000m - 27_000m))), bills);
        Assert.Contains((Bob, ContractBillType.Adl, Fp(0.5m * (30_000m - 27_000m))), bills);
        int carolAt = bills.IndexOf((Carol, ContractBillType.PositionSize, Fp(0.5m))), bobAt = bills.IndexOf((Bob, ContractBillType.PositionSize, Fp(0.5m)));
        Assert.True(carolAt >= 0 && bobAt > carolAt, "Carol (profit rate higher) is deleveraged first");
        var flat = core.Output.Orders.Where(o => o.Type == OrderType.Flat).ToList();
        Assert.Equal((OrderStatus.Filled, Fp(1m), Fp(27_000m)), (flat[^1].Status, flat[^1].Filled, flat[^1].CumulativeQuote));
        Assert.Equal(0, FundOf(core));
        Assert.True(Free(core, Bob) > bobFree && Free(core, Carol) > carolFree);
        Assert.Equal(supply, core.Supply(Usdt.Id));
    }

    [Fact]
    public void Without_auto_deleveraging_an_unfilled_liquidation_stays_and_the_account_cannot_trade_the_contract()
    {
        var core = AliceLong(0);
        Apply(core, EngineCommand.SetIndexPrice(Perp, Fp(27_100m)));
        Assert.Equal(Fp(1m), Position(core, Alice).Quantity);
        Assert.Equal(RejectReason.PositionLiquidating, Apply(core, Limit(Alice, Side.Buy, 27_000m, 0.1m)).Reject);
        Assert.Equal(RejectReason.PositionLiquidating, Apply(core, EngineCommand.ClosePosition(Alice, Perp)).Reject);
        // A bid arrives; the next price retries the liquidation and the book takes it.
        Apply(core, Limit(Carol, Side.Buy, 27_050m, 1m));
        Apply(core, EngineCommand.SetIndexPrice(Perp, Fp(27_100m)));
        Assert.True(Position(core, Alice).IsFlat);
        Assert.Equal(Fp(50m), FundOf(core));
    }

    [Fact]
    public void Funding_that_eats_the_margin_liquidates_in_the_same_command()
    {
        var core = AliceLong(1_000m);
        Apply(core, Limit(Carol, Side.Buy, 27_200m, 1m));
        Apply(core, EngineCommand.SetIndexPrice(Perp, Fp(27_137m))); // just above the liquidation price 27,135.68
        Assert.Equal(Fp(1m), Position(core, Alice).Quantity);
        core.Output.Clear();
        // 0.01% of 27,137 = 2.7137 out of the margin: 3,000 - 2,863 - 2.7137 = 134.2863 < maintenance 135.685.
        Apply(core, EngineCommand.ApplyFunding(Perp));
        Assert.True(Position(core, Alice).IsFlat);
        Assert.Contains(core.Output.Orders, o => o.Type == OrderType.Flat && o.Status == OrderStatus.Filled);
    }

    [Fact]
    public void An_order_beyond_the_risk_limit_is_refused()
    {
        var core = Funded(0, riskLimit: Fp(20_000m));
        Assert.Equal(RejectReason.RiskLimitReached, Apply(core, Limit(Bob, Side.Sell, 30_000m, 1m)).Reject);
        Assert.Equal(RejectReason.None, Apply(core, Limit(Bob, Side.Sell, 30_000m, 0.6m)).Reject);
        Assert.Equal(RejectReason.RiskLimitReached, Apply(core, Limit(Alice, Side.Buy, 30_000m, 0.7m)).Reject);
        Assert.Equal(RejectReason.None, Apply(core, Limit(Alice, Side.Buy, 30_000m, 0.6m)).Reject);
        Assert.Equal(Fp(18_000m), Position(core, Alice).Cost);
        Assert.Equal(RejectReason.RiskLimitReached, Apply(core, Limit(Alice, Side.Buy, 30_000m, 0.1m)).Reject);
        Assert.Equal(RejectReason.None, Apply(core, Limit(Alice, Side.Sell, 31_000m, 0.6m)).Reject); // closing is always allowed
    }
}
