using static JexSim.Engine.Tests.TestExchange;

namespace JexSim.Engine.Tests;

public class TradeExecutionTests
{
    private readonly TestExchange _ex = TestExchange.Create();
    private readonly long _maker, _taker;

    public TradeExecutionTests()
    {
        _maker = _ex.Account(1, btc: 10, usdt: 10_000);
        _taker = _ex.Account(2, btc: 10, usdt: 10_000);
    }

    [Fact]
    public void Output_lists_each_changed_symbol_once_in_first_change_order_until_cleared()
    {
        _ex.Account(3, eth: 10, usdt: 10_000);
        var core = _ex.Core;
        core.Output.Clear();
        PlaceOrder SellEth(decimal price) => new(3, EthUsdt, Side.Sell, OrderType.Limit, TimeInForce.Gtc, Fp(price), Fp(1m));

        core.Place(SellEth(2000m), _ex.Now);                                                                             // rests: ETH book
        core.Place(new PlaceOrder(_maker, BtcUsdt, Side.Sell, OrderType.Limit, TimeInForce.Gtc, Fp(100m), Fp(1m)), _ex.Now); // rests: BTC book
        core.Place(new PlaceOrder(_taker, BtcUsdt, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Fp(100m), Fp(1m)), _ex.Now);  // trades on BTC
        core.Place(SellEth(2001m), _ex.Now);                                                                             // ETH again
        Assert.Equal([EthUsdt, BtcUsdt], core.Output.ChangedSymbols);

        core.Output.Clear();
        Assert.Empty(core.Output.ChangedSymbols);
        var rejected = core.Place(new PlaceOrder(_taker, BtcUsdt, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Fp(100m), Fp(1_000m)), _ex.Now);
        Assert.Equal(RejectReason.InsufficientBalance, rejected.Reject);
        Assert.Empty(core.Output.ChangedSymbols);
        core.Place(new PlaceOrder(_taker, BtcUsdt, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Fp(99m), Fp(1m)), _ex.Now);
        Assert.Equal([BtcUsdt], core.Output.ChangedSymbols);
    }

    [Fact]
    public void A_buy_limit_above_the_best_ask_fills_at_the_ask()
    {
        long ask = _ex.Rest(_ex.Sell(_maker, 100m, 1m));

        var result = _ex.Buy(_taker, 105m, 1m);

        var trade = Assert.Single(_ex.Trades);
        Assert.Equal(Fp(100m), trade.Price);
        Assert.Equal(Fp(1m), trade.Quantity);
        Assert.Equal(Fp(100m), trade.QuoteQuantity);
        Assert.Equal(ask, trade.SellOrderId);
        Assert.Equal(result.Order.Id, trade.BuyOrderId);
        Assert.Equal(OrderStatus.Filled, result.Order.Status);
        Assert.Equal(Fp(100m), result.Order.CumulativeQuote);
        Assert.Equal(Fp(100m), _ex.Core.LastPrice(BtcUsdt));
        Assert.Equal(_ex.Now, trade.Time);
    }

    [Fact]
    public void A_sell_limit_below_the_best_bid_fills_at_the_bid()
    {
        _ex.Rest(_ex.Buy(_maker, 100m, 1m));

        var result = _ex.Sell(_taker, 90m, 1m);

        var trade = Assert.Single(_ex.Trades);
        Assert.Equal(Fp(100m), trade.Price);
        Assert.Equal(Fp(100m), result.Order.CumulativeQuote);
        Assert.Equal(Fp(10_100m), _ex.Free(_taker, Usdt));
    }

    [Fact]
    public void A_limit_that_does_not_cross_rests_without_trading()
    {
        _ex.Rest(_ex.Sell(_maker, 100m, 1m));

        var result = _ex.Buy(_taker, 99.99m, 1m);

        Assert.Empty(_ex.Trades);
        Assert.Equal(OrderStatus.New, result.Order.Status);
        Assert.Equal(0, result.Order.Filled);
        Assert.Equal(Fp(99.99m), _ex.Book().Bids.Best!.Price);
        Assert.Equal(Fp(100m), _ex.Book().Asks.Best!.Price);
    }

    [Fact]
    public void Taker_buy_moves_base_and_quote_between_the_two_accounts()
    {
        _ex.Rest(_ex.Sell(_maker, 250m, 2m));
        Assert.Equal(Fp(2m), _ex.Locked(_maker, Btc));

        _ex.Buy(_taker, 250m, 2m);

        Assert.Equal(Fp(8m), _ex.Free(_maker, Btc));
        Assert.Equal(0, _ex.Locked(_maker, Btc));
        Assert.Equal(Fp(10_500m), _ex.Free(_maker, Usdt));
        Assert.Equal(Fp(12m), _ex.Free(_taker, Btc));
        Assert.Equal(Fp(9_500m), _ex.Free(_taker, Usdt));
        Assert.Equal(0, _ex.Locked(_taker, Usdt));
    }

    [Fact]
    public void BuyerMaker_is_false_when_the_buyer_takes()
    {
        long sell = _ex.Rest(_ex.Sell(_maker, 100m, 1m));

        long buy = _ex.Buy(_taker, 100m, 1m).Order.Id;

        var trade = Assert.Single(_ex.Trades);
        Assert.False(trade.BuyerMaker);
        Assert.Equal((buy, sell, _taker, _maker), (trade.BuyOrderId, trade.SellOrderId, trade.BuyerAccountId, trade.SellerAccountId));
    }

    [Fact]
    public void BuyerMaker_is_true_when_the_seller_takes()
    {
        long buy = _ex.Rest(_ex.Buy(_maker, 100m, 1m));

        long sell = _ex.Sell(_taker, 100m, 1m).Order.Id;

        var trade = Assert.Single(_ex.Trades);
        Assert.True(trade.BuyerMaker);
        Assert.Equal((buy, sell, _maker, _taker), (trade.BuyOrderId, trade.SellOrderId, trade.BuyerAccountId, trade.SellerAccountId));
    }

    [Fact]
    public void Trade_and_order_ids_increase_across_commands_and_symbols()
    {
        _ex.Deposit(_maker, Eth, 10m);
        var tradeIds = new List<long>();
        var orderIds = new List<long>();
        for (int i = 0; i < 3; i++)
        {
            orderIds.Add(_ex.Rest(_ex.Sell(_maker, 100m + i, 1m)));
            orderIds.Add(_ex.Rest(_ex.Sell(_maker, 20m, 1m, symbol: EthUsdt)));
        }

        orderIds.Add(_ex.Buy(_taker, 102m, 3m).Order.Id);
        tradeIds.AddRange(_ex.Trades.Select(t => t.Id));
        orderIds.Add(_ex.Buy(_taker, 20m, 3m, symbol: EthUsdt).Order.Id);
        tradeIds.AddRange(_ex.Trades.Select(t => t.Id));

        Assert.Equal([1L, 2, 3, 4, 5, 6], tradeIds);
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), orderIds);
        Assert.Equal(7, _ex.Core.NextTradeId);
    }

    [Fact]
    public void An_account_can_trade_against_itself_without_creating_or_losing_funds()
    {
        _ex.Rest(_ex.Sell(_maker, 100m, 1m));

        _ex.Buy(_maker, 100m, 1m);

        var trade = Assert.Single(_ex.Trades);
        Assert.Equal(trade.BuyerAccountId, trade.SellerAccountId);
        Assert.Equal(Fp(10m), _ex.Free(_maker, Btc));
        Assert.Equal(Fp(10_000m), _ex.Free(_maker, Usdt));
        Assert.Equal(0, _ex.Locked(_maker, Btc) + _ex.Locked(_maker, Usdt));
    }

    [Fact]
    public void The_output_reports_the_changed_levels_orders_and_balances()
    {
        long ask = _ex.Rest(_ex.Sell(_maker, 100m, 1m));
        _ex.Rest(_ex.Sell(_maker, 101m, 1m));
        long updateBefore = _ex.Book().UpdateId;

        long buy = _ex.Buy(_taker, 101m, 1.5m).Order.Id;

        var levels = _ex.Core.Output.Levels;
        Assert.Equal([(Side.Sell, Fp(100m), 0L), (Side.Sell, Fp(101m), Fp(0.5m))], levels.Select(l => (l.Side, l.Price, l.Quantity)));
        Assert.All(levels, l => Assert.Equal(updateBefore + 1, l.UpdateId));
        Assert.Equal(updateBefore + 1, _ex.Book().UpdateId);
        Assert.Equal(
            [(ask, OrderStatus.Filled), (ask + 1, OrderStatus.PartiallyFilled), (buy, OrderStatus.Filled)],
            _ex.Orders.Select(o => (o.Id, o.Status)));
        Assert.Contains(_ex.Core.Balance(_taker, Btc.Id), _ex.Core.Output.Balances);
        Assert.Contains(_ex.Core.Balance(_maker, Usdt.Id), _ex.Core.Output.Balances);
        Assert.Equal(_ex.Core.Output.Balances.Count, _ex.Core.Output.Balances.Select(b => (b.AccountId, b.AssetId)).Distinct().Count());
    }
}
