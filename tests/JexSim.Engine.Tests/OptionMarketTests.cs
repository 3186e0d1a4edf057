using JexSim.Engine;
using JexSim.Engine.Markets;
using JexSim.Engine.Markets.Option;

namespace JexSim.Engine.Tests;

/// <summary>
/// The option market through <see cref="ExchangeCore.Apply"/>: issue, redeem, trade the tokens, settle. Every command is
/// followed by the invariant check (collateral held, token supply equal to tokens outstanding, supply of every asset).
/// </summary>
public sealed class OptionMarketTests
{
    private static readonly AssetSpec Btc = new(0, "BTC"), Usdt = new(1, "USDT"), Jex = new(2, "JEX"), Call = new(3, "BTCCALL"), Put = new(4, "BTCPUT");
    private const int BtcUsdt = 0, CallId = 1, PutId = 2;
    private const long Writer = 1, Buyer = 2, Fee = 99;
    private const long Expiry = 10_000;
    private static long Fp(decimal v) => FixedPoint.FromDecimal(v);

    private readonly ExchangeCore _core;
    private long _now = 1_000;

    public OptionMarketTests()
    {
        var spot = new SymbolSpec
        {
            Id = BtcUsdt, Name = "BTCUSDT", Market = MarketType.Spot, Base = Btc, Quote = Usdt, TickSize = Fp(0.01m), MinPrice = Fp(0.01m),
            MaxPrice = Fp(1_000_000m), StepSize = Fp(0.0001m), MinQty = Fp(0.0001m), MaxQty = Fp(1000m),
        };
        SymbolSpec Option(int id, string name, AssetSpec token, OptionKind kind, ReleaseTerms terms) => new()
        {
            Id = id, Name = name, Market = MarketType.Option, Base = token, Quote = Usdt, TickSize = Fp(0.01m), MinPrice = Fp(0.01m),
            MaxPrice = Fp(100_000m), StepSize = Fp(1m), MinQty = Fp(1m), MaxQty = Fp(1_000_000m), MakerFeeRate = Fp(0.001m), TakerFeeRate = Fp(0.002m),
            Option = new OptionSpec(kind, spot, Fp(10_000m), Expiry, terms),
        };
        // The spec's terms for the call (margin in BTC); the put is margined in USDT, 100 USDT a token.
        _core = new ExchangeCore([Btc, Usdt, Jex, Call, Put],
            [spot, Option(CallId, "BTCCALL", Call, OptionKind.Call, new ReleaseTerms(Fp(0.1m), Btc, Fp(0.1m), Jex, Fp(1m))),
                   Option(PutId, "BTCPUT", Put, OptionKind.Put, new ReleaseTerms(Fp(0.1m), Usdt, Fp(1000m), Jex, Fp(1m)))], Fee);
        Ok(EngineCommand.CreateAccount(Writer));
        Ok(EngineCommand.CreateAccount(Buyer));
        Ok(EngineCommand.AdjustBalance(Writer, Btc.Id, Fp(1000m)));
        Ok(EngineCommand.AdjustBalance(Writer, Jex.Id, Fp(100_000m)));
        Ok(EngineCommand.AdjustBalance(Writer, Usdt.Id, Fp(1_000_000m)));
        Ok(EngineCommand.AdjustBalance(Buyer, Usdt.Id, Fp(100_000m)));
    }

    private CommandResult Apply(EngineCommand command, long? at = null)
    {
        _core.Output.Clear();
        var result = _core.Apply(command, at ?? ++_now);
        Assert.Empty(_core.CheckInvariants());
        return result;
    }

    private CommandResult Ok(EngineCommand command, long? at = null)
    {
        var result = Apply(command, at);
        Assert.Equal(RejectReason.None, result.Reject);
        return result;
    }

    private long Free(long account, AssetSpec a) => _core.Balance(account, a.Id).Free;
    private long Locked(long account, AssetSpec a) => _core.Balance(account, a.Id).Locked;
    private static PlaceOrder Limit(long account, int symbol, Side side, decimal price, decimal qty) =>
        new(account, symbol, side, OrderType.Limit, TimeInForce.Gtc, Fp(price), Fp(qty));

    [Fact]
    public void Issue_locks_the_spec_example_collateral_and_credits_tokens()
    {
        Ok(EngineCommand.IssueOption(Writer, CallId, Fp(17780m)));
        Assert.Equal(Fp(177.8m), Locked(Writer, Btc));
        Assert.Equal(Fp(17780m), Locked(Writer, Jex));
        Assert.Equal(Fp(17780m), Free(Writer, Call));
        Assert.Equal(Fp(1000m - 177.8m), Free(Writer, Btc));
        var e = Assert.Single(_core.Output.OptionEvents);
        Assert.Equal((OptionEventKind.Release, Fp(17780m), Fp(177.8m), Fp(17780m)), (e.Kind, e.Amount, e.MarginAmount, e.BaseAmount));

        // Redeem 2 of them: 0.02 BTC and 2 JEX come back (the spec's option/back and option/record examples).
        Ok(EngineCommand.RedeemOption(Writer, CallId, Fp(2m)));
        Assert.Equal(Fp(177.78m), Locked(Writer, Btc));
        Assert.Equal(Fp(17778m), Locked(Writer, Jex));
        Assert.Equal(Fp(17778m), Free(Writer, Call));
        Assert.Equal(Fp(17778m), _core.Supply(Call.Id));
        var back = Assert.Single(_core.Output.OptionEvents);
        Assert.Equal((OptionEventKind.Back, Fp(2m), Fp(0.02m), Fp(2m)), (back.Kind, back.Amount, back.MarginAmount, back.BaseAmount));
    }

    [Fact]
    public void Refusals_change_nothing()
    {
        Assert.Equal(RejectReason.InsufficientCollateral, Apply(EngineCommand.IssueOption(Writer, CallId, Fp(100_001m))).Reject); // JEX short
        Assert.Equal(RejectReason.InsufficientCollateral, Apply(EngineCommand.IssueOption(Buyer, CallId, Fp(1m))).Reject);
        Assert.Equal(RejectReason.InvalidAmount, Apply(EngineCommand.IssueOption(Writer, CallId, Fp(1.5m))).Reject);
        Assert.Equal(RejectReason.NothingReleased, Apply(EngineCommand.RedeemOption(Writer, CallId, Fp(1m))).Reject);
        Ok(EngineCommand.IssueOption(Writer, CallId, Fp(10m)));
        Assert.Equal(RejectReason.RedeemExceedsReleased, Apply(EngineCommand.RedeemOption(Writer, CallId, Fp(11m))).Reject);
        Assert.Equal(RejectReason.UnknownSymbol, Apply(EngineCommand.IssueOption(Writer, BtcUsdt, Fp(1m))).Reject);
        Assert.Equal(RejectReason.InvalidAmount, Apply(EngineCommand.AdjustBalance(Buyer, Call.Id, Fp(5m))).Reject); // tokens are never deposited
        Assert.Empty(_core.Output.Balances);
        Assert.Equal(Fp(0.1m), Locked(Writer, Btc));

        // Sold tokens cannot be redeemed: the writer no longer holds them.
        Ok(EngineCommand.Place(Limit(Writer, CallId, Side.Sell, 50m, 10m)));
        Assert.Equal(RejectReason.InsufficientBalance, Apply(EngineCommand.RedeemOption(Writer, CallId, Fp(1m))).Reject);
    }

    [Fact]
    public void Tokens_trade_as_spot_against_the_premium()
    {
        Ok(EngineCommand.IssueOption(Writer, CallId, Fp(10m)));
        Ok(EngineCommand.Place(Limit(Writer, CallId, Side.Sell, 50m, 10m)));
        Assert.Equal(Fp(10m), Locked(Writer, Call));
        var buy = Ok(EngineCommand.Place(Limit(Buyer, CallId, Side.Buy, 50m, 4m)));
        Assert.Equal(OrderStatus.Filled, buy.Order.Status);
        // Buyer (taker, 0.2%) pays 200 USDT for 4 tokens less 0.008 fee; writer (maker, 0.1%) gets 200 - 0.2 USDT.
        Assert.Equal(Fp(4m - 0.008m), Free(Buyer, Call));
        Assert.Equal(Fp(100_000m - 200m), Free(Buyer, Usdt));
        Assert.Equal(Fp(1_000_000m + 199.8m), Free(Writer, Usdt));
        Assert.Equal(Fp(6m), Locked(Writer, Call));
    }

    [Fact]
    public void Expiry_in_the_money_pays_holders_from_writers_collateral()
    {
        Ok(EngineCommand.IssueOption(Writer, CallId, Fp(10m)));
        Ok(EngineCommand.Place(Limit(Writer, CallId, Side.Sell, 50m, 10m)));
        Ok(EngineCommand.Place(Limit(Buyer, CallId, Side.Buy, 50m, 4m)));
        Ok(EngineCommand.Place(Limit(Buyer, CallId, Side.Buy, 40m, 1m))); // rests until expiry
        long btcSupply = _core.Supply(Btc.Id), usdtSupply = _core.Supply(Usdt.Id), jexSupply = _core.Supply(Jex.Id);

        // Trading stops at the exertion time, before the settlement runs.
        Assert.Equal(RejectReason.OptionExpired, Apply(EngineCommand.Place(Limit(Buyer, CallId, Side.Buy, 50m, 1m)), Expiry).Reject);
        Assert.Equal(RejectReason.OptionExpired, Apply(EngineCommand.Test(Limit(Buyer, CallId, Side.Buy, 50m, 1m)), Expiry).Reject);
        Assert.Equal(RejectReason.OptionExpired, Apply(EngineCommand.IssueOption(Writer, CallId, Fp(1m)), Expiry).Reject);

        // Settlement at 11,000: a token pays 0.1 x (11,000 - 10,000) / 11,000 = 0.00909090 BTC.
        Ok(EngineCommand.ExpireOption(CallId, Fp(11_000m)), Expiry);
        long payoff = Fp(0.00909090m);
        Assert.Equal(payoff, Assert.Single(_core.Output.OptionSettlements).PayoffPerToken);
        Assert.Equal(2, _core.Output.Orders.Count); // the writer's ask and the buyer's bid, cancelled
        Assert.Equal(0, _core.Supply(Call.Id));
        Assert.Equal(FixedPoint.ApplyRate(Fp(4m - 0.008m), payoff), Free(Buyer, Btc));
        // The fee account held 0.008 tokens; with the rounding dust it gets 10 x payoff less what the others got.
        Assert.Equal(FixedPoint.ApplyRate(Fp(10m), payoff) - FixedPoint.ApplyRate(Fp(4m - 0.008m), payoff) - FixedPoint.ApplyRate(Fp(6m), payoff), Free(Fee, Btc));
        Assert.True(Free(Fee, Btc) >= FixedPoint.ApplyRate(Fp(0.008m), payoff));
        // The writer wrote 10: paid 10 x payoff, got the rest of the 0.1 BTC margin and all 10 JEX back, and was paid
        // for the 6 tokens still theirs.
        Assert.Equal(0, Locked(Writer, Btc));
        Assert.Equal(0, Locked(Writer, Jex));
        Assert.Equal(Fp(1000m) - FixedPoint.ApplyRate(Fp(10m), payoff) + FixedPoint.ApplyRate(Fp(6m), payoff), Free(Writer, Btc));
        Assert.Equal(Fp(100_000m), Free(Writer, Jex));
        Assert.Equal((btcSupply, usdtSupply, jexSupply), (_core.Supply(Btc.Id), _core.Supply(Usdt.Id), _core.Supply(Jex.Id)));
        Assert.Contains(_core.Output.OptionEvents, e => e is { Kind: OptionEventKind.ExpireWriter, AccountId: Writer, Amount: 10_00000000 });

        Assert.Equal(RejectReason.OptionExpired, Apply(EngineCommand.ExpireOption(CallId, Fp(11_000m))).Reject);
        Assert.Equal(RejectReason.OptionExpired, Apply(EngineCommand.Place(Limit(Buyer, CallId, Side.Buy, 50m, 1m))).Reject);
    }

    [Fact]
    public void Expiry_out_of_the_money_returns_all_collateral()
    {
        Ok(EngineCommand.IssueOption(Writer, PutId, Fp(3m)));
        Assert.Equal(Fp(300m), Locked(Writer, Usdt));
        Ok(EngineCommand.Place(Limit(Writer, PutId, Side.Sell, 20m, 3m)));
        Ok(EngineCommand.Place(Limit(Buyer, PutId, Side.Buy, 20m, 3m)));
        long buyerUsdt = Free(Buyer, Usdt);
        Ok(EngineCommand.ExpireOption(PutId, Fp(10_500m)), Expiry);
        Assert.Equal(0, Free(Buyer, Put));
        Assert.Equal(buyerUsdt, Free(Buyer, Usdt));
        Assert.Equal(0, Locked(Writer, Usdt));
        Assert.Equal(0, _core.Supply(Put.Id));
    }

    [Fact]
    public void A_put_in_the_money_is_capped_at_its_margin()
    {
        Ok(EngineCommand.IssueOption(Writer, PutId, Fp(2m)));
        Ok(EngineCommand.Place(Limit(Writer, PutId, Side.Sell, 20m, 2m)));
        Ok(EngineCommand.Place(Limit(Buyer, PutId, Side.Buy, 20m, 2m)));
        long buyerUsdt = Free(Buyer, Usdt);
        // 0.1 x (10,000 - 8,000) = 200 USDT a token, capped at its 100 USDT margin.
        Ok(EngineCommand.ExpireOption(PutId, Fp(8_000m)), Expiry);
        long held = Fp(2m) - FixedPoint.ApplyRate(Fp(2m), Fp(0.002m));
        Assert.Equal(buyerUsdt + FixedPoint.ApplyRate(held, Fp(100m)), Free(Buyer, Usdt));
        Assert.Equal(0, Locked(Writer, Usdt));
    }
}
