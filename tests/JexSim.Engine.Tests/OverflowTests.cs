using JexSim.Engine.Accounts;
using JexSim.Engine.Markets;
using static JexSim.Engine.Tests.TestExchange;

namespace JexSim.Engine.Tests;

/// <summary>
/// Amounts at the edge of the fixed-point range: every attempt to overflow is refused with a reason before anything
/// changes, and the ledger's invariants (supply per asset, locks held by orders, books) hold after each command.
/// </summary>
public class OverflowTests
{
    private static readonly decimal Max = FixedPoint.ToDecimal(long.MaxValue); // 92233720368.54775807

    [Fact]
    public void The_issue_case_an_account_credited_the_whole_range_then_an_IOC_sell_keeps_every_unit()
    {
        var ex = Create();
        long whale = ex.Account(1, usdt: Max);
        long seller = ex.Account(2, btc: 10m);
        ex.Rest(ex.Buy(whale, 100_000m, 1m));

        var sold = ex.Sell(seller, 100_000m, 2m, TimeInForce.Ioc);

        Assert.Equal(OrderStatus.Expired, sold.Order.Status);
        Assert.Equal(Fp(1m), sold.Order.Filled);
        Assert.Equal(Fp(100_000m), ex.Free(seller, Usdt));
        Assert.Equal(Fp(9m), ex.Free(seller, Btc));
        Assert.Equal(0, ex.Locked(seller, Btc));
        Assert.Equal(long.MaxValue, ex.Core.Supply(Usdt.Id));
        Assert.Equal(Fp(10m), ex.Core.Supply(Btc.Id));
    }

    [Fact]
    public void A_deposit_past_the_asset_supply_limit_is_refused_even_into_another_account()
    {
        var ex = Create();
        long a = ex.Account(1, usdt: Max - 1m);
        long b = ex.Account(2);

        Assert.Equal(RejectReason.BalanceOverflow, ex.Core.Apply(EngineCommand.AdjustBalance(b, Usdt.Id, Fp(2m)), 0).Reject);
        Assert.Equal(0, ex.Free(b, Usdt));
        Assert.Equal(RejectReason.None, ex.Core.Apply(EngineCommand.AdjustBalance(b, Usdt.Id, Fp(1m)), 0).Reject);
        Assert.Equal(RejectReason.BalanceOverflow, ex.Core.Apply(EngineCommand.AdjustBalance(a, Usdt.Id, 1), 0).Reject);
        Assert.Equal(Ledger.MaxSupply, ex.Core.Supply(Usdt.Id));
        ex.AssertInvariants();
    }

    [Fact]
    public void Withdrawing_long_MinValue_is_refused_without_wrapping()
    {
        var ex = Create();
        long a = ex.Account(1, usdt: 5m);
        Assert.Equal(RejectReason.InsufficientBalance, ex.Core.Apply(EngineCommand.AdjustBalance(a, Usdt.Id, long.MinValue), 0).Reject);
        Assert.Equal(Fp(5m), ex.Free(a, Usdt));
        ex.AssertInvariants();
    }

    [Fact]
    public void A_limit_order_whose_notional_leaves_the_range_is_NotionalTooLarge_and_changes_nothing()
    {
        var ex = Create(s => s with { MaxPrice = long.MaxValue / 2, MaxQty = long.MaxValue / 2 });
        long a = ex.Account(1, usdt: Max, btc: Max);

        var buy = ex.Buy(a, 1_000_000_000m, 1_000_000m);
        Assert.Equal(RejectReason.NotionalTooLarge, buy.Reject);
        Assert.Empty(ex.Orders);
        Assert.Empty(ex.Core.Output.Balances);
        Assert.Equal(0, ex.Locked(a, Usdt));
        Assert.Equal(1, ex.Core.NextOrderId);
    }

    [Fact]
    public void A_market_buy_whose_cost_leaves_the_range_is_NotionalTooLarge_and_changes_nothing()
    {
        var ex = Create(s => s with { MaxPrice = long.MaxValue / 2, MaxQty = long.MaxValue / 2, MinNotional = 0 });
        long maker = ex.Account(1, btc: 2_000_000m);
        long taker = ex.Account(2, usdt: Max);
        ex.Rest(ex.Sell(maker, 60_000_000m, 1_000m));
        ex.Rest(ex.Sell(maker, 70_000_000m, 1_000m));
        var before = (ex.Free(taker, Usdt), ex.Free(maker, Btc), ex.Locked(maker, Btc));

        var result = ex.MarketBuy(taker, 2_000m);

        Assert.Equal(RejectReason.NotionalTooLarge, result.Reject);
        Assert.Empty(ex.Trades);
        Assert.Equal(before, (ex.Free(taker, Usdt), ex.Free(maker, Btc), ex.Locked(maker, Btc)));
        Assert.Equal(2, ex.Book().Asks.LevelCount);
    }

    [Fact]
    public void Fees_at_the_top_of_the_range_stay_inside_the_supply()
    {
        var ex = Create(s => s with { MakerFeeRate = 99_999_999, TakerFeeRate = 99_999_999, MaxPrice = long.MaxValue / 2, MaxQty = 1_000_000m is var q ? Fp(q) : 0 });
        long buyer = ex.Account(1, usdt: Max);
        long seller = ex.Account(2, btc: 1_000_000m);
        ex.Rest(ex.Sell(seller, 90_000m, 1_000_000m));

        var bought = ex.Buy(buyer, 90_000m, 1_000_000m);

        Assert.Equal(OrderStatus.Filled, bought.Order.Status);
        var trade = Assert.Single(ex.Trades);
        Assert.True(trade.BuyerFee < trade.Quantity && trade.SellerFee < trade.QuoteQuantity);
        Assert.Equal(long.MaxValue, ex.Core.Supply(Usdt.Id));
        Assert.Equal(trade.SellerFee, ex.Free(FeeAccount, Usdt));
    }

    [Fact]
    public void Disabling_an_account_cancels_its_resting_orders_with_output_and_releases_their_locks()
    {
        var ex = Create();
        long a = ex.Account(1, usdt: 1_000m, btc: 1m, eth: 10m);
        long other = ex.Account(2, usdt: 1_000m);
        long bid = ex.Rest(ex.Buy(a, 100m, 1m));
        long ask = ex.Rest(ex.Sell(a, 50_000m, 0.5m));
        long ethAsk = ex.Rest(ex.Sell(a, 2_000m, 1m, symbol: EthUsdt));
        long theirs = ex.Rest(ex.Buy(other, 99m, 1m));
        ex.Core.Output.Clear();

        Assert.Equal(RejectReason.None, ex.Core.Apply(EngineCommand.SetAccountDisabled(a, true), 5).Reject);

        Assert.Equal([(bid, OrderStatus.Canceled), (ask, OrderStatus.Canceled), (ethAsk, OrderStatus.Canceled)],
            ex.Orders.Select(o => (o.Id, o.Status)).OrderBy(o => o.Id));
        Assert.Contains((a, true), ex.Core.Output.AccountFlags);
        Assert.Contains(ex.Core.Output.Levels, l => l.Price == Fp(100m) && l.Quantity == 0);
        Assert.Equal(0, ex.Locked(a, Usdt));
        Assert.Equal(0, ex.Locked(a, Btc));
        Assert.Equal(0, ex.Locked(a, Eth));
        Assert.NotNull(ex.Core.FindOpenOrder(theirs));
        Assert.Equal(1, ex.Core.OpenOrderCount);
        ex.AssertInvariants();
        Assert.Equal(RejectReason.AccountDisabled, ex.Buy(a, 100m, 1m).Reject);
    }
}
