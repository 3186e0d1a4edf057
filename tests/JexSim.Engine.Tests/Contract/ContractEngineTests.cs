using JexSim.Engine.Commands;
using JexSim.Engine.Markets;
using JexSim.Engine.Markets.Contract;

using static JexSim.Engine.Tests.Contract.ContractTestCore;

namespace JexSim.Engine.Tests.Contract;

/// <summary>The contract market through <see cref="ExchangeCore.Apply"/>: order margin, fills on both sides, bills,
/// close at market, margin transfer, leverage, recovery; the engine's invariants (with the ledger's) after every command.</summary>
public sealed class ContractEngineTests
{
    private const long Alice = 1, Bob = 2;
    private long _now = 1_000;

    private static readonly ContractSpec Spec = Perpetual();

    private static ExchangeCore NewCore() => ContractTestCore.NewCore(Spec);

    private CommandResult Apply(ExchangeCore core, EngineCommand command)
    {
        var result = core.Apply(command, ++_now);
        Assert.Empty(core.CheckInvariants());
        return result;
    }

    private ExchangeCore Funded()
    {
        var core = NewCore();
        foreach (var id in new[] { Alice, Bob })
        {
            Apply(core, EngineCommand.CreateAccount(id));
            Assert.Equal(RejectReason.None, Apply(core, EngineCommand.AdjustBalance(id, Usdt.Id, Fp(10_000m))).Reject);
            Assert.Equal(RejectReason.None, Apply(core, EngineCommand.ContractDeposit(id, Usdt.Id, Fp(10_000m))).Reject);
        }
        Assert.Equal(RejectReason.None, Apply(core, EngineCommand.ProtectionFundDeposit(Usdt.Id, Fp(1_000m))).Reject);
        Assert.Equal(RejectReason.None, Apply(core, EngineCommand.SetIndexPrice(Perp, Fp(30_000m))).Reject);
        return core;
    }

    [Fact]
    public void Opposite_positions_open_with_margin_fees_and_bills_and_close_at_market()
    {
        var core = Funded();
        Assert.Equal(Fp(40_000m) + Fp(1_000m), core.Supply(Usdt.Id));

        // Bob rests a sell of 1 at 30,000: holds 3,000 initial margin + 15 fee reserve (0.0005 of 30,000).
        var ask = Apply(core, Limit(Bob, Side.Sell, 30_000m, 1m));
        Assert.Equal(Fp(3_015m), ask.Order.Locked);
        Assert.Equal(Fp(10_000m - 3_015m), core.Contracts.Free(core.FindAccount(Bob)!.Index, Usdt.Id));

        core.Output.Clear();
        var take = Apply(core, Limit(Alice, Side.Buy, 30_000m, 1m));
        Assert.Equal(OrderStatus.Filled, take.Order.Status);
        var alice = core.Contracts.Position(core.FindAccount(Alice)!.Index, 0);
        var bob = core.Contracts.Position(core.FindAccount(Bob)!.Index, 0);
        Assert.Equal(Fp(1m), alice.Quantity);
        Assert.Equal(-Fp(1m), bob.Quantity);
        Assert.Equal(Fp(3_000m), alice.Margin);
        Assert.Equal(Fp(15m), alice.FeesPaid); // taker 0.0005
        Assert.Equal(Fp(6m), bob.FeesPaid);    // maker 0.0002
        Assert.Equal(Fp(21m), core.Contracts.FeeAccount(Usdt.Id));
        var bills = core.Output.ContractBills;
        Assert.Contains(bills, b => b.AccountId == Alice && b.Type == ContractBillType.PositionSize && b.Amount == Fp(1m));
        Assert.Contains(bills, b => b.AccountId == Bob && b.Type == ContractBillType.PositionSize && b.Amount == -Fp(1m));
        Assert.Contains(bills, b => b.AccountId == Alice && b.Type == ContractBillType.Fee && b.Amount == -Fp(15m));
        Assert.Single(core.Output.Trades);
        Assert.Equal(Fp(15m), core.Output.Trades[0].BuyerFee);

        // The spot market of the same name is untouched and separate.
        Assert.Equal(0, core.Book(Spot).Bids.LevelCount + core.Book(Spot).Asks.LevelCount);

        // Alice adds 500 margin from spot, takes 200 back.
        var transfer = Apply(core, EngineCommand.TransferMargin(Alice, Perp, Fp(500m)));
        Assert.Equal(Fp(9_500m), transfer.Balance.Free);
        Assert.Equal(RejectReason.None, Apply(core, EngineCommand.TransferMargin(Alice, Perp, -Fp(200m))).Reject);
        Assert.Equal(RejectReason.MarginBelowRequired, Apply(core, EngineCommand.TransferMargin(Alice, Perp, -Fp(400m))).Reject);
        Assert.Equal(RejectReason.InsufficientBalance, Apply(core, EngineCommand.TransferMargin(Alice, Perp, Fp(1_000_000m))).Reject);

        // Leverage: 5 needs 6,000 margin on a 30,000 cost: not covered; 100 is fine, 101 too large, 0 too small.
        Assert.Equal(RejectReason.LeverageNotCovered, Apply(core, EngineCommand.SetLeverage(Alice, Perp, 5)).Reject);
        Assert.Equal(RejectReason.LeverageTooLarge, Apply(core, EngineCommand.SetLeverage(Alice, Perp, 101)).Reject);
        Assert.Equal(RejectReason.LeverageTooSmall, Apply(core, EngineCommand.SetLeverage(Alice, Perp, 0)).Reject);
        Assert.Equal(RejectReason.None, Apply(core, EngineCommand.SetLeverage(Alice, Perp, 20)).Reject);

        // Close at market: nothing on the bid side yet.
        Assert.Equal(RejectReason.NoLiquidity, Apply(core, EngineCommand.ClosePosition(Alice, Perp)).Reject);
        Apply(core, Limit(Bob, Side.Buy, 31_000m, 1m)); // Bob closes his short at 31,000 (loses 1,000)
        core.Output.Clear();
        var close = Apply(core, EngineCommand.ClosePosition(Alice, Perp));
        Assert.Equal(RejectReason.None, close.Reject);
        Assert.Equal(OrderType.Market, close.Order.Type);
        Assert.Equal(OrderStatus.Filled, close.Order.Status);
        Assert.True(core.Contracts.Position(core.FindAccount(Alice)!.Index, 0).IsFlat);
        Assert.True(core.Contracts.Position(core.FindAccount(Bob)!.Index, 0).IsFlat);
        Assert.Contains(core.Output.ContractBills, b => b.AccountId == Alice && b.Type == ContractBillType.ClosePosition && b.Amount == Fp(1_000m));
        Assert.Contains(core.Output.ContractBills, b => b.AccountId == Bob && b.Type == ContractBillType.ClosePosition && b.Amount == -Fp(1_000m));
        Assert.Equal(0, core.Contracts.Clearing(Usdt.Id));
        Assert.Equal(RejectReason.PositionNotExists, Apply(core, EngineCommand.ClosePosition(Alice, Perp)).Reject);
    }

    [Fact]
    public void Margin_beyond_the_contract_balance_is_refused_and_cancel_releases_the_hold()
    {
        var core = Funded();
        Assert.Equal(RejectReason.InsufficientMargin, Apply(core, Limit(Alice, Side.Buy, 30_000m, 4m)).Reject);
        var placed = Apply(core, Limit(Alice, Side.Buy, 29_000m, 1m));
        Assert.Equal(Fp(10_000m) - placed.Order.Locked, core.Contracts.Free(core.FindAccount(Alice)!.Index, Usdt.Id));
        Assert.Equal(RejectReason.None, Apply(core, EngineCommand.Cancel(Alice, Perp, placed.Order.Id)).Reject);
        Assert.Equal(Fp(10_000m), core.Contracts.Free(core.FindAccount(Alice)!.Index, Usdt.Id));
    }

    [Fact]
    public void Recovery_from_output_values_rebuilds_positions_holds_and_supply()
    {
        var core = Funded();
        Apply(core, Limit(Bob, Side.Sell, 30_000m, 2m));
        Apply(core, Limit(Alice, Side.Buy, 30_000m, 0.5m));
        core.EndBatch(10);

        var copy = NewCore();
        foreach (var a in core.AccountsView)
        {
            copy.RestoreAccount(a.Id, false);
            for (int i = 0; i < 2; i++) copy.RestoreBalance(a.Id, i, a.Free(i), a.Locked(i));
            copy.RestoreContractBalance(a.Id, Usdt.Id, core.Contracts.Free(a.Index, Usdt.Id));
            var p = core.Contracts.Position(a.Index, 0);
            copy.RestorePosition(a.Id, Perp, new Position(p.Quantity, p.Cost, p.Margin, p.Leverage, p.RealisedPnl, p.FeesPaid));
        }
        foreach (var o in core.OpenOrdersOf(Bob, Perp)) copy.RestoreOrder(o);
        copy.RestoreContractPrices(Perp, core.IndexPrice(Perp), 0, core.MarkPrice(Perp), 0, 0);
        copy.RestoreContractPools(new Dictionary<int, (long, long)> { [Usdt.Id] = (core.Contracts.FeeAccount(Usdt.Id), core.Contracts.ProtectionFund(Usdt.Id)) });

        Assert.Empty(copy.CheckInvariants());
        Assert.Equal(core.Supply(Usdt.Id), copy.Supply(Usdt.Id));
        Assert.Equal(core.Contracts.Position(core.FindAccount(Bob)!.Index, 0).SellOrderMargin, copy.Contracts.Position(copy.FindAccount(Bob)!.Index, 0).SellOrderMargin);
        // And it trades on: Alice buys the rest.
        var rest = copy.Apply(Limit(Alice, Side.Buy, 30_000m, 1.5m), 5_000);
        Assert.Equal(OrderStatus.Filled, rest.Order.Status);
        Assert.Empty(copy.CheckInvariants());
    }
}
