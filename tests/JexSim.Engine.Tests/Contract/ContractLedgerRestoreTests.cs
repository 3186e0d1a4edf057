using JexSim.Engine.Markets.Contract;
using static JexSim.Engine.Tests.Contract.ContractTestMarket;

namespace JexSim.Engine.Tests.Contract;

public class ContractLedgerRestoreTests
{
    [Fact]
    public void A_ledger_rebuilt_from_what_the_store_would_hold_is_the_same_ledger()
    {
        var market = new ContractTestMarket();
        for (int a = 0; a < 4; a++) market.FundContract(a, 10_000m);
        market.Open(0, 1, BtcUsdt, Side.Buy, 100m, 2m);
        market.Open(2, 0, BtcUsdt, Side.Buy, 104m, 1m);   // account 0 partly closes to 2
        market.Open(3, 1, EthUsdt, Side.Sell, 2000m, 5m);
        var resting = market.Place(0, BtcUsdt, Side.Sell, 120m, 3m)!;
        var partial = market.Place(1, EthUsdt, Side.Buy, 1990m, 4m)!;
        market.Fill(partial, market.Place(2, EthUsdt, Side.Sell, 1990m, 1m)!, 1m);
        var original = market.Ledger;

        var rebuilt = new ContractLedger(original.Contracts, assetCount: 2);
        for (int a = 0; a < original.AccountCount; a++)
        {
            rebuilt.RestoreBalance(a, Usdt, original.Free(a, Usdt));
            for (int c = 0; c < 2; c++) rebuilt.RestorePosition(a, c, original.Position(a, c));
        }
        foreach (var order in new[] { resting, partial }) rebuilt.RestoreOrderHold(order.Account, order.Contract, order.Side, order.Remaining, order.Held);
        rebuilt.RestorePools(Usdt, original.FeeAccount(Usdt), original.ProtectionFund(Usdt));

        Assert.Null(rebuilt.CheckInvariants(Usdt, market.SpotTotal, market.Supply));
        Assert.Equal(original.Clearing(Usdt), rebuilt.Clearing(Usdt));
        for (int a = 0; a < original.AccountCount; a++)
        {
            Assert.Equal(original.OrderMargin(a, Usdt), rebuilt.OrderMargin(a, Usdt));
            for (int c = 0; c < 2; c++) Assert.Equal(original.Position(a, c), rebuilt.Position(a, c));
        }
    }

    [Fact]
    public void The_protection_fund_can_be_minted_into()
    {
        var ledger = new ContractLedger([BtcPerpetual], assetCount: 2);
        Assert.Equal(ContractReject.None, ledger.CreditProtectionFund(Usdt, Fp(100m)));
        Assert.Equal(ContractReject.InvalidAmount, ledger.CreditProtectionFund(Usdt, 0));
        Assert.Null(ledger.CheckInvariants(Usdt, 0, Fp(100m)));
    }

    [Fact]
    public void Placing_filling_and_releasing_allocate_nothing()
    {
        var market = new ContractTestMarket();
        for (int a = 0; a < 4; a++) market.FundContract(a, 1_000_000m);
        var ledger = market.Ledger;
        long price = Fp(100m), quantity = Fp(1m);
        void Round()
        {
            Ok(ledger.HoldOrderMargin(0, BtcUsdt, Side.Buy, price, quantity, out long makerHeld));
            Ok(ledger.HoldOrderMargin(1, BtcUsdt, Side.Sell, price, quantity, out long takerHeld));
            Ok(ledger.ApplyFill(0, BtcUsdt, Side.Buy, price, quantity / 2, BtcPerpetual.MakerFeeRate, ref makerHeld, quantity, out _));
            Ok(ledger.ApplyFill(1, BtcUsdt, Side.Sell, price, quantity / 2, BtcPerpetual.TakerFeeRate, ref takerHeld, quantity, out _));
            ledger.ReleaseOrderMargin(0, BtcUsdt, Side.Buy, quantity / 2, makerHeld);
            ledger.ReleaseOrderMargin(1, BtcUsdt, Side.Sell, quantity / 2, takerHeld);
            Ok(ledger.SetLeverage(2, BtcUsdt, 20));
            Ok(ledger.TransferMargin(0, BtcUsdt, Fp(1m), price, Fp(1m)));  // in from spot ...
            Ok(ledger.TransferMargin(0, BtcUsdt, -Fp(1m), price, 0));     // ... and back
        }
        static void Ok(ContractReject reject) { if (reject != ContractReject.None) throw new InvalidOperationException(reject.ToString()); }
        Round(); // warm up (JIT)
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++) Round();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        market.AssertWhole();
    }
}
