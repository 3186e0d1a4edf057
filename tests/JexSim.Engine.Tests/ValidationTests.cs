using JexSim.Engine.Markets;
using static JexSim.Engine.Tests.TestExchange;

namespace JexSim.Engine.Tests;

public class ValidationTests
{
    // BTCUSDT here: price in [10, 1000] by 0.01, quantity in [0.01, 10] by 0.00001, notional at least 5.
    private readonly TestExchange _ex = TestExchange.Create(s => s with
    {
        MinPrice = Fp(10m), MaxPrice = Fp(1_000m), MinQty = Fp(0.01m), MaxQty = Fp(10m), StepSize = Fp(0.00001m),
    });
    private readonly long _trader;

    public ValidationTests() => _trader = _ex.Account(1, btc: 100, eth: 100, usdt: 100_000);

    public static TheoryData<decimal> PricesOutsideThePriceFilter => new()
    {
        9.99m,      // below the minimum
        0m,
        -100m,
        1_000.01m,  // above the maximum
        100.005m,   // not a multiple of the tick
        100.1234m,
    };

    public static TheoryData<decimal> QuantitiesOutsideTheLotSize => new()
    {
        0.00999m,   // below the minimum
        0m,
        -1m,
        10.00001m,  // above the maximum
        1.000005m,  // not a multiple of the step
        0.0100001m,
    };

    [Theory]
    [MemberData(nameof(PricesOutsideThePriceFilter))]
    public void A_limit_price_outside_the_price_filter_is_PriceFilter(decimal price)
    {
        AssertRejected(RejectReason.PriceFilter, () => _ex.Buy(_trader, price, 1m));
        AssertRejected(RejectReason.PriceFilter, () => _ex.Sell(_trader, price, 1m));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(1_000)]
    public void Prices_on_the_price_filter_bounds_are_accepted(int price) =>
        Assert.True(_ex.Buy(_trader, price, 1m).Accepted);

    [Theory]
    [MemberData(nameof(QuantitiesOutsideTheLotSize))]
    public void A_quantity_outside_the_lot_size_is_LotSize(decimal qty)
    {
        AssertRejected(RejectReason.LotSize, () => _ex.Buy(_trader, 600m, qty));
        AssertRejected(RejectReason.LotSize, () => _ex.Sell(_trader, 600m, qty, TimeInForce.Ioc));
        AssertRejected(RejectReason.LotSize, () => _ex.MarketSell(_trader, qty));
    }

    [Theory]
    [InlineData("0.01")]
    [InlineData("10")]
    [InlineData("1.23456")]
    public void Quantities_on_the_lot_size_bounds_and_step_are_accepted(string qty) =>
        Assert.True(_ex.Buy(_trader, 600m, decimal.Parse(qty, System.Globalization.CultureInfo.InvariantCulture)).Accepted);

    [Fact]
    public void A_notional_below_the_minimum_is_MinNotional()
    {
        AssertRejected(RejectReason.MinNotional, () => _ex.Buy(_trader, 100m, 0.04999m));
        AssertRejected(RejectReason.MinNotional, () => _ex.Sell(_trader, 499.99m, 0.01m, TimeInForce.Fok));
        Assert.True(_ex.Buy(_trader, 100m, 0.05m).Accepted);
        Assert.True(_ex.Sell(_trader, 500m, 0.01m).Accepted);
    }

    [Fact]
    public void A_limit_buy_whose_lock_exceeds_free_quote_is_InsufficientBalance()
    {
        long poor = _ex.Account(2, usdt: 100);

        AssertRejected(RejectReason.InsufficientBalance, () => _ex.Buy(poor, 100m, 1.00001m));
        Assert.True(_ex.Buy(poor, 100m, 1m).Accepted);
        Assert.Equal(0, _ex.Free(poor, Usdt));
    }

    [Fact]
    public void A_sell_of_more_base_than_is_free_is_InsufficientBalance()
    {
        long poor = _ex.Account(2, btc: 1);

        AssertRejected(RejectReason.InsufficientBalance, () => _ex.Sell(poor, 100m, 1.00001m));
        AssertRejected(RejectReason.InsufficientBalance, () => _ex.Sell(poor, 100m, 1.00001m, TimeInForce.Fok));
        Assert.True(_ex.Sell(poor, 100m, 1m).Accepted);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void An_order_for_a_symbol_that_does_not_exist_is_UnknownSymbol(int symbol) =>
        AssertRejected(RejectReason.UnknownSymbol, () => _ex.Buy(_trader, 100m, 1m, symbol: symbol));

    [Fact]
    public void An_order_from_an_account_that_does_not_exist_is_UnknownAccount() =>
        AssertRejected(RejectReason.UnknownAccount, () => _ex.Buy(42, 100m, 1m));

    [Fact]
    public void An_order_from_a_disabled_account_is_AccountDisabled_until_it_is_enabled_again()
    {
        Assert.Equal(RejectReason.None, _ex.Core.SetAccountDisabled(_trader, true, 0));

        AssertRejected(RejectReason.AccountDisabled, () => _ex.Buy(_trader, 100m, 1m));
        AssertRejected(RejectReason.AccountDisabled, () => _ex.MarketSell(_trader, 1m));

        Assert.Equal(RejectReason.None, _ex.Core.SetAccountDisabled(_trader, false, 0));
        Assert.True(_ex.Buy(_trader, 100m, 1m).Accepted);
        Assert.Equal(RejectReason.UnknownAccount, _ex.Core.SetAccountDisabled(42, true, 0));
    }

    [Fact]
    public void An_order_on_a_symbol_that_is_not_trading_is_MarketClosed()
    {
        var ex = TestExchange.Create(s => s.Id == BtcUsdt ? s with { Trading = false } : s);
        long trader = ex.Account(1, btc: 10, eth: 10, usdt: 10_000);

        Assert.Equal(RejectReason.MarketClosed, ex.Buy(trader, 100m, 1m).Reject);
        Assert.Equal(RejectReason.MarketClosed, ex.MarketSell(trader, 1m).Reject);
        Assert.True(ex.Buy(trader, 100m, 1m, symbol: EthUsdt).Accepted);
    }

    [Fact]
    public void A_market_order_where_they_are_not_allowed_is_MarketOrdersNotSupported()
    {
        var ex = TestExchange.Create(s => s with { MarketOrdersAllowed = false });
        long trader = ex.Account(1, btc: 10, usdt: 10_000);

        Assert.Equal(RejectReason.MarketOrdersNotSupported, ex.MarketBuy(trader, 1m).Reject);
        Assert.Equal(RejectReason.MarketOrdersNotSupported, ex.MarketSell(trader, 1m).Reject);
        Assert.True(ex.Buy(trader, 100m, 1m).Accepted);
    }

    [Fact]
    public void A_limit_whose_notional_does_not_fit_64_bits_is_NotionalTooLarge()
    {
        var ex = TestExchange.Create(s => s with { MaxPrice = Fp(10_000_000_000m), MaxQty = Fp(10_000m) });
        long trader = ex.Account(1, btc: 10_000, usdt: 10_000);

        // 10^10 x 10^4 = 10^14 USDT, while a long holds about 9.2 x 10^10 at 8 decimals.
        Assert.Equal(RejectReason.NotionalTooLarge, ex.Buy(trader, 10_000_000_000m, 10_000m).Reject);
        Assert.Equal(RejectReason.NotionalTooLarge, ex.Sell(trader, 10_000_000_000m, 10_000m).Reject);
    }

    [Fact]
    public void The_201st_open_GTC_order_on_a_symbol_is_MaxOpenOrders()
    {
        Assert.Equal(200, _ex.Core.Limits.MaxOpenOrdersPerSymbol);
        var ids = new List<long>();
        for (int i = 0; i < 200; i++)
            ids.Add(_ex.Rest(_ex.Sell(_trader, 500m + i, 0.01m)));
        Assert.Equal(200, _ex.Core.FindAccount(_trader)!.OpenOrders(BtcUsdt));

        AssertRejected(RejectReason.MaxOpenOrders, () => _ex.Sell(_trader, 999m, 0.01m));
        AssertRejected(RejectReason.MaxOpenOrders, () => _ex.Buy(_trader, 100m, 1m));

        // Orders that cannot rest, other symbols and other accounts are not held back.
        Assert.True(_ex.Buy(_trader, 100m, 1m, TimeInForce.Ioc).Accepted);
        Assert.True(_ex.Buy(_trader, 100m, 1m, TimeInForce.Fok).Accepted);
        Assert.True(_ex.MarketSell(_trader, 0.5m).Accepted);
        Assert.True(_ex.Sell(_trader, 500m, 0.01m, symbol: EthUsdt).Accepted);
        Assert.True(_ex.Buy(_ex.Account(2, usdt: 1_000), 100m, 1m).Accepted);

        // Canceling one makes room for one more.
        Assert.True(_ex.Cancel(_trader, ids[^1]).Accepted);
        Assert.True(_ex.Sell(_trader, 999m, 0.01m).Accepted);
        Assert.Equal(RejectReason.MaxOpenOrders, _ex.Sell(_trader, 998m, 0.01m).Reject);
    }

    [Fact]
    public void A_filled_resting_order_no_longer_counts_toward_the_cap()
    {
        var ex = TestExchange.Create(limits: new OrderLimits { MaxOpenOrdersPerSymbol = 2 });
        long maker = ex.Account(1, btc: 10);
        long taker = ex.Account(2, usdt: 10_000);
        ex.Rest(ex.Sell(maker, 100m, 1m));
        ex.Rest(ex.Sell(maker, 101m, 1m));
        Assert.Equal(RejectReason.MaxOpenOrders, ex.Sell(maker, 102m, 1m).Reject);

        ex.Buy(taker, 100m, 1m);

        Assert.Equal(1, ex.Core.FindAccount(maker)!.OpenOrders(BtcUsdt));
        Assert.True(ex.Sell(maker, 102m, 1m).Accepted);
    }

    [Fact]
    public void Validate_agrees_with_Place_and_changes_nothing()
    {
        var good = new PlaceOrder(_trader, BtcUsdt, Side.Buy, OrderType.Limit, TimeInForce.Gtc, Fp(100m), Fp(1m));
        var bad = good with { Price = Fp(100.001m) };
        _ex.Core.Output.Clear();
        long nextOrderId = _ex.Core.NextOrderId;

        Assert.Equal(RejectReason.None, _ex.Core.Validate(good));
        Assert.Equal(RejectReason.PriceFilter, _ex.Core.Validate(bad));

        Assert.Equal(nextOrderId, _ex.Core.NextOrderId);
        Assert.Equal(0, _ex.Locked(_trader, Usdt));
        Assert.Equal(0, _ex.Book().Bids.LevelCount);
        Assert.True(_ex.Core.Output.IsEmpty);
        Assert.Equal(RejectReason.PriceFilter, _ex.Place(bad).Reject);
        Assert.True(_ex.Place(good).Accepted);
    }

    /// <summary>Asserts the command is refused for <paramref name="expected"/> and leaves no trace.</summary>
    private void AssertRejected(RejectReason expected, Func<PlaceResult> place)
    {
        long nextOrderId = _ex.Core.NextOrderId;
        int openOrders = _ex.Core.OpenOrderCount;
        var balances = Snapshot();

        var result = place();

        Assert.Equal(expected, result.Reject);
        Assert.False(result.Accepted);
        Assert.Equal(default, result.Order);
        Assert.Equal(nextOrderId, _ex.Core.NextOrderId);
        Assert.Equal(openOrders, _ex.Core.OpenOrderCount);
        Assert.True(_ex.Core.Output.IsEmpty);
        Assert.Empty(_ex.Core.Output.Levels);
        Assert.Equal(balances, Snapshot());
    }

    private BalanceState[] Snapshot() =>
        _ex.Core.AccountsView.SelectMany(a => _ex.Core.Assets.Select(s => _ex.Core.Balance(a.Id, s.Id))).ToArray();
}
