using static JexSim.Engine.Tests.TestExchange;

namespace JexSim.Engine.Tests;

public class TimeInForceTests
{
    private readonly TestExchange _ex = TestExchange.Create();
    private readonly long _maker, _taker;

    public TimeInForceTests()
    {
        _maker = _ex.Account(1, btc: 10, usdt: 10_000);
        _taker = _ex.Account(2, btc: 10, usdt: 10_000);
    }

    [Fact]
    public void IOC_fills_what_it_can_and_expires_the_rest()
    {
        _ex.Rest(_ex.Sell(_maker, 100m, 1m));

        var result = _ex.Buy(_taker, 100m, 3m, TimeInForce.Ioc);

        Assert.Equal(RejectReason.None, result.Reject);
        Assert.Equal(OrderStatus.Expired, result.Order.Status);
        Assert.Equal(Fp(1m), result.Order.Filled);
        Assert.Equal(0, result.Order.Locked);
        Assert.Single(_ex.Trades);
        Assert.Empty(_ex.Depth(Side.Buy));
        Assert.Empty(_ex.Depth(Side.Sell));
        Assert.Null(_ex.Core.FindOpenOrder(result.Order.Id));
        Assert.Equal(Fp(9_900m), _ex.Free(_taker, Usdt));
        Assert.Equal(0, _ex.Locked(_taker, Usdt));
        Assert.Equal(0, _ex.Core.FindAccount(_taker)!.OpenOrders(BtcUsdt));
    }

    [Fact]
    public void IOC_that_fills_completely_is_Filled()
    {
        _ex.Rest(_ex.Buy(_maker, 100m, 2m));

        var result = _ex.Sell(_taker, 99m, 2m, TimeInForce.Ioc);

        Assert.Equal(OrderStatus.Filled, result.Order.Status);
        Assert.Equal(Fp(100m), Assert.Single(_ex.Trades).Price);
    }

    [Fact]
    public void IOC_that_does_not_cross_expires_without_fills_and_leaves_balances_alone()
    {
        _ex.Rest(_ex.Sell(_maker, 100m, 1m));

        var result = _ex.Buy(_taker, 99m, 1m, TimeInForce.Ioc);

        Assert.Equal(OrderStatus.Expired, result.Order.Status);
        Assert.Equal(0, result.Order.Filled);
        Assert.Empty(_ex.Trades);
        Assert.Empty(_ex.Depth(Side.Buy));
        Assert.Equal(Fp(10_000m), _ex.Free(_taker, Usdt));
        Assert.Equal(0, _ex.Locked(_taker, Usdt));
    }

    [Fact]
    public void FOK_that_cannot_fill_completely_expires_with_no_trades_and_no_balance_change()
    {
        _ex.Rest(_ex.Sell(_maker, 100m, 1m));
        _ex.Rest(_ex.Sell(_maker, 102m, 1m));
        var depthBefore = _ex.Depth(Side.Sell);
        long updateIdBefore = _ex.Book().UpdateId;

        // Two are on offer, but only one at or below the limit.
        var result = _ex.Buy(_taker, 101m, 2m, TimeInForce.Fok);

        Assert.Equal(RejectReason.None, result.Reject);
        Assert.Equal(OrderStatus.Expired, result.Order.Status);
        Assert.Equal(0, result.Order.Filled);
        Assert.Empty(_ex.Trades);
        Assert.Empty(_ex.Core.Output.Levels);
        Assert.Equal(depthBefore, _ex.Depth(Side.Sell));
        Assert.Equal(updateIdBefore, _ex.Book().UpdateId);
        Assert.Empty(_ex.Depth(Side.Buy));
        Assert.Equal((Fp(10_000m), 0L), (_ex.Free(_taker, Usdt), _ex.Locked(_taker, Usdt)));
        Assert.Equal((Fp(10m), 0L), (_ex.Free(_taker, Btc), _ex.Locked(_taker, Btc)));
    }

    [Fact]
    public void FOK_larger_than_the_whole_book_expires()
    {
        _ex.Rest(_ex.Buy(_maker, 100m, 1m));
        _ex.Rest(_ex.Buy(_maker, 99m, 1m));

        var result = _ex.Sell(_taker, 50m, 2.00001m, TimeInForce.Fok);

        Assert.Equal(OrderStatus.Expired, result.Order.Status);
        Assert.Empty(_ex.Trades);
        Assert.Equal(2, _ex.Book().Bids.LevelCount);
        Assert.Equal(Fp(10m), _ex.Free(_taker, Btc));
    }

    [Fact]
    public void FOK_that_can_fill_completely_is_Filled_across_levels()
    {
        _ex.Rest(_ex.Sell(_maker, 100m, 1m));
        _ex.Rest(_ex.Sell(_maker, 101m, 1m));

        var result = _ex.Buy(_taker, 101m, 2m, TimeInForce.Fok);

        Assert.Equal(OrderStatus.Filled, result.Order.Status);
        Assert.Equal([Fp(100m), Fp(101m)], _ex.Trades.Select(t => t.Price));
        Assert.Empty(_ex.Depth(Side.Sell));
        Assert.Equal(Fp(12m), _ex.Free(_taker, Btc));
        Assert.Equal(Fp(10_000m - 201m), _ex.Free(_taker, Usdt));
        Assert.Equal(0, _ex.Locked(_taker, Usdt));
    }

    [Fact]
    public void FOK_sell_that_exactly_matches_the_available_quantity_fills()
    {
        _ex.Rest(_ex.Buy(_maker, 100m, 0.5m));
        _ex.Rest(_ex.Buy(_maker, 100m, 0.25m));

        var result = _ex.Sell(_taker, 100m, 0.75m, TimeInForce.Fok);

        Assert.Equal(OrderStatus.Filled, result.Order.Status);
        Assert.Equal(2, _ex.Trades.Count);
        Assert.Equal(Fp(10_075m), _ex.Free(_taker, Usdt));
    }

    [Fact]
    public void FOK_and_IOC_orders_never_rest()
    {
        var ioc = _ex.Buy(_taker, 100m, 1m, TimeInForce.Ioc);
        var fok = _ex.Sell(_taker, 200m, 1m, TimeInForce.Fok);

        Assert.Equal(OrderStatus.Expired, ioc.Order.Status);
        Assert.Equal(OrderStatus.Expired, fok.Order.Status);
        Assert.Equal(0, _ex.Core.OpenOrderCount);
        Assert.Equal(0, _ex.Book().Bids.LevelCount + _ex.Book().Asks.LevelCount);
    }
}
