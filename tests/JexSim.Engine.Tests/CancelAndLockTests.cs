using static JexSim.Engine.Tests.TestExchange;

namespace JexSim.Engine.Tests;

public class CancelAndLockTests
{
    private readonly TestExchange _ex = TestExchange.Create();
    private readonly long _alice, _bob;

    public CancelAndLockTests()
    {
        _alice = _ex.Account(1, btc: 10, usdt: 10_000);
        _bob = _ex.Account(2, btc: 10, usdt: 10_000);
    }

    [Fact]
    public void A_resting_buy_locks_price_times_quantity_of_quote()
    {
        _ex.Rest(_ex.Buy(_alice, 123.45m, 0.12345m));

        Assert.Equal(Fp(15.2399025m), _ex.Locked(_alice, Usdt));
        Assert.Equal(Fp(10_000m - 15.2399025m), _ex.Free(_alice, Usdt));
        Assert.Equal(0, _ex.Locked(_alice, Btc));
    }

    [Fact]
    public void A_resting_sell_locks_its_quantity_of_base()
    {
        _ex.Rest(_ex.Sell(_alice, 100m, 1.23456m));

        Assert.Equal(Fp(1.23456m), _ex.Locked(_alice, Btc));
        Assert.Equal(Fp(8.76544m), _ex.Free(_alice, Btc));
        Assert.Equal(0, _ex.Locked(_alice, Usdt));
    }

    [Fact]
    public void A_buy_lock_is_rounded_up_to_the_next_unit()
    {
        // With an 8-decimal tick, price x qty has more decimals than the ledger: the lock rounds up.
        var ex = TestExchange.Create(s => s with { TickSize = 1, MinPrice = 1 });
        long buyer = ex.Account(1, usdt: 1_000);

        long id = ex.Rest(ex.Buy(buyer, 123.45678901m, 1.00001m));

        // 123.45678901 x 1.00001 = 123.4580235778901
        Assert.Equal(Fp(123.45802358m), ex.Locked(buyer, Usdt));
        Assert.True(ex.Cancel(buyer, id).Accepted);
        Assert.Equal(Fp(1_000m), ex.Free(buyer, Usdt));
        Assert.Equal(0, ex.Locked(buyer, Usdt));
    }

    [Fact]
    public void Cancel_unlocks_exactly_what_a_buy_held()
    {
        long other = _ex.Rest(_ex.Buy(_alice, 90m, 1m));
        long id = _ex.Rest(_ex.Buy(_alice, 100m, 0.5m));
        Assert.Equal(Fp(140m), _ex.Locked(_alice, Usdt));

        var result = _ex.Cancel(_alice, id);

        Assert.Equal(RejectReason.None, result.Reject);
        Assert.Equal(OrderStatus.Canceled, result.Order.Status);
        Assert.Equal(0, result.Order.Locked);
        Assert.Equal(_ex.Now, result.Order.UpdateTime);
        Assert.Equal(Fp(90m), _ex.Locked(_alice, Usdt));
        Assert.Equal(Fp(9_910m), _ex.Free(_alice, Usdt));
        Assert.Null(_ex.Core.FindOpenOrder(id));
        Assert.NotNull(_ex.Core.FindOpenOrder(other));
        Assert.Equal([(Fp(90m), Fp(1m))], _ex.Depth(Side.Buy));
        Assert.Equal(1, _ex.Core.FindAccount(_alice)!.OpenOrders(BtcUsdt));
    }

    [Fact]
    public void Cancel_unlocks_exactly_what_a_sell_held()
    {
        long id = _ex.Rest(_ex.Sell(_alice, 100m, 2.5m));

        Assert.True(_ex.Cancel(_alice, id).Accepted);

        Assert.Equal((Fp(10m), 0L), (_ex.Free(_alice, Btc), _ex.Locked(_alice, Btc)));
        Assert.Empty(_ex.Depth(Side.Sell));
    }

    [Fact]
    public void Cancel_of_a_partially_filled_sell_unlocks_only_the_unfilled_part()
    {
        long id = _ex.Rest(_ex.Sell(_alice, 100m, 3m));
        _ex.Buy(_bob, 100m, 1m);

        var result = _ex.Cancel(_alice, id);

        Assert.Equal(OrderStatus.Canceled, result.Order.Status);
        Assert.Equal(Fp(1m), result.Order.Filled);
        Assert.Equal((Fp(9m), 0L), (_ex.Free(_alice, Btc), _ex.Locked(_alice, Btc)));
        Assert.Equal(Fp(10_100m), _ex.Free(_alice, Usdt));
    }

    [Fact]
    public void Cancel_reports_the_level_change()
    {
        _ex.Rest(_ex.Sell(_alice, 100m, 1m));
        long id = _ex.Rest(_ex.Sell(_alice, 100m, 2m));
        long updateId = _ex.Book().UpdateId;

        _ex.Cancel(_alice, id);

        var change = Assert.Single(_ex.Core.Output.Levels);
        Assert.Equal((Side.Sell, Fp(100m), Fp(1m), updateId + 1), (change.Side, change.Price, change.Quantity, change.UpdateId));
        Assert.Equal(OrderStatus.Canceled, Assert.Single(_ex.Orders).Status);
    }

    [Fact]
    public void Cancel_of_an_unknown_order_is_UnknownOrder()
    {
        Assert.Equal(RejectReason.UnknownOrder, _ex.Cancel(_alice, 12345).Reject);
        Assert.True(_ex.Core.Output.IsEmpty);
    }

    [Fact]
    public void Cancel_of_a_filled_order_is_UnknownOrder()
    {
        long id = _ex.Rest(_ex.Sell(_alice, 100m, 1m));
        _ex.Buy(_bob, 100m, 1m);

        Assert.Equal(RejectReason.UnknownOrder, _ex.Cancel(_alice, id).Reject);
        Assert.Equal(Fp(10_100m), _ex.Free(_alice, Usdt));
    }

    [Fact]
    public void Cancel_of_an_already_canceled_order_is_UnknownOrder()
    {
        long id = _ex.Rest(_ex.Buy(_alice, 100m, 1m));
        Assert.True(_ex.Cancel(_alice, id).Accepted);

        Assert.Equal(RejectReason.UnknownOrder, _ex.Cancel(_alice, id).Reject);
        Assert.Equal(Fp(10_000m), _ex.Free(_alice, Usdt));
    }

    [Fact]
    public void Cancel_of_another_accounts_order_is_UnknownOrder_and_leaves_it_in_the_book()
    {
        long id = _ex.Rest(_ex.Buy(_alice, 100m, 1m));

        Assert.Equal(RejectReason.UnknownOrder, _ex.Cancel(_bob, id).Reject);

        Assert.NotNull(_ex.Core.FindOpenOrder(id));
        Assert.Equal(Fp(100m), _ex.Locked(_alice, Usdt));
        Assert.Equal([id], _ex.Queue(Side.Buy, 100m));
    }

    [Fact]
    public void Cancel_under_the_wrong_symbol_is_UnknownOrder()
    {
        long id = _ex.Rest(_ex.Buy(_alice, 100m, 1m));

        Assert.Equal(RejectReason.UnknownOrder, _ex.Cancel(_alice, id, EthUsdt).Reject);
        Assert.NotNull(_ex.Core.FindOpenOrder(id));
    }

    [Fact]
    public void A_buy_filled_below_its_limit_gets_the_unused_lock_back()
    {
        _ex.Rest(_ex.Sell(_bob, 100m, 1m));

        var result = _ex.Buy(_alice, 110m, 1m);

        Assert.Equal(OrderStatus.Filled, result.Order.Status);
        Assert.Equal(0, result.Order.Locked);
        Assert.Equal(0, _ex.Locked(_alice, Usdt));
        Assert.Equal(Fp(9_900m), _ex.Free(_alice, Usdt));
    }

    [Fact]
    public void A_partly_filled_buy_keeps_its_surplus_lock_until_it_is_canceled()
    {
        _ex.Rest(_ex.Sell(_bob, 100m, 1m));
        long id = _ex.Rest(_ex.Buy(_alice, 110m, 2m));
        // Locked 220, spent 100 on the first fill.
        Assert.Equal(Fp(120m), _ex.Locked(_alice, Usdt));

        _ex.Cancel(_alice, id);

        Assert.Equal(0, _ex.Locked(_alice, Usdt));
        Assert.Equal(Fp(9_900m), _ex.Free(_alice, Usdt));
    }

    [Fact]
    public void Locked_funds_cannot_be_used_twice()
    {
        _ex.Rest(_ex.Sell(_alice, 100m, 6m));

        Assert.Equal(RejectReason.InsufficientBalance, _ex.Sell(_alice, 100m, 4.00001m).Reject);
        Assert.Equal(RejectReason.InsufficientBalance, _ex.Core.AdjustBalance(_alice, Btc.Id, -Fp(4.00001m)));
        _ex.Rest(_ex.Sell(_alice, 101m, 4m));
        Assert.Equal((0L, Fp(10m)), (_ex.Free(_alice, Btc), _ex.Locked(_alice, Btc)));
    }
}
