using static JexSim.Engine.Tests.TestExchange;

namespace JexSim.Engine.Tests;

public class LedgerTests
{
    private readonly TestExchange _ex = TestExchange.Create();

    [Fact]
    public void Deposits_and_withdrawals_move_free_balance_and_supply()
    {
        long id = _ex.Account(1);

        Assert.Equal(RejectReason.None, _ex.Core.AdjustBalance(id, Usdt.Id, Fp(100m)));
        Assert.Equal(RejectReason.None, _ex.Core.AdjustBalance(id, Usdt.Id, -Fp(30m)));

        Assert.Equal(Fp(70m), _ex.Free(id, Usdt));
        Assert.Equal(Fp(70m), _ex.Core.Supply(Usdt.Id));
        Assert.Contains(new BalanceState(id, Usdt.Id, Fp(70m), 0), _ex.Core.Output.Balances);
        _ex.AssertInvariants();
    }

    [Fact]
    public void A_withdrawal_of_more_than_is_free_is_InsufficientBalance()
    {
        long id = _ex.Account(1, usdt: 100);

        Assert.Equal(RejectReason.InsufficientBalance, _ex.Core.AdjustBalance(id, Usdt.Id, -Fp(100.00000001m)));
        Assert.Equal(RejectReason.None, _ex.Core.AdjustBalance(id, Usdt.Id, -Fp(100m)));
        Assert.Equal(0, _ex.Free(id, Usdt));
    }

    [Fact]
    public void A_withdrawal_of_long_MinValue_is_refused_and_leaves_the_ledger_intact()
    {
        long id = _ex.Account(1, usdt: 100);

        Assert.Equal(RejectReason.InsufficientBalance, _ex.Core.AdjustBalance(id, Usdt.Id, long.MinValue));

        Assert.Equal(Fp(100m), _ex.Free(id, Usdt));
        Assert.Equal(Fp(100m), _ex.Core.Supply(Usdt.Id));
        _ex.AssertInvariants();
    }

    [Fact]
    public void A_deposit_that_would_take_the_asset_supply_beyond_the_fixed_point_range_is_BalanceOverflow()
    {
        long id = _ex.Account(1, usdt: 1);

        Assert.Equal(RejectReason.BalanceOverflow, _ex.Core.AdjustBalance(id, Usdt.Id, long.MaxValue));
        Assert.Equal(Fp(1m), _ex.Free(id, Usdt));
    }

    [Fact]
    public void Adjusting_an_unknown_account_or_asset_is_refused()
    {
        long id = _ex.Account(1);

        Assert.Equal(RejectReason.UnknownAccount, _ex.Core.AdjustBalance(42, Usdt.Id, Fp(1m)));
        Assert.Equal(RejectReason.InvalidAmount, _ex.Core.AdjustBalance(id, 3, Fp(1m)));
        Assert.Equal(RejectReason.InvalidAmount, _ex.Core.AdjustBalance(id, -1, Fp(1m)));
        Assert.Equal(0, _ex.Core.Supply(Usdt.Id));
    }

    [Fact]
    public void Creating_an_account_twice_is_refused_and_the_fee_account_exists_from_the_start()
    {
        Assert.NotNull(_ex.Core.FindAccount(FeeAccount));
        Assert.False(_ex.Core.CreateAccount(FeeAccount));
        Assert.True(_ex.Core.CreateAccount(1));
        Assert.False(_ex.Core.CreateAccount(1));
        Assert.Equal([1L], _ex.Core.Output.NewAccounts);
    }

    [Fact]
    public void Asset_and_symbol_ids_must_be_dense_from_zero()
    {
        var symbol = TestExchange.Create().Core.Symbols[0];

        Assert.Throws<ArgumentException>(() => new ExchangeCore([Btc, Usdt], [], FeeAccount));
        Assert.Throws<ArgumentException>(() => new ExchangeCore([Btc, Eth, Usdt], [symbol with { Id = 1 }], FeeAccount));
    }

    [Fact]
    public void CheckInvariants_reports_a_ledger_that_does_not_add_up()
    {
        long id = _ex.Account(1, usdt: 100);
        _ex.AssertInvariants();

        // Recovery writes balances as given; one that disagrees with the open orders must be caught.
        _ex.Core.RestoreBalance(id, Usdt.Id, free: Fp(100m), locked: Fp(5m));

        var problems = _ex.Core.CheckInvariants();
        Assert.Contains(problems, p => p.Contains("open orders hold 0", StringComparison.Ordinal));
    }
}
