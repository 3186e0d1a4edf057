using JexSim.Engine;
using JexSim.Engine.Books;
using JexSim.Engine.Markets;
using JexSim.Engine.Matching;
using JexSim.Server.Fixtures;
using JexSim.Server.Venue;

namespace JexSim.Server.Simulation;

/// <summary>
/// A market maker: an ordinary account that keeps a ladder of limit orders around the reference price
/// (<c>levels</c> per side, the best pair <c>spreadBps</c> apart, <c>levelStepBps</c> between levels, <c>quantity</c> each).
/// Every <c>refreshMs</c> it looks at its quotes and re-quotes (cancel all, place the new ladder, in one command) when the
/// reference moved by <c>requoteBps</c> or more, or one of its quotes was hit. A new quote that crosses a resting order
/// trades with it, as any order would: that is how clients' limit orders fill as the price walks. On a contract the
/// quotes hold order margin from the account's contract balance, and the reference is the index price (the reference
/// price of the spot symbol of the same name), so the perpetual follows its index.
/// </summary>
public sealed class MarketMaker : ISimulationActor
{
    private readonly AgentFixture _config;
    private readonly SymbolSpec _symbol;
    private readonly SymbolSpec _reference;
    private readonly Sequencer _sequencer;
    private readonly IndexPrices _prices;
    private readonly long _quantity;
    private long _quotedAt; // reference price of the current ladder; set once its requote is committed

    /// <param name="reference">The symbol whose reference price the ladder is built around (the traded symbol, or a contract's index).</param>
    public MarketMaker(AgentFixture config, SymbolSpec symbol, SymbolSpec reference, Sequencer sequencer, IndexPrices prices, long start)
    {
        _config = config;
        _symbol = symbol;
        _reference = reference;
        _sequencer = sequencer;
        _prices = prices;
        _quantity = Math.Max(symbol.MinQty, FixedPoint.FromDecimal(config.Quantity) / symbol.StepSize * symbol.StepSize);
        NextDue = start;
    }

    public string Name => $"marketMaker {_symbol.Name}{(_symbol.Market == MarketType.Contract ? " contract" : "")} (account {_config.Account})";
    public long NextDue { get; private set; }

    public Task? Act(long due)
    {
        NextDue = due + _config.RefreshMs;
        if (_prices.Get(_reference) is not { } reference) return null;
        long price = reference.Price;
        var ladder = Ladder(price);
        decimal moved = _quotedAt == 0 ? decimal.MaxValue : Math.Abs(price - _quotedAt) * 10_000m / _quotedAt;
        return RequoteAsync(new RequoteCommand(_config.Account, _symbol.Id, _quantity, ladder, Force: moved >= _config.RequoteBps), price, due);
    }

    private async Task RequoteAsync(RequoteCommand command, long reference, long due)
    {
        if ((bool)(await _sequencer.Submit(command, due).ConfigureAwait(false))!) _quotedAt = reference;
    }

    /// <summary>The quotes wanted around <paramref name="reference"/>: bids below, asks above, each on the tick grid.</summary>
    private List<(Side Side, long Price)> Ladder(long reference)
    {
        var quotes = new List<(Side, long)>();
        long tick = _symbol.TickSize;
        long lastBid = long.MaxValue, lastAsk = long.MinValue;
        for (int i = 0; i < _config.Levels; i++)
        {
            decimal offset = (_config.SpreadBps / 2 + i * _config.LevelStepBps) / 10_000m;
            long bid = (long)((decimal)reference * (1 - offset)) / tick * tick;
            long ask = ((long)Math.Ceiling((decimal)reference * (1 + offset)) + tick - 1) / tick * tick;
            bid = Math.Min(bid, lastBid - tick);
            ask = Math.Max(ask, lastAsk + tick);
            if (ask <= bid) ask = bid + tick;
            (lastBid, lastAsk) = (bid, ask);
            if (bid >= _symbol.MinPrice) quotes.Add((Side.Buy, bid));
            if (ask <= _symbol.MaxPrice) quotes.Add((Side.Sell, ask));
        }
        return quotes;
    }

    public object Save() => (NextDue, _quotedAt);

    public void Restore(object state) => (NextDue, _quotedAt) = ((long, long))state;
}

/// <summary>
/// A noise taker: an ordinary account sending market orders at random, on average one every <c>intervalMs</c>
/// (exponential waiting times), buy or sell with equal odds, size uniform in [minQuantity, maxQuantity].
/// Everything random is drawn from its own seeded generator before the order is submitted. On a contract (LIMIT orders
/// only) it sends an IOC limit order <c>slippageBps</c> beyond the index price instead, margined from its contract
/// balance; without an index price yet it skips its turn (the random draws are made all the same).
/// </summary>
public sealed class NoiseTaker : ISimulationActor
{
    private readonly AgentFixture _config;
    private readonly SymbolSpec _symbol;
    private readonly SymbolSpec _reference;
    private readonly Sequencer _sequencer;
    private readonly IndexPrices _prices;
    private readonly SeededRandom _random;
    private readonly long _min, _max;

    /// <param name="reference">A contract's index symbol (the spot symbol of the same name); unused on spot, which sends market orders.</param>
    public NoiseTaker(AgentFixture config, SymbolSpec symbol, SymbolSpec reference, Sequencer sequencer, IndexPrices prices, long start, long seed)
    {
        _config = config;
        _symbol = symbol;
        _reference = reference;
        _prices = prices;
        _sequencer = sequencer;
        _random = new SeededRandom(seed);
        _min = Math.Max(symbol.MinQty, FixedPoint.FromDecimal(config.MinQuantity));
        _max = Math.Max(_min, FixedPoint.FromDecimal(config.MaxQuantity));
        NextDue = start + Wait();
    }

    public string Name => $"noiseTaker {_symbol.Name}{(_symbol.Market == MarketType.Contract ? " contract" : "")} (account {_config.Account})";
    public long NextDue { get; private set; }

    private long Wait() => Math.Max(1, (long)_random.NextExponential(_config.IntervalMs));

    public Task? Act(long due)
    {
        var side = _random.NextDouble() < 0.5 ? Side.Buy : Side.Sell;
        long quantity = (long)_random.NextDouble(_min, _max) / _symbol.StepSize * _symbol.StepSize;
        quantity = Math.Max(quantity, _symbol.MinQty);
        NextDue = due + Wait();
        if (_symbol.Market != MarketType.Contract)
            return _sequencer.Submit(EngineCommand.Place(new PlaceOrder(_config.Account, _symbol.Id, side, OrderType.Market, TimeInForce.Ioc, 0, quantity)), due);
        if (_prices.Get(_reference) is not { } index) return null;
        long limit = ReachOf(index.Price, side);
        return _sequencer.Submit(EngineCommand.Place(new PlaceOrder(_config.Account, _symbol.Id, side, OrderType.Limit, TimeInForce.Ioc, limit, quantity)), due);
    }

    /// <summary>The IOC limit price of a contract order: slippageBps beyond the index, on the tick grid, inside the price filter.</summary>
    private long ReachOf(long index, Side side)
    {
        long tick = _symbol.TickSize;
        decimal offset = _config.SlippageBps / 10_000m;
        long price = side == Side.Buy
            ? (long)((decimal)index * (1 + offset)) / tick * tick
            : ((long)Math.Ceiling((decimal)index * (1 - offset)) + tick - 1) / tick * tick;
        return Math.Clamp(price, _symbol.MinPrice, _symbol.MaxPrice / tick * tick);
    }

    public object Save() => (NextDue, _random.SaveState());

    public void Restore(object state)
    {
        var (next, random) = ((long, ulong[]))state;
        NextDue = next;
        _random.Restore(random);
    }
}
