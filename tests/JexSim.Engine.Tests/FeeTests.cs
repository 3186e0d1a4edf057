using static JexSim.Engine.Tests.TestExchange;

namespace JexSim.Engine.Tests;

public class FeeTests
{
    private const long MakerRate = 100_000; // 0.1%
    private const long TakerRate = 200_000; // 0.2%

    private readonly TestExchange _ex = TestExchange.Create(s => s with { MakerFeeRate = MakerRate, TakerFeeRate = TakerRate });
    private readonly long _maker, _taker;

    public FeeTests()
    {
        _maker = _ex.Account(1, btc: 10, usdt: 10_000);
        _taker = _ex.Account(2, btc: 10, usdt: 10_000);
    }

    [Fact]
    public void A_taker_buyer_pays_the_taker_rate_in_base_and_the_maker_seller_the_maker_rate_in_quote()
    {
        _ex.Rest(_ex.Sell(_maker, 100m, 2m));

        _ex.Buy(_taker, 100m, 2m);

        var trade = Assert.Single(_ex.Trades);
        Assert.Equal(Fp(0.004m), trade.BuyerFee);   // 2 BTC x 0.2%
        Assert.Equal(Fp(0.2m), trade.SellerFee);    // 200 USDT x 0.1%
        Assert.Equal(Fp(11.996m), _ex.Free(_taker, Btc));
        Assert.Equal(Fp(9_800m), _ex.Free(_taker, Usdt));
        Assert.Equal(Fp(8m), _ex.Free(_maker, Btc));
        Assert.Equal(Fp(10_199.8m), _ex.Free(_maker, Usdt));
        Assert.Equal(Fp(0.004m), _ex.Free(FeeAccount, Btc));
        Assert.Equal(Fp(0.2m), _ex.Free(FeeAccount, Usdt));
    }

    [Fact]
    public void A_maker_buyer_pays_the_maker_rate_in_base_and_the_taker_seller_the_taker_rate_in_quote()
    {
        _ex.Rest(_ex.Buy(_maker, 100m, 2m));

        _ex.Sell(_taker, 100m, 2m);

        var trade = Assert.Single(_ex.Trades);
        Assert.Equal(Fp(0.002m), trade.BuyerFee);   // 2 BTC x 0.1%
        Assert.Equal(Fp(0.4m), trade.SellerFee);    // 200 USDT x 0.2%
        Assert.Equal(Fp(11.998m), _ex.Free(_maker, Btc));
        Assert.Equal(Fp(9_800m), _ex.Free(_maker, Usdt));
        Assert.Equal(Fp(8m), _ex.Free(_taker, Btc));
        Assert.Equal(Fp(10_199.6m), _ex.Free(_taker, Usdt));
        Assert.Equal(Fp(0.002m), _ex.Free(FeeAccount, Btc));
        Assert.Equal(Fp(0.4m), _ex.Free(FeeAccount, Usdt));
    }

    [Fact]
    public void Fees_are_charged_per_fill_and_add_up_in_the_fee_account()
    {
        _ex.Rest(_ex.Sell(_maker, 100m, 1m));
        _ex.Rest(_ex.Sell(_maker, 150m, 1m));

        _ex.MarketBuy(_taker, 2m);

        Assert.Equal([Fp(0.002m), Fp(0.002m)], _ex.Trades.Select(t => t.BuyerFee));
        Assert.Equal([Fp(0.1m), Fp(0.15m)], _ex.Trades.Select(t => t.SellerFee));
        Assert.Equal(Fp(0.004m), _ex.Free(FeeAccount, Btc));
        Assert.Equal(Fp(0.25m), _ex.Free(FeeAccount, Usdt));
        Assert.Equal(Fp(11.996m), _ex.Free(_taker, Btc));
        Assert.Equal(Fp(10_249.75m), _ex.Free(_maker, Usdt));
    }

    [Fact]
    public void Fees_round_down_to_the_ledger_unit()
    {
        var ex = TestExchange.Create(s => s with { MakerFeeRate = 75_000, TakerFeeRate = 75_000 }); // 0.075%
        long maker = ex.Account(1, btc: 10);
        long taker = ex.Account(2, usdt: 1_000);
        ex.Rest(ex.Sell(maker, 100.01m, 1.00001m));

        ex.Buy(taker, 100.01m, 1.00001m);

        var trade = Assert.Single(ex.Trades);
        Assert.Equal(Fp(100.0110001m), trade.QuoteQuantity);
        Assert.Equal(Fp(0.00075000m), trade.BuyerFee);   // 1.00001 x 0.00075 = 0.0007500075
        Assert.Equal(Fp(0.07500825m), trade.SellerFee);  // 100.0110001 x 0.00075 = 0.075008250075
        Assert.Equal(Fp(1.00001m - 0.00075m), ex.Free(taker, Btc));
        Assert.Equal(Fp(100.0110001m - 0.07500825m), ex.Free(maker, Usdt));
    }

    [Fact]
    public void With_zero_fee_rates_no_fee_is_charged()
    {
        var ex = TestExchange.Create();
        long maker = ex.Account(1, btc: 10);
        long taker = ex.Account(2, usdt: 1_000);
        ex.Rest(ex.Sell(maker, 100m, 2m));

        ex.Buy(taker, 100m, 2m);

        var trade = Assert.Single(ex.Trades);
        Assert.Equal((0L, 0L), (trade.BuyerFee, trade.SellerFee));
        Assert.Equal(Fp(2m), ex.Free(taker, Btc));
        Assert.Equal(Fp(200m), ex.Free(maker, Usdt));
        Assert.Equal((0L, 0L), (ex.Free(FeeAccount, Btc), ex.Free(FeeAccount, Usdt)));
        Assert.DoesNotContain(ex.Core.Output.Balances, b => b.AccountId == FeeAccount);
    }

    [Fact]
    public void Fees_never_create_or_destroy_funds()
    {
        _ex.Rest(_ex.Sell(_maker, 100.37m, 1.23457m));
        _ex.Buy(_taker, 101m, 0.5m);
        _ex.MarketBuy(_taker, 0.5m);
        _ex.Rest(_ex.Buy(_maker, 99.99m, 1m));
        _ex.MarketSell(_taker, 0.7m);

        Assert.Equal(3, _ex.Core.NextTradeId - 1);
        foreach (var asset in new[] { Btc, Usdt })
        {
            long total = new[] { _maker, _taker, FeeAccount }.Sum(a => _ex.Free(a, asset) + _ex.Locked(a, asset));
            Assert.Equal(_ex.Core.Supply(asset.Id), total);
        }
        Assert.True(_ex.Free(FeeAccount, Btc) > 0);
        Assert.True(_ex.Free(FeeAccount, Usdt) > 0);
    }
}
