namespace JexSim.Engine.Tests;

public class DeterminismTests
{
    private const int Commands = 10_000;

    [Fact]
    public void The_same_seeded_flow_on_two_fresh_cores_gives_identical_trades_orders_and_balances()
    {
        var first = Run(seed: 12345);
        var second = Run(seed: 12345);

        Assert.NotEmpty(first.Trades);
        Assert.Equal(first.Trades.Count, second.Trades.Count);
        Assert.Equal(
            first.Trades.Select(t => (t.Id, t.SymbolId, t.Price, t.Quantity, t.BuyerAccountId, t.SellerAccountId, t.BuyOrderId, t.SellOrderId)),
            second.Trades.Select(t => (t.Id, t.SymbolId, t.Price, t.Quantity, t.BuyerAccountId, t.SellerAccountId, t.BuyOrderId, t.SellOrderId)));
        Assert.Equal(first.Trades, second.Trades);
        Assert.Equal(first.OrderUpdates, second.OrderUpdates);
        Assert.Equal(Balances(first.Core), Balances(second.Core));
        Assert.Equal(Book(first.Core), Book(second.Core));
    }

    [Fact]
    public void A_different_seed_gives_a_different_flow()
    {
        // Shows that the comparison above can tell two flows apart.
        var a = Run(seed: 12345);
        var b = Run(seed: 54321);

        Assert.NotEqual(a.Trades, b.Trades);
        Assert.NotEqual(Balances(a.Core), Balances(b.Core));
    }

    private static RandomOrderFlow Run(int seed)
    {
        var flow = new RandomOrderFlow(seed);
        for (int i = 0; i < Commands; i++) flow.Step();
        return flow;
    }

    private static BalanceState[] Balances(ExchangeCore core) =>
        core.AccountsView.OrderBy(a => a.Id)
            .SelectMany(a => core.Assets.Select(asset => core.Balance(a.Id, asset.Id)))
            .ToArray();

    /// <summary>Every resting order of every book, level by level from the best, in queue order.</summary>
    private static (int Symbol, Side Side, long Price, long OrderId, long Remaining)[] Book(ExchangeCore core) =>
        core.Symbols.SelectMany(s => new[] { core.Book(s.Id).Bids, core.Book(s.Id).Asks }
                .SelectMany(side => side.Levels().SelectMany(l => l.Orders().Select(o => (s.Id, side.Side, l.Price, o.Id, o.Remaining)))))
            .ToArray();
}
