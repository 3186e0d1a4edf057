using Xunit.Abstractions;

namespace JexSim.Engine.Tests;

public class RandomizedInvariantTests(ITestOutputHelper output)
{
    private const int Seed = 12345;
    private const int Commands = 20_000;

    [Fact]
    public void Invariants_hold_after_every_command_of_a_long_random_order_flow()
    {
        var flow = new RandomOrderFlow(Seed);
        Assert.Empty(flow.Core.CheckInvariants());

        for (int i = 1; i <= Commands; i++)
        {
            string command = flow.Step();
            var problems = flow.Core.CheckInvariants();
            Assert.True(problems.Count == 0, $"command {i} ({command}) broke: {string.Join("; ", problems)}");
            CheckLastPlacement(flow, i, command);
        }

        output.WriteLine($"{flow.Trades.Count} trades, {flow.Core.OpenOrderCount} orders open at the end");
        foreach (var (outcome, count) in flow.Outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
            output.WriteLine($"{outcome}: {count}");
        AssertTheFlowExercisedTheEngine(flow);
    }

    [Fact]
    public void The_published_level_changes_replay_to_the_same_books()
    {
        var flow = new RandomOrderFlow(Seed);
        var depth = new Dictionary<(int Symbol, Side Side, long Price), long>();
        var updateIds = new long[flow.Core.Symbols.Count];

        for (int i = 1; i <= Commands; i++)
        {
            string command = flow.Step();
            string where = $"command {i} ({command})";
            var changes = flow.Core.Output.Levels;

            foreach (var change in changes)
            {
                Assert.Equal(updateIds[change.SymbolId] + 1, change.UpdateId);
                var key = (change.SymbolId, change.Side, change.Price);
                if (change.Quantity == 0) Assert.True(depth.Remove(key), $"{where}: removed a level that was never published");
                else depth[key] = change.Quantity;
            }
            for (int s = 0; s < updateIds.Length; s++)
            {
                bool changed = changes.Any(c => c.SymbolId == s);
                Assert.Equal(updateIds[s] + (changed ? 1 : 0), flow.Core.Book(s).UpdateId);
                updateIds[s] = flow.Core.Book(s).UpdateId;
            }
            foreach (var change in changes)
                Assert.Equal(change.Quantity, flow.Core.Book(change.SymbolId).SideOf(change.Side).Get(change.Price)?.TotalQuantity ?? 0);
            // A level that changed without a diff would show here.
            if (i % 100 == 0 || i == Commands)
                Assert.True(depth.OrderBy(d => d.Key).SequenceEqual(ActualDepth(flow.Core)), $"the replayed depth differs after {where}");
        }
    }

    private static IEnumerable<KeyValuePair<(int Symbol, Side Side, long Price), long>> ActualDepth(ExchangeCore core) =>
        core.Symbols.SelectMany(s => new[] { core.Book(s.Id).Bids, core.Book(s.Id).Asks }
                .SelectMany(side => side.Levels().Select(l => KeyValuePair.Create((s.Id, side.Side, l.Price), l.TotalQuantity))))
            .OrderBy(d => d.Key);

    /// <summary>What must hold for any single placement, whatever the book looked like.</summary>
    private static void CheckLastPlacement(RandomOrderFlow flow, int i, string command)
    {
        if (flow.LastPlacement is not { } placement || !placement.Result.Accepted) return;
        var (cmd, result) = placement;
        var order = result.Order;
        var trades = flow.Core.Output.Trades;
        string where = $"command {i} ({command})";

        Assert.True(order.Filled >= 0 && order.Filled <= order.Quantity, where);
        Assert.Equal(trades.Sum(t => t.Quantity), order.Filled);
        Assert.Equal(trades.Sum(t => t.QuoteQuantity), order.CumulativeQuote);
        foreach (var t in trades)
        {
            Assert.True(t.Quantity > 0, where);
            Assert.Equal(FixedPoint.Notional(t.Price, t.Quantity), t.QuoteQuantity);
            Assert.Equal(order.Id, cmd.Side == Side.Buy ? t.BuyOrderId : t.SellOrderId);
            Assert.Equal(cmd.Side == Side.Sell, t.BuyerMaker);
            Assert.True(t.BuyerFee >= 0 && t.BuyerFee <= t.Quantity && t.SellerFee >= 0 && t.SellerFee <= t.QuoteQuantity, where);
            if (cmd.Type == OrderType.Limit)
                Assert.True(cmd.Side == Side.Buy ? t.Price <= cmd.Price : t.Price >= cmd.Price, $"{where}: traded at {t.Price}");
        }
        // Best prices first: a buy never pays more for a later fill, a sell never gets more.
        for (int k = 1; k < trades.Count; k++)
            Assert.True(cmd.Side == Side.Buy ? trades[k].Price >= trades[k - 1].Price : trades[k].Price <= trades[k - 1].Price, where);

        switch (order.TimeInForce, order.Type)
        {
            case (_, OrderType.Market) or (TimeInForce.Ioc, _):
                Assert.Contains(order.Status, new[] { OrderStatus.Filled, OrderStatus.Expired });
                Assert.Equal(0, order.Locked);
                break;
            case (TimeInForce.Fok, _):
                Assert.True(order.Status == OrderStatus.Filled || (order.Status == OrderStatus.Expired && order.Filled == 0 && trades.Count == 0), where);
                Assert.Equal(0, order.Locked);
                break;
            default:
                var expected = order.Filled == order.Quantity ? OrderStatus.Filled
                    : order.Filled > 0 ? OrderStatus.PartiallyFilled : OrderStatus.New;
                Assert.Equal(expected, order.Status);
                Assert.Equal(order.Status.IsOpen(), flow.Core.FindOpenOrder(order.Id) is not null);
                break;
        }
    }

    /// <summary>Guards against a flow that passes because it does nothing interesting (everything rejected, say).</summary>
    private static void AssertTheFlowExercisedTheEngine(RandomOrderFlow flow)
    {
        Assert.True(flow.Trades.Count > 5_000, $"only {flow.Trades.Count} trades");
        foreach (var outcome in new[]
                 {
                     "GTC New", "GTC PartiallyFilled", "GTC Filled", "IOC Filled", "IOC Expired", "FOK Filled", "FOK Expired",
                     "MARKET Filled", "MARKET Expired", "cancel ok", "cancel of a closed order", "cancel by another account",
                     "deposit", "withdrawal", "withdrawal refused", "reject InsufficientBalance", "reject MinNotional",
                     "overflow refused", "disable", "enable", "reject AccountDisabled",
                 })
            Assert.True(flow.Count(outcome) > 0, $"the flow never produced '{outcome}'");
        Assert.Contains(flow.Trades, t => t.BuyerFee > 0);
        Assert.Contains(flow.Trades, t => t.BuyerAccountId == t.SellerAccountId);
        for (int s = 0; s < flow.Core.Symbols.Count; s++)
            Assert.Contains(flow.Trades, t => t.SymbolId == s);
        Assert.True(flow.Core.OpenOrderCount > 0);
    }
}
