using static JexSim.Engine.Tests.TestExchange;

namespace JexSim.Engine.Tests;

public class MarketOrderTests
{
    private readonly TestExchange _ex = TestExchange.Create();
    private readonly long _maker, _taker;

    public MarketOrderTests()
    {
        _maker = _ex.Account(1, btc: 10, usdt: 10_000);
        _taker = _ex.Account(2, btc: 10, usdt: 10_000);
    }

    [Fact]
    public void A_market_buy_larger_than_the_book_fills_what_there_is_and_expires_the_rest()
    {
        _ex.Rest(_ex.Sell(_maker, 100m, 1m));
        _ex.Rest(_ex.Sell(_maker, 101m, 1m));

        var result = _ex.MarketBuy(_taker, 5m);

        Assert.Equal(RejectReason.None, result.Reject);
        Assert.Equal(OrderStatus.Expired, result.Order.Status);
        Assert.Equal(OrderType.Market, result.Order.Type);
        Assert.Equal(Fp(2m), result.Order.Filled);
        Assert.Equal(Fp(201m), result.Order.CumulativeQuote);
        Assert.Equal([(Fp(100m), Fp(1m)), (Fp(101m), Fp(1m))], _ex.Trades.Select(t => (t.Price, t.Quantity)));
        Assert.Empty(_ex.Depth(Side.Sell));
        Assert.Empty(_ex.Depth(Side.Buy));
        Assert.Equal(Fp(12m), _ex.Free(_taker, Btc));
        Assert.Equal(Fp(10_000m - 201m), _ex.Free(_taker, Usdt));
        Assert.Equal(0, _ex.Locked(_taker, Usdt));
    }

    [Fact]
    public void A_market_buy_that_the_book_covers_is_Filled()
    {
        _ex.Rest(_ex.Sell(_maker, 100m, 1m));
        _ex.Rest(_ex.Sell(_maker, 101m, 1m));

        var result = _ex.MarketBuy(_taker, 1.5m);

        Assert.Equal(OrderStatus.Filled, result.Order.Status);
        Assert.Equal(Fp(150.5m), result.Order.CumulativeQuote);
        Assert.Equal([(Fp(101m), Fp(0.5m))], _ex.Depth(Side.Sell));
        Assert.Equal(Fp(10_000m - 150.5m), _ex.Free(_taker, Usdt));
    }

    [Theory]
    [InlineData(Side.Buy)]
    [InlineData(Side.Sell)]
    public void A_market_order_on_an_empty_book_expires_with_zero_fills(Side side)
    {
        var result = side == Side.Buy ? _ex.MarketBuy(_taker, 1m) : _ex.MarketSell(_taker, 1m);

        Assert.Equal(RejectReason.None, result.Reject);
        Assert.Equal(OrderStatus.Expired, result.Order.Status);
        Assert.Equal(0, result.Order.Filled);
        Assert.Empty(_ex.Trades);
        Assert.Equal((Fp(10m), Fp(10_000m)), (_ex.Free(_taker, Btc), _ex.Free(_taker, Usdt)));
        Assert.Equal(0, _ex.Locked(_taker, Btc) + _ex.Locked(_taker, Usdt));
    }

    [Fact]
    public void A_market_buy_is_rejected_when_free_quote_does_not_cover_the_walk_of_the_book()
    {
        long poor = _ex.Account(3, usdt: 150);
        _ex.Rest(_ex.Sell(_maker, 100m, 1m));
        _ex.Rest(_ex.Sell(_maker, 101m, 1m));
        long nextOrderId = _ex.Core.NextOrderId;

        var rejected = _ex.MarketBuy(poor, 2m);

        Assert.Equal(RejectReason.InsufficientBalance, rejected.Reject);
        Assert.False(rejected.Accepted);
        Assert.Empty(_ex.Trades);
        Assert.Empty(_ex.Orders);
        Assert.Equal(nextOrderId, _ex.Core.NextOrderId);
        Assert.Equal(Fp(150m), _ex.Free(poor, Usdt));
        Assert.Equal([(Fp(100m), Fp(1m)), (Fp(101m), Fp(1m))], _ex.Depth(Side.Sell));

        // One is 100: that is covered.
        var accepted = _ex.MarketBuy(poor, 1m);
        Assert.Equal(OrderStatus.Filled, accepted.Order.Status);
        Assert.Equal(Fp(50m), _ex.Free(poor, Usdt));
    }

    [Fact]
    public void A_market_buy_needs_exactly_its_cost_and_no_more()
    {
        long exact = _ex.Account(3, usdt: 201);
        _ex.Rest(_ex.Sell(_maker, 100m, 1m));
        _ex.Rest(_ex.Sell(_maker, 101m, 1m));

        var result = _ex.MarketBuy(exact, 2m);

        Assert.Equal(OrderStatus.Filled, result.Order.Status);
        Assert.Equal(0, _ex.Free(exact, Usdt));
        Assert.Equal(Fp(2m), _ex.Free(exact, Btc));
    }

    [Fact]
    public void A_market_sell_walks_the_bids_from_the_highest()
    {
        _ex.Rest(_ex.Buy(_maker, 99m, 1m));
        _ex.Rest(_ex.Buy(_maker, 98m, 2m));

        var result = _ex.MarketSell(_taker, 2m);

        Assert.Equal(OrderStatus.Filled, result.Order.Status);
        Assert.Equal([(Fp(99m), Fp(1m)), (Fp(98m), Fp(1m))], _ex.Trades.Select(t => (t.Price, t.Quantity)));
        Assert.All(_ex.Trades, t => Assert.True(t.BuyerMaker));
        Assert.Equal(Fp(197m), result.Order.CumulativeQuote);
        Assert.Equal(Fp(10_197m), _ex.Free(_taker, Usdt));
        Assert.Equal(Fp(8m), _ex.Free(_taker, Btc));
        Assert.Equal([(Fp(98m), Fp(1m))], _ex.Depth(Side.Buy));
    }

    [Fact]
    public void A_market_sell_larger_than_the_bids_expires_the_rest_and_unlocks_it()
    {
        _ex.Rest(_ex.Buy(_maker, 99m, 1m));

        var result = _ex.MarketSell(_taker, 3m);

        Assert.Equal(OrderStatus.Expired, result.Order.Status);
        Assert.Equal(Fp(1m), result.Order.Filled);
        Assert.Equal(Fp(9m), _ex.Free(_taker, Btc));
        Assert.Equal(0, _ex.Locked(_taker, Btc));
    }

    [Fact]
    public void A_market_sell_of_more_base_than_is_free_is_rejected()
    {
        _ex.Rest(_ex.Buy(_maker, 99m, 20m));

        Assert.Equal(RejectReason.InsufficientBalance, _ex.MarketSell(_taker, 10.00001m).Reject);
        Assert.Empty(_ex.Trades);
    }

    [Fact]
    public void A_market_order_below_the_min_notional_at_the_best_price_is_rejected()
    {
        _ex.Rest(_ex.Sell(_maker, 100m, 1m));

        Assert.Equal(RejectReason.MinNotional, _ex.MarketBuy(_taker, 0.04999m).Reject);
        Assert.Equal(OrderStatus.Filled, _ex.MarketBuy(_taker, 0.05m).Order.Status);
    }

    [Fact]
    public void A_market_order_ignores_the_requested_time_in_force_and_never_rests()
    {
        _ex.Rest(_ex.Sell(_maker, 100m, 1m));

        var result = _ex.Place(new(_taker, BtcUsdt, Side.Buy, OrderType.Market, TimeInForce.Fok, 0, Fp(2m)));

        Assert.Equal(TimeInForce.Ioc, result.Order.TimeInForce);
        Assert.Equal(OrderStatus.Expired, result.Order.Status);
        Assert.Equal(Fp(1m), result.Order.Filled);
        Assert.Equal(0, _ex.Core.OpenOrderCount);
    }
}
