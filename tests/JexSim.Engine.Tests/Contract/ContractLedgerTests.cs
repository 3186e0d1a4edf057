using JexSim.Engine.Markets.Contract;
using static JexSim.Engine.Tests.Contract.ContractTestMarket;

namespace JexSim.Engine.Tests.Contract;

public class ContractLedgerTests
{
    private static ContractTestMarket Funded(decimal each = 10_000m)
    {
        var market = new ContractTestMarket();
        for (int a = 0; a < 4; a++) market.FundContract(a, each);
        return market;
    }

    [Fact]
    public void An_order_holds_initial_margin_at_its_leverage_plus_the_larger_fee_and_cancel_gives_it_back()
    {
        var market = Funded();
        var order = market.Place(0, BtcUsdt, Side.Buy, 100m, 1m)!;

        // 100 / 10 = 10 initial margin, 100 x 0.05% = 0.05 fee reserve.
        Assert.Equal(Fp(10.05m), order.Held);
        Assert.Equal(Fp(9989.95m), market.Ledger.Free(0, Usdt));
        Assert.Equal(Fp(10.05m), market.Ledger.OrderMargin(0, Usdt));
        Assert.Equal(Fp(10.05m), market.Ledger.Locked(0, Usdt));
        Assert.Equal(Fp(1m), market.Ledger.Position(0, BtcUsdt).BuyOrderQuantity);
        Assert.Equal(Fp(10.05m), market.Ledger.Position(0, BtcUsdt).BuyOrderMargin);

        market.Cancel(order);
        Assert.Equal(Fp(10_000m), market.Ledger.Free(0, Usdt));
        Assert.Equal(0, market.Ledger.OrderMargin(0, Usdt));
        Assert.False(market.Ledger.Position(0, BtcUsdt).IsActive);
    }

    [Fact]
    public void Order_margin_rounds_up_to_the_last_unit()
    {
        var market = Funded();
        var order = market.Place(0, BtcUsdt, Side.Buy, 0.00000007m, 0.00000003m)!; // value 2.1e-15 -> rounds up to 1e-8
        Assert.Equal(2, order.Held); // 1 unit initial margin + 1 unit fee reserve
    }

    [Fact]
    public void An_order_the_balance_cannot_margin_is_refused_and_changes_nothing()
    {
        var market = Funded(10m);
        var order = market.Place(0, BtcUsdt, Side.Buy, Fp(100m), Fp(1m), out var reject);
        Assert.Null(order);
        Assert.Equal(ContractReject.InsufficientMargin, reject);
        Assert.Equal(Fp(10m), market.Ledger.Free(0, Usdt));
        Assert.False(market.Ledger.Position(0, BtcUsdt).IsActive);
    }

    [Fact]
    public void Values_that_do_not_fit_64_bits_are_refused_not_wrapped()
    {
        var market = Funded();
        Assert.Null(market.Place(0, BtcUsdt, Side.Buy, long.MaxValue / 2, long.MaxValue / 2, out var reject));
        Assert.Equal(ContractReject.Overflow, reject);
        Assert.Null(market.Place(0, BtcUsdt, Side.Buy, 0, Fp(1m), out reject));
        Assert.Equal(ContractReject.InvalidAmount, reject);
        Assert.Equal(ContractReject.Overflow, market.Ledger.Credit(0, Usdt, long.MaxValue));
        Assert.Equal(Fp(10_000m), market.Ledger.Free(0, Usdt));
    }

    [Fact]
    public void Opening_moves_initial_margin_into_the_position_and_charges_maker_and_taker_fees()
    {
        var market = Funded();
        var maker = market.Place(1, BtcUsdt, Side.Sell, 100m, 1m)!;
        var taker = market.Place(0, BtcUsdt, Side.Buy, 100m, 1m)!;
        var (m, t) = market.Fill(maker, taker, 1m);

        var longPos = market.Ledger.Position(0, BtcUsdt);
        Assert.Equal(Fp(1m), longPos.Quantity);
        Assert.Equal(Fp(100m), longPos.Cost);
        Assert.Equal(Fp(10m), longPos.Margin);
        Assert.Equal(Fp(100m), ContractMath.CostPrice(longPos, BtcPerpetual.Multiplier) * FixedPoint.Scale);
        Assert.Equal(Fp(10_000m - 10m - 0.05m), market.Ledger.Free(0, Usdt));
        Assert.Equal(Fp(0.05m), t.Fee);
        Assert.Equal(Fp(1m), t.OpenedQuantity);

        var shortPos = market.Ledger.Position(1, BtcUsdt);
        Assert.Equal(Fp(-1m), shortPos.Quantity);
        Assert.Equal(Fp(100m), shortPos.Cost);
        Assert.Equal(Fp(10_000m - 10m - 0.02m), market.Ledger.Free(1, Usdt));
        Assert.Equal(Fp(0.02m), m.Fee);
        Assert.Equal(Fp(0.07m), market.Ledger.FeeAccount(Usdt));
        Assert.Equal(0, market.Ledger.OrderMargin(0, Usdt));
        Assert.Equal(Fp(1m), market.Ledger.OpenInterest(BtcUsdt));
    }

    [Fact]
    public void A_close_pays_margin_plus_realised_pnl_from_the_clearing_pool()
    {
        var market = Funded();
        market.Open(0, 1, BtcUsdt, Side.Buy, 100m, 1m);
        // The long closes at 110 to a third account; the short stays open.
        var maker = market.Place(2, BtcUsdt, Side.Buy, 110m, 1m)!;
        var close = market.Place(0, BtcUsdt, Side.Sell, 110m, 1m)!;
        Assert.Equal(Fp(0.055m), close.Held); // closing needs no initial margin, only the fee reserve
        var (_, t) = market.Fill(maker, close, 1m);

        Assert.Equal(Fp(10m), t.RealisedPnl);
        Assert.Equal(Fp(1m), t.ClosedQuantity);
        Assert.Equal(Fp(10m), t.MarginReleased);
        var pos = market.Ledger.Position(0, BtcUsdt);
        Assert.True(pos.IsFlat);
        Assert.Equal(0, pos.Cost);
        Assert.Equal(0, pos.Margin);
        Assert.Equal(Fp(10m), pos.RealisedPnl);
        Assert.Equal(Fp(10_000m - 0.05m + 10m - 0.055m), market.Ledger.Free(0, Usdt));
        // The pool paid 10: the short (cost 100) and the new long (cost 110) still owe it between them.
        Assert.Equal(Fp(-10m), market.Ledger.Clearing(Usdt));
    }

    [Fact]
    public void When_every_position_is_closed_the_clearing_pool_is_empty_and_pnl_is_zero_sum()
    {
        var market = Funded();
        market.Open(0, 1, BtcUsdt, Side.Buy, 100m, 2m);
        market.Open(0, 1, BtcUsdt, Side.Sell, 95m, 2m);
        Assert.Equal(0, market.Ledger.Clearing(Usdt));
        Assert.Equal(Fp(-10m), market.Ledger.Position(0, BtcUsdt).RealisedPnl);
        Assert.Equal(Fp(10m), market.Ledger.Position(1, BtcUsdt).RealisedPnl);
        Assert.Equal(market.Supply, market.Ledger.Free(0, Usdt) + market.Ledger.Free(1, Usdt) + 2 * Fp(10_000m) + market.Ledger.FeeAccount(Usdt));
    }

    [Fact]
    public void Adding_averages_the_cost_price_and_a_partial_reduce_releases_cost_and_margin_in_proportion()
    {
        var market = Funded();
        market.Open(0, 1, BtcUsdt, Side.Buy, 100m, 1m);
        market.Open(0, 1, BtcUsdt, Side.Buy, 103m, 2m);
        var pos = market.Ledger.Position(0, BtcUsdt);
        Assert.Equal(Fp(306m), pos.Cost);
        Assert.Equal(102m, ContractMath.CostPrice(pos, BtcPerpetual.Multiplier));
        Assert.Equal(Fp(10m + 20.6m), pos.Margin);

        market.Open(0, 1, BtcUsdt, Side.Sell, 105m, 1m);
        pos = market.Ledger.Position(0, BtcUsdt);
        Assert.Equal(Fp(2m), pos.Quantity);
        Assert.Equal(Fp(204m), pos.Cost);
        Assert.Equal(Fp(20.4m), pos.Margin);
        Assert.Equal(Fp(3m), pos.RealisedPnl); // 105 - 306/3
    }

    [Fact]
    public void A_reduce_that_leaves_a_remainder_rounds_the_released_share_down_and_a_full_close_releases_the_rest()
    {
        var market = Funded();
        market.Open(0, 1, BtcUsdt, Side.Buy, 100m, 3m);
        market.Open(0, 1, BtcUsdt, Side.Buy, 101m, 0.00000001m); // size 3.00000001, cost 300.00000101: shares no longer divide evenly
        var before = market.Ledger.Position(0, BtcUsdt);
        market.Open(0, 1, BtcUsdt, Side.Sell, 100m, 1m);
        var pos = market.Ledger.Position(0, BtcUsdt);
        Assert.Equal(before.Quantity - Fp(1m), pos.Quantity);
        Assert.Equal(before.Cost - (long)((Int128)before.Cost * Fp(1m) / before.Quantity), pos.Cost);
        Assert.Equal(before.Margin - (long)((Int128)before.Margin * Fp(1m) / before.Quantity), pos.Margin);
        Assert.NotEqual(0, (Int128)before.Cost * Fp(1m) % before.Quantity); // the case rounds

        market.Open(0, 1, BtcUsdt, Side.Sell, 100m, FixedPoint.ToDecimal(pos.Quantity));
        pos = market.Ledger.Position(0, BtcUsdt);
        Assert.True(pos.IsFlat);
        Assert.Equal(0, pos.Cost);
        Assert.Equal(0, pos.Margin);
        Assert.True(market.Ledger.Position(1, BtcUsdt).IsFlat);
        Assert.Equal(0, market.Ledger.Clearing(Usdt));
    }

    [Fact]
    public void A_fill_larger_than_the_position_closes_it_and_opens_the_other_side()
    {
        var market = Funded();
        market.Open(0, 1, BtcUsdt, Side.Buy, 100m, 1m);
        var maker = market.Place(2, BtcUsdt, Side.Buy, 90m, 3m)!;
        var flip = market.Place(0, BtcUsdt, Side.Sell, 90m, 3m)!;
        // 1 closes (fee reserve only), 2 open: 180 / 10 + 270 x 0.05%
        Assert.Equal(Fp(18m + 0.135m), flip.Held);
        var (_, t) = market.Fill(maker, flip, 3m);

        Assert.Equal(Fp(1m), t.ClosedQuantity);
        Assert.Equal(Fp(2m), t.OpenedQuantity);
        Assert.Equal(Fp(-10m), t.RealisedPnl);
        Assert.Equal(Fp(18m), t.MarginAdded);
        var pos = market.Ledger.Position(0, BtcUsdt);
        Assert.Equal(Fp(-2m), pos.Quantity);
        Assert.Equal(Fp(180m), pos.Cost);
        Assert.Equal(Fp(18m), pos.Margin);
        Assert.Equal(90m, ContractMath.CostPrice(pos, BtcPerpetual.Multiplier));
    }

    [Fact]
    public void Partial_fills_release_the_hold_in_proportion_and_the_last_fill_releases_the_rest()
    {
        var market = Funded();
        var taker = market.Place(0, BtcUsdt, Side.Buy, 100m, 3m)!; // holds 30 + 0.15
        var m1 = market.Place(1, BtcUsdt, Side.Sell, 100m, 1m)!;
        var (_, t1) = market.Fill(m1, taker, 1m);
        Assert.Equal(Fp(10.05m), t1.OrderMarginReleased);
        Assert.Equal(Fp(20.1m), taker.Held);
        var m2 = market.Place(2, BtcUsdt, Side.Sell, 100m, 2m)!;
        market.Fill(m2, taker, 0.5m);
        market.Fill(m2, taker, 1.5m);
        Assert.Equal(0, taker.Held);
        Assert.Equal(0, market.Ledger.OrderMargin(0, Usdt));
        Assert.Equal(Fp(3m), market.Ledger.Position(0, BtcUsdt).Quantity);
    }

    [Fact]
    public void A_sell_filled_above_its_limit_takes_the_extra_margin_from_the_balance()
    {
        var market = Funded();
        var maker = market.Place(1, BtcUsdt, Side.Buy, 120m, 1m)!;
        var taker = market.Place(0, BtcUsdt, Side.Sell, 100m, 1m)!; // held at 100: 10 + 0.05
        var (_, t) = market.Fill(maker, taker, 1m);
        Assert.Equal(Fp(12m), t.MarginAdded);
        Assert.Equal(Fp(0.06m), t.Fee);
        Assert.Equal(Fp(10_000m - 12m - 0.06m), market.Ledger.Free(0, Usdt));
    }

    [Fact]
    public void A_loss_beyond_the_whole_margin_is_drawn_from_the_protection_fund()
    {
        var market = Funded();
        Assert.Equal(ContractReject.None, market.Ledger.SetLeverage(0, BtcUsdt, 100));
        market.Open(0, 1, BtcUsdt, Side.Buy, 100m, 1m); // margin 1
        var maker = market.Place(2, BtcUsdt, Side.Buy, 50m, 1m)!;
        var close = market.Place(0, BtcUsdt, Side.Sell, 50m, 1m)!;
        long freeBefore = market.Ledger.Free(0, Usdt);
        var (_, t) = market.Fill(maker, close, 1m);
        Assert.Equal(Fp(-50m), t.RealisedPnl);
        Assert.Equal(Fp(49m), t.Shortfall);
        Assert.Equal(Fp(-49m), market.Ledger.ProtectionFund(Usdt));
        // Isolated: the balance only paid the fee, out of the released fee reserve.
        Assert.Equal(freeBefore, market.Ledger.Free(0, Usdt));
    }

    [Fact]
    public void A_fee_the_account_cannot_pay_is_taken_from_the_margin_and_then_waived()
    {
        var market = new ContractTestMarket();
        market.FundContract(1, 1_000m);
        market.FundContract(0, 10.05m);
        market.Ledger.SetLeverage(0, BtcUsdt, 10);
        var maker = market.Place(1, BtcUsdt, Side.Buy, 200m, 1m)!;
        var taker = market.Place(0, BtcUsdt, Side.Sell, 100m, 1m)!; // all of account 0's money
        var (_, t) = market.Fill(maker, taker, 1m);
        // Value 200: initial margin 20 wanted, 10.05 available -> margin 10.05; fee 0.1 from the margin.
        Assert.Equal(Fp(10.05m), t.MarginAdded);
        Assert.Equal(Fp(0.1m), t.Fee);
        Assert.Equal(0, t.FeeWaived);
        Assert.Equal(Fp(9.95m), market.Ledger.Position(0, BtcUsdt).Margin);
        Assert.Equal(0, market.Ledger.Free(0, Usdt));
    }

    [Fact]
    public void Leverage_is_one_up_to_the_maximum_and_must_be_covered_by_the_position_margin()
    {
        var market = Funded();
        Assert.Equal(ContractReject.LeverageTooSmall, market.Ledger.SetLeverage(0, BtcUsdt, 0));
        Assert.Equal(ContractReject.LeverageTooLarge, market.Ledger.SetLeverage(0, BtcUsdt, 101));
        Assert.Equal(ContractReject.LeverageTooLarge, market.Ledger.SetLeverage(0, EthUsdt, 51));
        Assert.Equal(ContractReject.None, market.Ledger.SetLeverage(0, BtcUsdt, 1));
        Assert.Equal(ContractReject.None, market.Ledger.SetLeverage(0, BtcUsdt, 10));
        market.Open(0, 1, BtcUsdt, Side.Buy, 100m, 1m); // margin 10
        Assert.Equal(ContractReject.LeverageNotCovered, market.Ledger.SetLeverage(0, BtcUsdt, 5));
        Assert.Equal(10, market.Ledger.Position(0, BtcUsdt).Leverage);
        Assert.Equal(ContractReject.None, market.Ledger.SetLeverage(0, BtcUsdt, 20));
        Assert.Equal(ContractReject.None, market.Ledger.SetLeverage(0, BtcUsdt, 10));
        var order = market.Place(0, BtcUsdt, Side.Buy, 100m, 1m)!;
        Assert.Equal(Fp(10.05m), order.Held);
    }

    [Fact]
    public void Margin_moves_between_spot_and_a_position_but_never_below_what_the_position_requires()
    {
        var market = Funded();
        market.FundSpot(0, 3m);
        long mark = Fp(100m);
        Assert.Equal(ContractReject.PositionNotExists, market.TransferMargin(0, BtcUsdt, Fp(1m), mark));
        market.Open(0, 1, BtcUsdt, Side.Buy, 100m, 1m); // margin 10
        Assert.Equal(ContractReject.InsufficientBalance, market.TransferMargin(0, BtcUsdt, Fp(5m), mark));
        Assert.Equal(ContractReject.None, market.TransferMargin(0, BtcUsdt, Fp(3m), mark));
        Assert.Equal(Fp(13m), market.Ledger.Position(0, BtcUsdt).Margin);
        Assert.Equal(0, market.Spot(0));
        Assert.Equal(ContractReject.MarginBelowRequired, market.TransferMargin(0, BtcUsdt, -Fp(3.00000001m), mark));
        // At mark 88 the long is 12 down: 13 + (-12) = 1 > 0.44 maintenance, but taking 1 out would leave 0 ≤ 0.44.
        Assert.Equal(ContractReject.MarginBelowRequired, market.TransferMargin(0, BtcUsdt, -Fp(1m), Fp(88m)));
        Assert.Equal(ContractReject.None, market.TransferMargin(0, BtcUsdt, -Fp(3m), mark));
        Assert.Equal(Fp(3m), market.Spot(0));
        Assert.Equal(ContractReject.InvalidAmount, market.TransferMargin(0, BtcUsdt, 0, mark));
    }

    [Fact]
    public void Contract_balance_moves_to_and_from_spot_whole()
    {
        var market = Funded(0.5m);
        market.FundSpot(0, 100m);
        Assert.Equal(ContractReject.None, market.SpotToContract(0, Fp(40m)));
        Assert.Equal(Fp(40.5m), market.Ledger.Free(0, Usdt));
        Assert.Equal(ContractReject.InsufficientBalance, market.ContractToSpot(0, Fp(41m)));
        Assert.Equal(ContractReject.None, market.ContractToSpot(0, Fp(40.5m)));
        Assert.Equal(Fp(100.5m), market.Spot(0));
    }

    [Fact]
    public void The_invariant_check_catches_money_that_appears_from_nowhere()
    {
        var market = Funded();
        market.Ledger.Credit(0, Usdt, 1); // minted without telling the supply
        Assert.Contains("supply", market.Ledger.CheckInvariants(Usdt, market.SpotTotal, market.Supply));
    }

    [Fact]
    public void A_contract_with_a_multiplier_values_quantity_in_contracts()
    {
        var market = Funded();
        market.Open(0, 1, EthUsdt, Side.Buy, 2000m, 3m); // 3 contracts of 0.1 ETH at 2000 = 600
        var pos = market.Ledger.Position(0, EthUsdt);
        Assert.Equal(Fp(600m), pos.Cost);
        Assert.Equal(2000m, ContractMath.CostPrice(pos, EthPerpetual.Multiplier));
        Assert.Equal(Fp(30m), ContractMath.UnrealisedPnl(pos, EthPerpetual.Multiplier, Fp(2100m)));
    }
}
