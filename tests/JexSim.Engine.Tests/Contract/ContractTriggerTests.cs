using JexSim.Engine.Commands;
using JexSim.Engine.Markets;
using JexSim.Engine.Markets.Contract;

using static JexSim.Engine.Tests.Contract.ContractTestCore;

namespace JexSim.Engine.Tests.Contract;

/// <summary>Stop and take-profit orders through <see cref="ExchangeCore.Apply"/>: the spec's validity rules, the cap of
/// ten, firing on the mark, index and last price in the same command, each status transition, cancel; invariants after
/// every command.</summary>
public sealed class ContractTriggerTests
{
    private const long Alice = 1, Bob = 2, Carol = 3;
    private long _now = 1_000;

    private static readonly ContractSpec Spec = Perpetual();

    private CommandResult Apply(ExchangeCore core, EngineCommand command)
    {
        var result = core.Apply(command, ++_now);
        Assert.Empty(core.CheckInvariants());
        return result;
    }

    private static EngineCommand Trigger(long account, OrderType type, Side side, decimal price, decimal qty, TriggerPriceType on, decimal trigger) =>
        EngineCommand.PlaceTrigger(new PlaceOrder(account, Perp, side, type, TimeInForce.Gtc, Fp(price), Fp(qty)), on, Fp(trigger));

    /// <summary>Alice long 1 @ 30,000 against Bob (last price 30,000, index and mark 30,000, liquidation 27,135.68).</summary>
    private ExchangeCore AliceLong()
    {
        var core = NewCore(Spec);
        foreach (var id in new[] { Alice, Bob, Carol })
        {
            Apply(core, EngineCommand.CreateAccount(id));
            Apply(core, EngineCommand.ContractDeposit(id, Usdt.Id, Fp(10_000m)));
        }
        Apply(core, EngineCommand.SetIndexPrice(Perp, Fp(30_000m)));
        Apply(core, Limit(Bob, Side.Sell, 30_000m, 1m));
        Apply(core, Limit(Alice, Side.Buy, 30_000m, 1m));
        return core;
    }

    [Fact]
    public void The_spec_validity_rules_refuse_what_could_never_fire_or_would_not_close()
    {
        var core = AliceLong();
        Assert.Equal(RejectReason.PositionNotExists, Apply(core, Trigger(Carol, OrderType.StopLimit, Side.Sell, 29_000m, 1m, TriggerPriceType.MarkPrice, 29_000m)).Reject);
        // A long's stop sells below the price, its take-profit above; equal, the wrong side, or a buy are refused.
        Assert.Equal(RejectReason.TriggerDirection, Apply(core, Trigger(Alice, OrderType.StopLimit, Side.Sell, 30_000m, 1m, TriggerPriceType.MarkPrice, 30_000m)).Reject);
        Assert.Equal(RejectReason.TriggerDirection, Apply(core, Trigger(Alice, OrderType.StopLimit, Side.Sell, 31_000m, 1m, TriggerPriceType.LastPrice, 31_000m)).Reject);
        Assert.Equal(RejectReason.TriggerDirection, Apply(core, Trigger(Alice, OrderType.ProfitLimit, Side.Sell, 29_000m, 1m, TriggerPriceType.IndexPrice, 29_000m)).Reject);
        Assert.Equal(RejectReason.TriggerDirection, Apply(core, Trigger(Alice, OrderType.StopLimit, Side.Buy, 29_000m, 1m, TriggerPriceType.MarkPrice, 29_000m)).Reject);
        // A stop at or below the liquidation price would never fire before the liquidation.
        Assert.Equal(RejectReason.ReachLiquidationPrice, Apply(core, Trigger(Alice, OrderType.StopLimit, Side.Sell, 27_000m, 1m, TriggerPriceType.MarkPrice, 27_100m)).Reject);
        // Bob's short: the mirror image.
        Assert.Equal(RejectReason.None, Apply(core, Trigger(Bob, OrderType.StopLimit, Side.Buy, 31_000m, 1m, TriggerPriceType.MarkPrice, 31_000m)).Reject);
        Assert.Equal(RejectReason.None, Apply(core, Trigger(Bob, OrderType.ProfitLimit, Side.Buy, 29_000m, 1m, TriggerPriceType.LastPrice, 29_000m)).Reject);
        // Ten wait at most per contract per account.
        for (int i = 0; i < 10; i++)
            Assert.Equal(RejectReason.None, Apply(core, Trigger(Alice, OrderType.ProfitLimit, Side.Sell, 32_000m + i, 0.1m, TriggerPriceType.MarkPrice, 32_000m)).Reject);
        Assert.Equal(RejectReason.MaxTriggerOrders, Apply(core, Trigger(Alice, OrderType.StopLimit, Side.Sell, 29_000m, 0.1m, TriggerPriceType.MarkPrice, 29_000m)).Reject);
        Assert.Equal(12, core.Triggers.Count);
        // A waiting order holds nothing and is not in the book.
        Assert.Equal(0, core.Contracts.Position(core.FindAccount(Alice)!.Index, 0).SellOrderQuantity);
        Assert.Equal(0, core.OpenOrderCount);
    }

    [Fact]
    public void A_stop_on_the_mark_price_places_its_limit_order_in_the_same_command_as_the_price_move()
    {
        var core = AliceLong();
        var placed = Apply(core, Trigger(Alice, OrderType.StopLimit, Side.Sell, 28_000m, 1m, TriggerPriceType.MarkPrice, 29_000m));
        Assert.Equal((OrderStatus.Untriggered, OrderType.StopLimit), (placed.Order.Status, placed.Order.Type));
        Apply(core, Limit(Carol, Side.Buy, 28_500m, 1m));
        // The last price stays 30,000; the index (and, without a book mid, the mark) goes to 29,100: nothing yet.
        Apply(core, EngineCommand.SetIndexPrice(Perp, Fp(29_100m)));
        Assert.Single(core.Triggers);
        core.Output.Clear();
        Apply(core, EngineCommand.SetIndexPrice(Perp, Fp(28_900m)));
        Assert.Empty(core.Triggers);
        var fired = core.Output.Orders.Where(o => o.Id == placed.Order.Id).ToList();
        Assert.Equal([(OrderStatus.Filled, OrderType.StopLimit, Fp(1m))], fired.Select(o => (o.Status, o.Type, o.Filled)));
        Assert.Equal(placed.Order.Time, fired[0].Time);
        Assert.True(core.Contracts.Position(core.FindAccount(Alice)!.Index, 0).IsFlat);
        Assert.Contains(core.Output.ContractTriggers, t => t.Trigger.Id == placed.Order.Id && !t.Waiting);
    }

    [Fact]
    public void A_take_profit_on_the_last_price_fires_on_a_trade_between_others_and_rests_when_it_cannot_fill()
    {
        var core = AliceLong();
        var placed = Apply(core, Trigger(Alice, OrderType.ProfitLimit, Side.Sell, 31_500m, 1m, TriggerPriceType.LastPrice, 31_000m));
        Apply(core, Limit(Bob, Side.Sell, 31_000m, 0.1m));
        core.Output.Clear();
        Apply(core, Limit(Carol, Side.Buy, 31_000m, 0.1m)); // the last price becomes 31,000
        var state = core.Output.Orders.Last(o => o.Id == placed.Order.Id);
        Assert.Equal((OrderStatus.New, OrderType.ProfitLimit), (state.Status, state.Type));
        Assert.Equal(placed.Order.Id, core.OpenOrdersOf(Alice, Perp).Single().Id);
        // It is an ordinary resting order now: cancel it.
        Assert.Equal(OrderStatus.Canceled, Apply(core, EngineCommand.Cancel(Alice, Perp, placed.Order.Id)).Order.Status);
    }

    [Fact]
    public void A_waiting_order_can_be_cancelled_and_a_liquidation_cancels_the_rest()
    {
        var core = AliceLong();
        var first = Apply(core, Trigger(Alice, OrderType.StopLimit, Side.Sell, 28_000m, 1m, TriggerPriceType.IndexPrice, 28_000m));
        Apply(core, Trigger(Alice, OrderType.ProfitLimit, Side.Sell, 33_000m, 1m, TriggerPriceType.IndexPrice, 33_000m));
        var cancelled = Apply(core, EngineCommand.Cancel(Alice, Perp, first.Order.Id));
        Assert.Equal((RejectReason.None, OrderStatus.Canceled), (cancelled.Reject, cancelled.Order.Status));
        Assert.Equal(RejectReason.UnknownOrder, Apply(core, EngineCommand.Cancel(Bob, Perp, first.Order.Id)).Reject);
        Apply(core, Limit(Carol, Side.Buy, 27_500m, 1m));
        core.Output.Clear();
        Apply(core, EngineCommand.SetIndexPrice(Perp, Fp(27_000m)));
        Assert.Empty(core.Triggers);
        Assert.Contains(core.Output.Orders, o => o.Type == OrderType.ProfitLimit && o.Status == OrderStatus.Canceled);
        Assert.Contains(core.Output.Orders, o => o.Type == OrderType.Flat && o.Status == OrderStatus.Filled);
    }

    [Fact]
    public void Disabling_the_account_cancels_its_waiting_orders()
    {
        var core = AliceLong();
        var stop = Apply(core, Trigger(Alice, OrderType.StopLimit, Side.Sell, 29_000m, 1m, TriggerPriceType.MarkPrice, 29_500m));
        core.Output.Clear();
        Apply(core, EngineCommand.SetAccountDisabled(Alice, true));
        Assert.Empty(core.Triggers);
        Assert.Equal(OrderStatus.Canceled, core.Output.Orders.Single(o => o.Id == stop.Order.Id).Status);
    }

    [Fact]
    public void A_fired_order_that_finds_its_position_gone_fails()
    {
        var core = AliceLong();
        var stop = Apply(core, Trigger(Alice, OrderType.StopLimit, Side.Sell, 29_000m, 1m, TriggerPriceType.MarkPrice, 29_500m));
        Apply(core, Limit(Carol, Side.Buy, 30_000m, 1m));
        Apply(core, Limit(Alice, Side.Sell, 30_000m, 1m)); // Alice closes by hand
        core.Output.Clear();
        Apply(core, EngineCommand.SetIndexPrice(Perp, Fp(29_400m)));
        Assert.Equal(OrderStatus.Rejected, core.Output.Orders.Single(o => o.Id == stop.Order.Id).Status);
    }
}
