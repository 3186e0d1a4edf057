using System.Security.Cryptography;
using System.Text;
using JexSim.Engine.Commands;
using JexSim.Engine.Markets;
using JexSim.Engine.Markets.Contract;
using Xunit.Abstractions;

namespace JexSim.Engine.Tests.Contract;

/// <summary>
/// A random contract flow through <see cref="ExchangeCore.Apply"/> with the risk machinery in it: orders at random
/// leverage, cancels, margin transfers and closes, an index that walks and jumps (so marks cross liquidation prices),
/// and fundings every few steps. After every command the engine's invariants hold (no negative balance, every asset's
/// supply conserved through funding, liquidation, the protection fund and ADL, positions net to zero). The same seed
/// gives the same output byte for byte.
/// </summary>
public class ContractRiskRandomizedTests(ITestOutputHelper output)
{
    private static readonly AssetSpec Btc = new(0, "BTC"), Usdt = new(1, "USDT");
    private const int Perp = 1, Accounts = 8, Steps = 6_000;

    private static long Fp(decimal v) => FixedPoint.FromDecimal(v);

    private sealed record Run(string Digest, Dictionary<string, int> Counts);

    private static Run Flow(int seed, bool adl, decimal fund, Action<string>? log = null)
    {
        var symbols = new[]
        {
            new SymbolSpec { Id = 0, Name = "BTCUSDT", Market = MarketType.Spot, Base = Btc, Quote = Usdt, TickSize = Fp(0.5m), MinPrice = Fp(0.5m), MaxPrice = Fp(1_000_000m), StepSize = Fp(0.001m), MinQty = Fp(0.001m), MaxQty = Fp(1_000m) },
            new SymbolSpec { Id = Perp, Name = "BTCUSDT", Market = MarketType.Contract, Base = Btc, Quote = Usdt, TickSize = Fp(0.5m), MinPrice = Fp(0.5m), MaxPrice = Fp(1_000_000m), StepSize = Fp(0.001m), MinQty = Fp(0.001m), MaxQty = Fp(1_000m), MakerFeeRate = Fp(0.0002m), TakerFeeRate = Fp(0.0005m) },
        };
        var spec = new ContractSpec
        {
            Id = 0, SymbolId = Perp, Symbol = "BTCUSDT", MarginAsset = Usdt.Id, MaxLeverage = 50, DefaultLeverage = 10,
            MaintenanceMarginRate = Fp(0.01m), MakerFeeRate = Fp(0.0002m), TakerFeeRate = Fp(0.0005m), AutoDeleveraging = adl,
        };
        var core = new ExchangeCore([Btc, Usdt], symbols, 99, new OrderLimits { MaxOpenOrdersPerSymbol = 50 }, [spec]);
        var random = new Random(seed);
        var counts = new Dictionary<string, int>();
        var digest = new StringBuilder();
        long now = 1_000, supply = 0;
        void Count(string what) => counts[what] = counts.GetValueOrDefault(what) + 1;

        void Apply(EngineCommand command, string what)
        {
            var result = core.Apply(command, ++now);
            var problems = core.CheckInvariants();
            Assert.True(problems.Count == 0, $"step {what} broke: {string.Join("; ", problems)}");
            Assert.Equal(supply, core.Supply(Usdt.Id));
            core.EndBatch(5);
            var o = core.Output;
            digest.Append(what).Append(result.Reject).Append('|');
            foreach (var x in o.Orders) digest.Append(x).Append('|');
            foreach (var x in o.Trades) digest.Append(x).Append('|');
            foreach (var x in o.ContractBills) digest.Append(x).Append('|');
            foreach (var x in o.ContractMarks) digest.Append(x).Append('|');
            foreach (var x in o.ContractFundings) digest.Append(x).Append('|');
            foreach (var x in o.ContractPositions) digest.Append(x.AccountId).Append(x.Position.Quantity).Append(x.Position.Margin).Append('|');
            foreach (var x in o.ContractPools) digest.Append(x).Append('|');
            if (o.Orders.Any(x => x.Type == OrderType.Flat)) Count("liquidation");
            foreach (var b in o.ContractBills)
                if (b.Type is ContractBillType.Funding or ContractBillType.Adl or ContractBillType.Liquidation) Count(b.Type.ToString());
            foreach (var f in o.ContractFundings) Count(f.Rate > 0 ? "funding +" : f.Rate < 0 ? "funding -" : "funding 0");
            Count(result.Reject == RejectReason.None ? what : $"{what} {result.Reject}");
            o.Clear();
        }

        for (long a = 1; a <= Accounts; a++)
        {
            Apply(EngineCommand.CreateAccount(a), "create");
            supply += Fp(5_000m);
            Apply(EngineCommand.AdjustBalance(a, Usdt.Id, Fp(5_000m)), "deposit");
            supply += Fp(2_000m + 500m * a);
            Apply(EngineCommand.ContractDeposit(a, Usdt.Id, Fp(2_000m + 500m * a)), "contract deposit");
        }
        if (fund > 0) { supply += Fp(fund); Apply(EngineCommand.ProtectionFundDeposit(Usdt.Id, Fp(fund)), "fund"); }
        long index = Fp(100m);
        Apply(EngineCommand.SetIndexPrice(Perp, index), "index");

        for (int i = 0; i < Steps; i++)
        {
            long account = random.Next(1, Accounts + 1);
            int roll = random.Next(100);
            if (roll < 55)
            {
                var side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
                long price = Math.Max(Fp(1m), (index + index * random.Next(-200, 201) / 10_000) / Fp(0.5m) * Fp(0.5m));
                long quantity = Fp(random.Next(1, 3_000) / 1_000m);
                Apply(EngineCommand.Place(new PlaceOrder(account, Perp, side, OrderType.Limit, TimeInForce.Gtc, price, quantity)), "place");
            }
            else if (roll < 65)
            {
                var open = core.OpenOrdersOf(account, Perp);
                if (open.Count > 0) Apply(EngineCommand.Cancel(account, Perp, open[random.Next(open.Count)].Id), "cancel");
            }
            else if (roll < 70) Apply(EngineCommand.SetLeverage(account, Perp, random.Next(1, 51)), "leverage");
            else if (roll < 74) Apply(EngineCommand.TransferMargin(account, Perp, Fp(random.Next(-100, 100) + 0.5m)), "transfer");
            else if (roll < 76) Apply(EngineCommand.ClosePosition(account, Perp), "close");
            else if (roll < 96)
            {
                // The index walks ±1% a step and now and then jumps ±8%, kept within [40, 250].
                long move = random.Next(20) == 0 ? index * random.Next(-800, 801) / 10_000 : index * random.Next(-100, 101) / 10_000;
                index = Math.Clamp(index + move, Fp(40m), Fp(250m)) / Fp(0.01m) * Fp(0.01m);
                Apply(EngineCommand.SetIndexPrice(Perp, index), "index");
            }
            else
            {
                now += 28_800_000;
                Apply(EngineCommand.ApplyFunding(Perp), "funding");
            }
        }
        if (log is not null)
        {
            foreach (var (what, count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal)) log($"{what}: {count}");
            log($"fund {FixedPoint.Format(core.Contracts.ProtectionFund(Usdt.Id))}, fees {FixedPoint.Format(core.Contracts.FeeAccount(Usdt.Id))}");
        }
        return new Run(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(digest.ToString()))), counts);
    }

    [Theory]
    [InlineData(1, true, 0)]
    [InlineData(7, true, 500)]
    [InlineData(2026, false, 2_000)]
    public void Supply_is_conserved_through_funding_liquidation_the_fund_and_adl(int seed, bool adl, int fund)
    {
        var run = Flow(seed, adl, fund, output.WriteLine);
        Assert.True(run.Counts.GetValueOrDefault("liquidation") > 5, "too few liquidations");
        Assert.True(run.Counts.GetValueOrDefault("Funding") > 50, "too few funding payments");
        Assert.True(run.Counts.GetValueOrDefault("funding +") + run.Counts.GetValueOrDefault("funding -") > 5, "too few fundings");
        Assert.True(run.Counts.GetValueOrDefault("Liquidation") > 0, "no surplus to the fund");
        if (adl) Assert.True(run.Counts.GetValueOrDefault("Adl") > 0, "no auto-deleveraging");
        else Assert.Equal(0, run.Counts.GetValueOrDefault("Adl"));
    }

    [Fact]
    public void The_same_seed_and_commands_give_the_same_output_byte_for_byte()
    {
        var first = Flow(42, adl: true, fund: 300);
        var second = Flow(42, adl: true, fund: 300);
        Assert.Equal(first.Digest, second.Digest);
        Assert.NotEqual(first.Digest, Flow(43, adl: true, fund: 300).Digest);
    }
}
