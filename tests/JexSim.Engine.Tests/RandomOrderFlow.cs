using JexSim.Engine.Markets;

namespace JexSim.Engine.Tests;

/// <summary>
/// A reproducible random order flow: six accounts trading BTCUSDT, ETHUSDT and ETHBTC (so every asset is shared by
/// two symbols) with LIMIT GTC/IOC/FOK and MARKET orders around a drifting mid price, cancels of random resting orders
/// (now and then from the wrong account), deposits and withdrawals. Every choice comes from one seeded
/// <see cref="Random"/> and the engine's answers, so one seed always yields the same command stream.
/// ETHBTC's tick times its step has 10 decimals, so locks, notionals and fees get rounded there.
/// </summary>
internal sealed class RandomOrderFlow
{
    public const long FeeAccount = 0;

    private static readonly AssetSpec Btc = new(0, "BTC");
    private static readonly AssetSpec Eth = new(1, "ETH");
    private static readonly AssetSpec Usdt = new(2, "USDT");

    private static readonly SymbolSpec[] Symbols =
    [
        Spot(0, "BTCUSDT", Btc, Usdt, tick: 0.01m, step: 0.00001m, minNotional: 1m, maker: 100_000, taker: 200_000),
        Spot(1, "ETHUSDT", Eth, Usdt, tick: 0.001m, step: 0.0001m, minNotional: 1m, maker: 100_000, taker: 100_000),
        Spot(2, "ETHBTC", Eth, Btc, tick: 0.000001m, step: 0.0001m, minNotional: 0.001m, maker: 75_000, taker: 100_000),
    ];

    // Per symbol: the starting mid price, how far from the mid orders are placed, and the quantity range, in ticks and steps.
    private static readonly long[] StartMidTicks = [10_000, 10_000, 100_000];
    private static readonly int[] SpreadTicks = [50, 50, 500];
    private static readonly (int Min, int Max)[] QtySteps = [(500, 50_000), (500, 50_000), (50, 50_000)];
    private static readonly decimal[] DepositSize = [1m, 10m, 500m];

    private readonly Random _rng;
    private readonly long[] _accounts = [1, 2, 3, 4, 5, 6];
    private readonly long[] _midTicks = (long[])StartMidTicks.Clone();
    private readonly List<(long Account, int Symbol, long OrderId)> _resting = new();
    private long _now;
    private long _disabled;

    public RandomOrderFlow(int seed)
    {
        _rng = new Random(seed);
        Core = new ExchangeCore([Btc, Eth, Usdt], Symbols, FeeAccount);
        foreach (long account in _accounts)
        {
            Core.CreateAccount(account);
            Deposit(account, Btc, 20m);
            Deposit(account, Eth, 200m);
            Deposit(account, Usdt, 5_000m);
        }
    }

    public ExchangeCore Core { get; }

    /// <summary>Every trade so far, in order.</summary>
    public List<Trade> Trades { get; } = new();

    /// <summary>Every order update so far, in order.</summary>
    public List<OrderState> OrderUpdates { get; } = new();

    /// <summary>How often each kind of outcome happened ("GTC Filled", "reject MinNotional", "cancel ok", ...).</summary>
    public Dictionary<string, int> Outcomes { get; } = new();

    /// <summary>The order the last step placed and the engine's answer; null when the last step was not a placement.</summary>
    public (PlaceOrder Order, PlaceResult Result)? LastPlacement { get; private set; }

    public int Count(string outcome) => Outcomes.GetValueOrDefault(outcome);

    /// <summary>Runs one random command; <see cref="ExchangeCore.Output"/> then holds what it did. Returns a description.</summary>
    public string Step()
    {
        Core.Output.Clear();
        LastPlacement = null;
        _now++;
        DriftMids();

        int roll = _rng.Next(100);
        string description = roll switch
        {
            < 40 => PlaceLimit(TimeInForce.Gtc),
            < 50 => PlaceLimit(TimeInForce.Ioc),
            < 58 => PlaceLimit(TimeInForce.Fok),
            < 70 => PlaceMarket(),
            < 90 => _resting.Count > 0 ? CancelRandom() : PlaceLimit(TimeInForce.Gtc),
            < 95 => RandomDeposit(),
            < 96 => _disabled != 0 ? ToggleDisabled(_disabled) : _rng.Next(8) == 0 ? ToggleDisabled(RandomAccount()) : OverflowingDeposit(),
            _ => RandomWithdrawal(),
        };

        Trades.AddRange(Core.Output.Trades);
        OrderUpdates.AddRange(Core.Output.Orders);
        return description;
    }

    private void DriftMids()
    {
        if (_rng.Next(50) != 0) return;
        int s = _rng.Next(Symbols.Length);
        int maxMove = SpreadTicks[s] / 5;
        _midTicks[s] = Math.Max(SpreadTicks[s] * 2, _midTicks[s] + _rng.Next(-maxMove, maxMove + 1));
    }

    private string PlaceLimit(TimeInForce tif)
    {
        int s = _rng.Next(Symbols.Length);
        var side = RandomSide();
        // Mostly on the passive side of the mid, so that the books build depth; a third of the range crosses it.
        long away = _rng.Next(-SpreadTicks[s] / 2, SpreadTicks[s] + 1);
        long priceTicks = side == Side.Buy ? _midTicks[s] - away : _midTicks[s] + away;
        var order = new PlaceOrder(RandomAccount(), s, side, OrderType.Limit, tif, priceTicks * Symbols[s].TickSize, RandomQty(s));
        return Place(order, tif.ToApi());
    }

    private string PlaceMarket()
    {
        int s = _rng.Next(Symbols.Length);
        var order = new PlaceOrder(RandomAccount(), s, RandomSide(), OrderType.Market, TimeInForce.Gtc, 0, RandomQty(s));
        return Place(order, "MARKET");
    }

    private string Place(PlaceOrder order, string kind)
    {
        var applied = Core.Apply(EngineCommand.Place(order), _now);
        var result = new PlaceResult(applied.Reject, applied.Order);
        LastPlacement = (order, result);
        if (!result.Accepted)
        {
            Bump($"reject {result.Reject}");
        }
        else
        {
            Bump($"{kind} {result.Order.Status}");
            if (result.Order.Status.IsOpen()) _resting.Add((order.AccountId, order.SymbolId, result.Order.Id));
        }
        return $"{kind} {order.Side} {Symbols[order.SymbolId].Name} acct {order.AccountId} " +
               $"{FixedPoint.Format(order.Quantity)} @ {FixedPoint.Format(order.Price)} -> {(result.Accepted ? result.Order.Status : result.Reject)}";
    }

    /// <summary>Cancels a random order placed earlier; it may have filled since. One in ten tries from another account.</summary>
    private string CancelRandom()
    {
        int i = _rng.Next(_resting.Count);
        var (account, symbol, orderId) = _resting[i];
        bool stillOpen = Core.FindOpenOrder(orderId) is not null;

        if (_rng.Next(10) == 0)
        {
            long intruder = _accounts[(Array.IndexOf(_accounts, account) + 1 + _rng.Next(_accounts.Length - 1)) % _accounts.Length];
            var refused = Core.Apply(EngineCommand.Cancel(intruder, symbol, orderId), _now);
            Assert.Equal(RejectReason.UnknownOrder, refused.Reject);
            Assert.Equal(stillOpen, Core.FindOpenOrder(orderId) is not null);
            Bump("cancel by another account");
            return $"cancel #{orderId} by acct {intruder} (owner {account}) -> {refused.Reject}";
        }

        _resting[i] = _resting[^1];
        _resting.RemoveAt(_resting.Count - 1);
        var result = Core.Apply(EngineCommand.Cancel(account, symbol, orderId), _now);
        Assert.Equal(stillOpen ? RejectReason.None : RejectReason.UnknownOrder, result.Reject);
        Bump(stillOpen ? "cancel ok" : "cancel of a closed order");
        return $"cancel #{orderId} by acct {account} -> {(result.Accepted ? result.Order.Status : result.Reject)}";
    }

    private string RandomDeposit()
    {
        long account = RandomAccount();
        int asset = _rng.Next(3);
        long amount = FixedPoint.FromDecimal(DepositSize[asset]) * _rng.Next(1, 11);
        Assert.Equal(RejectReason.None, Core.Apply(EngineCommand.AdjustBalance(account, asset, amount), _now).Reject);
        Bump("deposit");
        return $"deposit {FixedPoint.Format(amount)} of asset {asset} to acct {account}";
    }

    /// <summary>Withdraws up to twice the free balance, so about half of them are refused.</summary>
    private string RandomWithdrawal()
    {
        long account = RandomAccount();
        int asset = _rng.Next(3);
        long free = Core.Balance(account, asset).Free;
        long amount = (long)(_rng.NextDouble() * 2 * free) + 1;
        var reject = Core.Apply(EngineCommand.AdjustBalance(account, asset, -amount), _now).Reject;
        Assert.Equal(amount > free ? RejectReason.InsufficientBalance : RejectReason.None, reject);
        Bump(reject == RejectReason.None ? "withdrawal" : "withdrawal refused");
        return $"withdraw {FixedPoint.Format(amount)} of asset {asset} from acct {account} -> {reject}";
    }

    /// <summary>A deposit that would take the asset's supply past the fixed-point range: refused, nothing changes.</summary>
    private string OverflowingDeposit()
    {
        long account = RandomAccount();
        int asset = _rng.Next(3);
        long amount = long.MaxValue - Core.Supply(asset) + 1 + _rng.Next(1_000);
        var before = Core.Balance(account, asset);
        var reject = Core.Apply(EngineCommand.AdjustBalance(account, asset, amount), _now).Reject;
        Assert.Equal(RejectReason.BalanceOverflow, reject);
        Assert.Equal(before, Core.Balance(account, asset));
        Assert.Empty(Core.Output.Balances);
        Bump("overflow refused");
        return $"deposit {amount} of asset {asset} to acct {account} -> {reject}";
    }

    /// <summary>Disables a random account (its resting orders are cancelled) or enables a disabled one again.</summary>
    private string ToggleDisabled(long account)
    {
        bool disable = !Core.FindAccount(account)!.Disabled;
        Assert.Equal(RejectReason.None, Core.Apply(EngineCommand.SetAccountDisabled(account, disable), _now).Reject);
        if (disable)
        {
            for (int s = 0; s < Symbols.Length; s++) Assert.Empty(Core.OpenOrdersOf(account, s));
            Assert.All(Core.Output.Orders, o => Assert.Equal((account, OrderStatus.Canceled), (o.AccountId, o.Status)));
        }
        _disabled = disable ? account : 0;
        Bump(disable ? "disable" : "enable");
        return $"{(disable ? "disable" : "enable")} acct {account}";
    }

    private long RandomAccount() => _accounts[_rng.Next(_accounts.Length)];

    private Side RandomSide() => _rng.Next(2) == 0 ? Side.Buy : Side.Sell;

    private long RandomQty(int s) => _rng.Next(QtySteps[s].Min, QtySteps[s].Max + 1) * Symbols[s].StepSize;

    private void Deposit(long account, AssetSpec asset, decimal amount) =>
        Assert.Equal(RejectReason.None, Core.AdjustBalance(account, asset.Id, FixedPoint.FromDecimal(amount)));

    private void Bump(string outcome) => Outcomes[outcome] = Count(outcome) + 1;

    private static SymbolSpec Spot(int id, string name, AssetSpec @base, AssetSpec quote,
        decimal tick, decimal step, decimal minNotional, long maker, long taker) => new()
    {
        Id = id, Name = name, Market = MarketType.Spot, Base = @base, Quote = quote,
        TickSize = FixedPoint.FromDecimal(tick), MinPrice = FixedPoint.FromDecimal(tick), MaxPrice = FixedPoint.FromDecimal(1_000_000m),
        StepSize = FixedPoint.FromDecimal(step), MinQty = FixedPoint.FromDecimal(step), MaxQty = FixedPoint.FromDecimal(10_000m),
        MinNotional = FixedPoint.FromDecimal(minNotional), MakerFeeRate = maker, TakerFeeRate = taker,
    };
}
