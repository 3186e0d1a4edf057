using static JexSim.Engine.Tests.TestExchange;

namespace JexSim.Engine.Tests;

public class PriceTimePriorityTests
{
    private readonly TestExchange _ex = TestExchange.Create();
    private readonly long _alice, _bob, _carol;

    public PriceTimePriorityTests()
    {
        _alice = _ex.Account(1, btc: 10, usdt: 10_000);
        _bob = _ex.Account(2, btc: 10, usdt: 10_000);
        _carol = _ex.Account(3, btc: 10, usdt: 10_000);
    }

    [Fact]
    public void Makers_at_the_same_price_fill_in_arrival_order()
    {
        long first = _ex.Rest(_ex.Sell(_alice, 100m, 1m));
        long second = _ex.Rest(_ex.Sell(_bob, 100m, 1m));
        Assert.Equal([first, second], _ex.Queue(Side.Sell, 100m));

        _ex.Buy(_carol, 100m, 1m);

        var trade = Assert.Single(_ex.Trades);
        Assert.Equal(first, trade.SellOrderId);
        Assert.Equal(_alice, trade.SellerAccountId);
        Assert.Null(_ex.Core.FindOpenOrder(first));
        Assert.Equal([second], _ex.Queue(Side.Sell, 100m));

        _ex.Buy(_carol, 100m, 1m);
        Assert.Equal(second, Assert.Single(_ex.Trades).SellOrderId);
        Assert.Empty(_ex.Depth(Side.Sell));
    }

    [Fact]
    public void Bids_at_the_same_price_fill_in_arrival_order()
    {
        long first = _ex.Rest(_ex.Buy(_alice, 100m, 1m));
        long second = _ex.Rest(_ex.Buy(_bob, 100m, 1m));

        _ex.Sell(_carol, 100m, 1.5m);

        Assert.Equal([(first, Fp(1m)), (second, Fp(0.5m))], _ex.Trades.Select(t => (t.BuyOrderId, t.Quantity)));
        Assert.Equal([second], _ex.Queue(Side.Buy, 100m));
    }

    [Fact]
    public void A_better_price_fills_before_an_earlier_worse_price()
    {
        long worseButEarlier = _ex.Rest(_ex.Sell(_alice, 101m, 1m));
        long betterButLater = _ex.Rest(_ex.Sell(_bob, 100m, 1m));

        _ex.Buy(_carol, 101m, 1m);

        var trade = Assert.Single(_ex.Trades);
        Assert.Equal(betterButLater, trade.SellOrderId);
        Assert.Equal(Fp(100m), trade.Price);
        Assert.NotNull(_ex.Core.FindOpenOrder(worseButEarlier));
    }

    [Fact]
    public void A_higher_bid_fills_before_an_earlier_lower_bid()
    {
        _ex.Rest(_ex.Buy(_alice, 99m, 1m));
        long higher = _ex.Rest(_ex.Buy(_bob, 100m, 1m));

        _ex.Sell(_carol, 99m, 1m);

        var trade = Assert.Single(_ex.Trades);
        Assert.Equal(higher, trade.BuyOrderId);
        Assert.Equal(Fp(100m), trade.Price);
    }

    [Fact]
    public void Bids_are_sorted_high_to_low_and_asks_low_to_high()
    {
        foreach (var price in new[] { 99m, 97m, 101m, 98m, 100m, 99m })
            _ex.Rest(_ex.Buy(_alice, price, 1m));
        foreach (var price in new[] { 105m, 103m, 107m, 104m, 103m, 106m })
            _ex.Rest(_ex.Sell(_bob, price, 1m));

        Assert.Equal(
            [(Fp(101m), Fp(1m)), (Fp(100m), Fp(1m)), (Fp(99m), Fp(2m)), (Fp(98m), Fp(1m)), (Fp(97m), Fp(1m))],
            _ex.Depth(Side.Buy));
        Assert.Equal(
            [(Fp(103m), Fp(2m)), (Fp(104m), Fp(1m)), (Fp(105m), Fp(1m)), (Fp(106m), Fp(1m)), (Fp(107m), Fp(1m))],
            _ex.Depth(Side.Sell));
        Assert.Equal(Fp(101m), _ex.Book().Bids.Best!.Price);
        Assert.Equal(Fp(103m), _ex.Book().Asks.Best!.Price);
        Assert.Equal(2, _ex.Book().Asks.Best!.OrderCount);
    }

    [Fact]
    public void Removing_a_middle_level_keeps_the_others_sorted()
    {
        _ex.Rest(_ex.Sell(_alice, 103m, 1m));
        long middle = _ex.Rest(_ex.Sell(_alice, 104m, 1m));
        _ex.Rest(_ex.Sell(_alice, 105m, 1m));

        Assert.True(_ex.Cancel(_alice, middle).Accepted);

        Assert.Equal([(Fp(103m), Fp(1m)), (Fp(105m), Fp(1m))], _ex.Depth(Side.Sell));
        _ex.Rest(_ex.Sell(_alice, 104.5m, 1m));
        Assert.Equal([Fp(103m), Fp(104.5m), Fp(105m)], _ex.Depth(Side.Sell).Select(l => l.Price));
    }

    [Fact]
    public void Books_of_different_symbols_are_independent()
    {
        _ex.Deposit(_alice, Eth, 10m);
        _ex.Rest(_ex.Sell(_alice, 100m, 1m, symbol: EthUsdt));

        var result = _ex.Buy(_bob, 100m, 1m, symbol: BtcUsdt);

        Assert.Empty(_ex.Trades);
        Assert.Equal(OrderStatus.New, result.Order.Status);
        Assert.Single(_ex.Depth(Side.Sell, EthUsdt));
        Assert.Single(_ex.Depth(Side.Buy, BtcUsdt));
    }
}
