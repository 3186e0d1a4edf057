using JexSim.Engine.Markets.Contract;

namespace JexSim.Engine.Tests.Contract;

/// <summary>
/// A contract ledger for tests with the engine's part played by hand: assets BTC (0) and USDT (1), perpetuals BTCUSDT
/// (0, maker 0.02%, taker 0.05%, maintenance 0.5%, max leverage 100, default 10) and ETHUSDT (1, multiplier 0.1).
/// Spot USDT balances live here (the "outside" of the ledger) so transfers and the supply can be checked whole.
/// Every helper checks the ledger's invariants afterwards.
/// </summary>
internal sealed class ContractTestMarket
{
    public const int Usdt = 1;
    public const int BtcUsdt = 0;
    public const int EthUsdt = 1;

    public static readonly ContractSpec BtcPerpetual = new()
    {
        Id = BtcUsdt, SymbolId = 10, Symbol = "BTCUSDT", MarginAsset = Usdt,
        MakerFeeRate = Fp(0.0002m), TakerFeeRate = Fp(0.0005m), MaintenanceMarginRate = Fp(0.005m), MaxLeverage = 100, DefaultLeverage = 10,
    };

    public static readonly ContractSpec EthPerpetual = BtcPerpetual with { Id = EthUsdt, SymbolId = 11, Symbol = "ETHUSDT", Multiplier = Fp(0.1m), MaxLeverage = 50 };

    private long[] _spot = new long[8];

    public ContractTestMarket(int accounts = 4)
    {
        Ledger = new ContractLedger([BtcPerpetual, EthPerpetual], assetCount: 2);
        for (int a = 0; a < accounts; a++) { Ledger.EnsureAccount(a); }
    }

    public ContractLedger Ledger { get; }

    /// <summary>Everything ever minted in USDT (fixture and admin credits).</summary>
    public long Supply { get; private set; }

    public static long Fp(decimal value) => FixedPoint.FromDecimal(value);

    public long Spot(int account) => account < _spot.Length ? _spot[account] : 0;

    public long SpotTotal => _spot.Sum();

    /// <summary>Mints USDT into an account's contract balance (as a fixture or the admin API would).</summary>
    public void FundContract(int account, decimal amount)
    {
        Assert.Equal(ContractReject.None, Ledger.Credit(account, Usdt, Fp(amount)));
        Supply += Fp(amount);
        AssertWhole();
    }

    /// <summary>Mints USDT into an account's spot balance.</summary>
    public void FundSpot(int account, decimal amount)
    {
        if (account >= _spot.Length) Array.Resize(ref _spot, account + 8);
        _spot[account] += Fp(amount);
        Supply += Fp(amount);
        AssertWhole();
    }

    /// <summary>transferMargin as the endpoint does it: spot balance to or from the position's margin.</summary>
    public ContractReject TransferMargin(int account, int contract, long amount, long mark)
    {
        var reject = Ledger.TransferMargin(account, contract, amount, mark, Spot(account));
        if (reject == ContractReject.None) _spot[account] -= amount;
        AssertWhole();
        return reject;
    }

    /// <summary>Moves USDT from spot into the contract balance (the caller's side of <see cref="ContractLedger.Credit"/>).</summary>
    public ContractReject SpotToContract(int account, long amount)
    {
        if (Spot(account) < amount) return ContractReject.InsufficientBalance;
        var reject = Ledger.Credit(account, Usdt, amount);
        if (reject == ContractReject.None) _spot[account] -= amount;
        AssertWhole();
        return reject;
    }

    public ContractReject ContractToSpot(int account, long amount)
    {
        var reject = Ledger.Debit(account, Usdt, amount);
        if (reject == ContractReject.None) _spot[account] += amount;
        AssertWhole();
        return reject;
    }

    /// <summary>A resting order as the engine would keep it: remaining quantity and what is left of its hold.</summary>
    public sealed class Order(int account, int contract, Side side, long price, long quantity, long held)
    {
        public int Account { get; } = account;
        public int Contract { get; } = contract;
        public Side Side { get; } = side;
        public long Price { get; } = price;
        public long Remaining { get; set; } = quantity;
        public long Held = held;
    }

    public Order? Place(int account, int contract, Side side, decimal price, decimal quantity) => Place(account, contract, side, Fp(price), Fp(quantity), out _);

    public Order? Place(int account, int contract, Side side, long price, long quantity, out ContractReject reject)
    {
        reject = Ledger.HoldOrderMargin(account, contract, side, price, quantity, out long held);
        AssertWhole();
        return reject == ContractReject.None ? new Order(account, contract, side, price, quantity, held) : null;
    }

    /// <summary>Fills <paramref name="quantity"/> between a resting maker and a taker at the maker's price.</summary>
    public (FillSettlement Maker, FillSettlement Taker) Fill(Order maker, Order taker, long quantity)
    {
        var spec = Ledger.Contracts[maker.Contract];
        Assert.Equal(ContractReject.None, Ledger.ApplyFill(maker.Account, maker.Contract, maker.Side, maker.Price, quantity, spec.MakerFeeRate, ref maker.Held, maker.Remaining, out var m));
        maker.Remaining -= quantity;
        Assert.Equal(ContractReject.None, Ledger.ApplyFill(taker.Account, taker.Contract, taker.Side, maker.Price, quantity, spec.TakerFeeRate, ref taker.Held, taker.Remaining, out var t));
        taker.Remaining -= quantity;
        if (maker.Remaining == 0) Assert.Equal(0, maker.Held);
        if (taker.Remaining == 0) Assert.Equal(0, taker.Held);
        Assert.Equal(m.Value, t.Value);
        AssertWhole();
        return (m, t);
    }

    public (FillSettlement Maker, FillSettlement Taker) Fill(Order maker, Order taker, decimal quantity) => Fill(maker, taker, Fp(quantity));

    public void Cancel(Order order)
    {
        Ledger.ReleaseOrderMargin(order.Account, order.Contract, order.Side, order.Remaining, order.Held);
        order.Remaining = 0;
        order.Held = 0;
        AssertWhole();
    }

    /// <summary>Opens a position for <paramref name="account"/> against <paramref name="counterparty"/> at one price.</summary>
    public void Open(int account, int counterparty, int contract, Side side, decimal price, decimal quantity)
    {
        var maker = Place(counterparty, contract, side == Side.Buy ? Side.Sell : Side.Buy, price, quantity)!;
        var taker = Place(account, contract, side, price, quantity)!;
        Fill(maker, taker, Fp(quantity));
    }

    public void AssertWhole() => Assert.Null(Ledger.CheckInvariants(Usdt, SpotTotal, Supply));
}
