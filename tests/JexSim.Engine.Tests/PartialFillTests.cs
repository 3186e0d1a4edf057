using static JexSim.Engine.Tests.TestExchange;

namespace JexSim.Engine.Tests;

public class PartialFillTests
{
    private readonly TestExchange _ex = TestExchange.Create();
    private readonly long _alice, _bob, _carol;

    public PartialFillTests()
    {
        _alice = _ex.Account(1, btc: 10, usdt: 10_000);
        _bob = _ex.Account(2, btc: 10, usdt: 10_000);
        _carol = _ex.Account(3, btc: 10, usdt: 10_000);
    }

    [Fact]
    public void A_partially_filled_maker_keeps_its_place_at_the_head_of_the_queue()
    {
        long first = _ex.Rest(_ex.Sell(_alice, 100m, 3m));
        long second = _ex.Rest(_ex.Sell(_bob, 100m, 1m));

        var taker = _ex.Buy(_carol, 100m, 1m);

        Assert.Equal(OrderStatus.Filled, taker.Order.Status);
        var makerUpdate = Assert.Single(_ex.Orders, o => o.Id == first);
        Assert.Equal(OrderStatus.PartiallyFilled, makerUpdate.Status);
        Assert.Equal(Fp(1m), makerUpdate.Filled);
        Assert.Equal(Fp(2m), makerUpdate.Remaining);
        Assert.Equal(Fp(2m), makerUpdate.Locked);
        Assert.Equal([first, second], _ex.Queue(Side.Sell, 100m));
        Assert.Equal([(Fp(100m), Fp(3m))], _ex.Depth(Side.Sell));

        _ex.Buy(_carol, 100m, 2.5m);

        Assert.Equal([(first, Fp(2m)), (second, Fp(0.5m))], _ex.Trades.Select(t => (t.SellOrderId, t.Quantity)));
        Assert.Equal([second], _ex.Queue(Side.Sell, 100m));
        Assert.Equal(OrderStatus.PartiallyFilled, _ex.Core.FindOpenOrder(second)!.Value.Status);
    }

    [Fact]
    public void A_taker_sweeps_several_levels_best_first()
    {
        _ex.Rest(_ex.Sell(_alice, 100m, 1m));
        _ex.Rest(_ex.Sell(_bob, 101m, 2m));
        _ex.Rest(_ex.Sell(_alice, 102m, 3m));
        _ex.Rest(_ex.Sell(_bob, 103m, 1m));

        var result = _ex.Buy(_carol, 102m, 4m);

        Assert.Equal(
            [(Fp(100m), Fp(1m)), (Fp(101m), Fp(2m)), (Fp(102m), Fp(1m))],
            _ex.Trades.Select(t => (t.Price, t.Quantity)));
        Assert.Equal(OrderStatus.Filled, result.Order.Status);
        Assert.Equal(Fp(100m + 202m + 102m), result.Order.CumulativeQuote);
        Assert.Equal([(Fp(102m), Fp(2m)), (Fp(103m), Fp(1m))], _ex.Depth(Side.Sell));
        Assert.Empty(_ex.Depth(Side.Buy));
        // Locked 408 at the limit price, paid 404: the 4 not spent comes back.
        Assert.Equal(Fp(10_000m - 404m), _ex.Free(_carol, Usdt));
        Assert.Equal(0, _ex.Locked(_carol, Usdt));
    }

    [Fact]
    public void A_sell_taker_sweeps_bids_from_the_highest()
    {
        _ex.Rest(_ex.Buy(_alice, 98m, 1m));
        _ex.Rest(_ex.Buy(_bob, 100m, 1m));
        _ex.Rest(_ex.Buy(_alice, 99m, 1m));

        _ex.Sell(_carol, 98.5m, 5m);

        Assert.Equal([Fp(100m), Fp(99m)], _ex.Trades.Select(t => t.Price));
        Assert.Equal([(Fp(98.5m), Fp(3m))], _ex.Depth(Side.Sell));
        Assert.Equal([(Fp(98m), Fp(1m))], _ex.Depth(Side.Buy));
    }

    [Fact]
    public void The_remainder_of_a_partially_filled_GTC_rests_as_PartiallyFilled()
    {
        _ex.Rest(_ex.Sell(_alice, 100m, 1m));

        var result = _ex.Buy(_carol, 101m, 3m);

        Assert.Single(_ex.Trades);
        Assert.Equal(OrderStatus.PartiallyFilled, result.Order.Status);
        Assert.Equal(Fp(1m), result.Order.Filled);
        Assert.Equal([(Fp(101m), Fp(2m))], _ex.Depth(Side.Buy));
        Assert.Empty(_ex.Depth(Side.Sell));
        var open = _ex.Core.FindOpenOrder(result.Order.Id);
        Assert.NotNull(open);
        Assert.Equal(OrderStatus.PartiallyFilled, open.Value.Status);
        // Locked 303 at the limit, spent 100 at the maker's price; the rest stays with the order until it closes.
        Assert.Equal(Fp(203m), open.Value.Locked);
        Assert.Equal(Fp(203m), _ex.Locked(_carol, Usdt));
        Assert.Equal(1, _ex.Core.FindAccount(_carol)!.OpenOrders(BtcUsdt));
    }

    [Fact]
    public void A_resting_remainder_is_filled_later_at_its_own_price()
    {
        _ex.Rest(_ex.Sell(_alice, 100m, 1m));
        long buy = _ex.Rest(_ex.Buy(_carol, 101m, 3m));

        _ex.Sell(_bob, 101m, 2m);

        var trade = Assert.Single(_ex.Trades);
        Assert.Equal((buy, Fp(101m), Fp(2m), true), (trade.BuyOrderId, trade.Price, trade.Quantity, trade.BuyerMaker));
        Assert.Null(_ex.Core.FindOpenOrder(buy));
        Assert.Equal(OrderStatus.Filled, Assert.Single(_ex.Orders, o => o.Id == buy).Status);
        Assert.Equal(Fp(10_000m - 100m - 202m), _ex.Free(_carol, Usdt));
        Assert.Equal(0, _ex.Locked(_carol, Usdt));
        Assert.Equal(Fp(13m), _ex.Free(_carol, Btc));
    }
}
