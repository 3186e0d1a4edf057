using JexSim.Engine.Markets;

namespace JexSim.Engine.Tests;

/// <summary>
/// A small exchange for tests: assets BTC, ETH and USDT, symbols BTCUSDT (id 0) and ETHUSDT (id 1), with
/// helpers that take decimal prices and quantities. Every command helper clears <see cref="ExchangeCore.Output"/>
/// first, so <see cref="Trades"/> and <see cref="Orders"/> hold what the last command did, and asserts afterwards
/// that the engine's invariants still hold.
/// </summary>
internal sealed class TestExchange
{
    public const long FeeAccount = 999;

    public static readonly AssetSpec Btc = new(0, "BTC");
    public static readonly AssetSpec Eth = new(1, "ETH");
    public static readonly AssetSpec Usdt = new(2, "USDT");

    public const int BtcUsdt = 0;
    public const int EthUsdt = 1;

    private long _now = 1_000;

    private TestExchange(ExchangeCore core) => Core = core;

    public ExchangeCore Core { get; }

    public IReadOnlyList<Trade> Trades => Core.Output.Trades;

    public IReadOnlyList<OrderState> Orders => Core.Output.Orders;

    /// <summary>The time stamp the last command ran at.</summary>
    public long Now => _now;

    /// <summary>Scales a decimal to the engine's fixed point (exactly; throws on more than 8 decimals).</summary>
    public static long Fp(decimal value) => FixedPoint.FromDecimal(value);

    /// <summary>
    /// BTCUSDT: tick 0.01 in [0.01, 1,000,000], step 0.00001 in [0.00001, 9,000], min notional 5 USDT.
    /// ETHUSDT: tick 0.01 in [0.01, 100,000], step 0.0001 in [0.0001, 10,000], min notional 5 USDT.
    /// No fees unless <paramref name="configure"/> sets them.
    /// </summary>
    public static TestExchange Create(Func<SymbolSpec, SymbolSpec>? configure = null, OrderLimits? limits = null)
    {
        configure ??= s => s;
        SymbolSpec[] symbols =
        [
            configure(new SymbolSpec
            {
                Id = BtcUsdt, Name = "BTCUSDT", Market = MarketType.Spot, Base = Btc, Quote = Usdt,
                TickSize = Fp(0.01m), MinPrice = Fp(0.01m), MaxPrice = Fp(1_000_000m),
                StepSize = Fp(0.00001m), MinQty = Fp(0.00001m), MaxQty = Fp(9_000m), MinNotional = Fp(5m),
            }),
            configure(new SymbolSpec
            {
                Id = EthUsdt, Name = "ETHUSDT", Market = MarketType.Spot, Base = Eth, Quote = Usdt,
                TickSize = Fp(0.01m), MinPrice = Fp(0.01m), MaxPrice = Fp(100_000m),
                StepSize = Fp(0.0001m), MinQty = Fp(0.0001m), MaxQty = Fp(10_000m), MinNotional = Fp(5m),
            }),
        ];
        return new TestExchange(new ExchangeCore([Btc, Eth, Usdt], symbols, FeeAccount, limits));
    }

    /// <summary>Creates an account and deposits the given amounts.</summary>
    public long Account(long id, decimal btc = 0, decimal eth = 0, decimal usdt = 0)
    {
        Assert.True(Core.CreateAccount(id), $"account {id} already exists");
        if (btc != 0) Deposit(id, Btc, btc);
        if (eth != 0) Deposit(id, Eth, eth);
        if (usdt != 0) Deposit(id, Usdt, usdt);
        return id;
    }

    public void Deposit(long account, AssetSpec asset, decimal amount) =>
        Assert.Equal(RejectReason.None, Core.AdjustBalance(account, asset.Id, Fp(amount)));

    public PlaceResult Place(PlaceOrder order)
    {
        Core.Output.Clear();
        var result = Core.Place(order, ++_now);
        AssertInvariants();
        return result;
    }

    public PlaceResult Buy(long account, decimal price, decimal qty, TimeInForce tif = TimeInForce.Gtc, int symbol = BtcUsdt) =>
        Place(new PlaceOrder(account, symbol, Side.Buy, OrderType.Limit, tif, Fp(price), Fp(qty)));

    public PlaceResult Sell(long account, decimal price, decimal qty, TimeInForce tif = TimeInForce.Gtc, int symbol = BtcUsdt) =>
        Place(new PlaceOrder(account, symbol, Side.Sell, OrderType.Limit, tif, Fp(price), Fp(qty)));

    public PlaceResult MarketBuy(long account, decimal qty, int symbol = BtcUsdt) =>
        Place(new PlaceOrder(account, symbol, Side.Buy, OrderType.Market, TimeInForce.Gtc, 0, Fp(qty)));

    public PlaceResult MarketSell(long account, decimal qty, int symbol = BtcUsdt) =>
        Place(new PlaceOrder(account, symbol, Side.Sell, OrderType.Market, TimeInForce.Gtc, 0, Fp(qty)));

    /// <summary>Places an order that must be accepted and returns its id.</summary>
    public long Rest(PlaceResult result)
    {
        Assert.Equal(RejectReason.None, result.Reject);
        Assert.True(result.Order.Status.IsOpen(), $"order {result.Order.Id} is {result.Order.Status}, not resting");
        return result.Order.Id;
    }

    public CancelResult Cancel(long account, long orderId, int symbol = BtcUsdt)
    {
        Core.Output.Clear();
        var result = Core.Cancel(account, symbol, orderId, ++_now);
        AssertInvariants();
        return result;
    }

    public long Free(long account, AssetSpec asset) => Core.Balance(account, asset.Id).Free;

    public long Locked(long account, AssetSpec asset) => Core.Balance(account, asset.Id).Locked;

    public OrderBook Book(int symbol = BtcUsdt) => Core.Book(symbol);

    /// <summary>Price and total quantity of each level of one side, best first.</summary>
    public (long Price, long Qty)[] Depth(Side side, int symbol = BtcUsdt) =>
        Core.Book(symbol).SideOf(side).Levels().Select(l => (l.Price, l.TotalQuantity)).ToArray();

    /// <summary>Ids of the orders resting at one price, in queue order.</summary>
    public long[] Queue(Side side, decimal price, int symbol = BtcUsdt) =>
        Core.Book(symbol).SideOf(side).Get(Fp(price))?.Orders().Select(o => o.Id).ToArray() ?? [];

    public void AssertInvariants() => Assert.Empty(Core.CheckInvariants());
}
