using JexSim.Engine.Markets.Contract;
using Xunit.Abstractions;
using static JexSim.Engine.Tests.Contract.ContractTestMarket;

namespace JexSim.Engine.Tests.Contract;

/// <summary>
/// Random order flow on the contract ledger, with a small price-time matcher standing in for the engine: places
/// (holding margin), crosses at the maker's price with partial fills, cancels, leverage changes, margin transfers and
/// spot transfers, while the price wanders far enough to flip positions and bankrupt them. The ledger's invariants
/// (money conserved, clearing = -Σ signed cost, positions net to zero) are checked after every operation.
/// </summary>
public class ContractRandomizedTests(ITestOutputHelper output)
{
    private const int Accounts = 6;

    [Theory]
    [InlineData(1, 20_000)]
    [InlineData(7, 20_000)]
    [InlineData(2026, 20_000)]
    public void Money_is_conserved_after_every_operation(int seed, int operations)
    {
        var random = new Random(seed);
        var market = new ContractTestMarket(Accounts);
        for (int a = 0; a < Accounts; a++) { market.FundContract(a, 5_000m + a * 1_000m); market.FundSpot(a, 2_000m); }
        var book = new List<ContractTestMarket.Order>();
        long[] center = [Fp(100m), Fp(20m)];
        var counts = new Dictionary<string, int>();
        void Count(string what) => counts[what] = counts.GetValueOrDefault(what) + 1;

        for (int i = 0; i < operations; i++)
        {
            int contract = random.Next(2);
            // The price wanders: a random walk of up to ±1% a step, kept in [20%, 500%] of the start.
            long start = contract == 0 ? Fp(100m) : Fp(20m);
            center[contract] = Math.Clamp(center[contract] + center[contract] * random.Next(-100, 101) / 10_000, start / 5, start * 5);
            int account = random.Next(Accounts);
            int roll = random.Next(100);
            if (roll < 60)
            {
                var side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
                long price = center[contract] + center[contract] * random.Next(-300, 301) / 10_000;
                long quantity = Fp(random.Next(1, random.Next(10) == 0 ? 100_000 : 400) / 100m); // now and then more than any account can margin
                var order = market.Place(account, contract, side, price, quantity, out var reject);
                if (order is null) { Count($"place refused {reject}"); continue; }
                Count("placed");
                Match(market, book, order, Count);
                if (order.Remaining > 0)
                {
                    if (random.Next(4) == 0) { market.Cancel(order); Count("ioc remainder released"); }
                    else book.Add(order);
                }
            }
            else if (roll < 75 && book.Count > 0)
            {
                var order = book[random.Next(book.Count)];
                book.Remove(order);
                market.Cancel(order);
                Count("cancelled");
            }
            else if (roll < 82)
            {
                var reject = market.Ledger.SetLeverage(account, contract, random.Next(0, 110));
                market.AssertWhole();
                Count($"leverage {reject}");
            }
            else if (roll < 92)
            {
                long amount = Fp(random.Next(-500, 500) / 10m);
                var reject = amount == 0 ? ContractReject.InvalidAmount : market.TransferMargin(account, contract, amount, center[contract]);
                Count($"transfer margin {reject}");
            }
            else
            {
                long amount = Fp(random.Next(1, 2_000) / 10m);
                var reject = random.Next(2) == 0 ? market.SpotToContract(account, amount) : market.ContractToSpot(account, amount);
                Count($"spot transfer {reject}");
            }
        }

        foreach (var order in book) market.Cancel(order);
        for (int a = 0; a < Accounts; a++)
        {
            Assert.Equal(0, market.Ledger.OrderMargin(a, Usdt));
            for (int c = 0; c < 2; c++)
            {
                var pos = market.Ledger.Position(a, c);
                Assert.Equal(0, pos.BuyOrderQuantity + pos.SellOrderQuantity + pos.BuyOrderMargin + pos.SellOrderMargin);
            }
        }

        foreach (var (what, count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal)) output.WriteLine($"{what}: {count}");
        output.WriteLine($"fees {FixedPoint.Format(market.Ledger.FeeAccount(Usdt))}, fund {FixedPoint.Format(market.Ledger.ProtectionFund(Usdt))}, clearing {FixedPoint.Format(market.Ledger.Clearing(Usdt))}");
        // The flow must have exercised what it claims to test.
        Assert.True(counts.GetValueOrDefault("flip") > 50, "too few flips");
        Assert.True(counts.GetValueOrDefault("partial fill") > 200, "too few partial fills");
        Assert.True(counts.GetValueOrDefault("close") > 200, "too few closes");
        Assert.True(counts.GetValueOrDefault("shortfall") > 0, "no bankrupt close");
        Assert.True(counts.GetValueOrDefault("transfer margin None") > 20, "too few margin transfers");
        Assert.True(counts.GetValueOrDefault("leverage LeverageNotCovered") > 0, "no refused leverage");
        Assert.True(counts.GetValueOrDefault("place refused InsufficientMargin") > 0, "no order refused for margin");
    }

    /// <summary>Crosses <paramref name="taker"/> with the best opposite orders (price, then time) at the maker's price.</summary>
    private static void Match(ContractTestMarket market, List<ContractTestMarket.Order> book, ContractTestMarket.Order taker, Action<string> count)
    {
        while (taker.Remaining > 0)
        {
            ContractTestMarket.Order? best = null;
            foreach (var o in book)
            {
                if (o.Contract != taker.Contract || o.Side == taker.Side) continue;
                bool crosses = taker.Side == Side.Buy ? o.Price <= taker.Price : o.Price >= taker.Price;
                if (!crosses) continue;
                if (best is null || (taker.Side == Side.Buy ? o.Price < best.Price : o.Price > best.Price)) best = o;
            }
            if (best is null) return;
            long quantity = Math.Min(best.Remaining, taker.Remaining);
            var (m, t) = market.Fill(best, taker, quantity);
            if (best.Remaining == 0) book.Remove(best);
            else count("partial fill");
            if (taker.Remaining > 0) count("partial fill");
            foreach (var s in new[] { m, t })
            {
                if (s.ClosedQuantity > 0 && s.OpenedQuantity > 0) count("flip");
                else if (s.ClosedQuantity > 0) count("close");
                else count("open");
                if (s.Shortfall > 0) count("shortfall");
                if (s.FeeWaived > 0) count("fee waived");
            }
        }
    }
}
