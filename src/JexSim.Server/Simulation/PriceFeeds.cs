using System.Globalization;
using JexSim.Engine;
using JexSim.Engine.Markets;
using JexSim.Server.Fixtures;

namespace JexSim.Server.Simulation;

/// <summary>
/// A seeded geometric Brownian motion: every <c>intervalMs</c> of venue time the reference price moves by
/// exp((mu - sigma^2/2) dt + sigma sqrt(dt) Z), with mu and sigma annualised and Z from the fixture's seed.
/// When someone sets the price (PUT /admin/v1/prices/{symbol}) the walk continues from there.
/// </summary>
public sealed class RandomWalkFeed : ISimulationActor
{
    private const double MsPerYear = 365.0 * 86_400_000;
    private readonly SymbolSpec _symbol;
    private readonly IndexPrices _prices;
    private readonly double _drift, _volatility;
    private readonly long _interval;
    private readonly SeededRandom _random;
    private double _price;
    private long _published;

    public RandomWalkFeed(FeedFixture feed, SymbolSpec symbol, IndexPrices prices, long start, long seed)
    {
        _symbol = symbol;
        _prices = prices;
        _drift = feed.Drift;
        _volatility = feed.Volatility;
        _interval = feed.IntervalMs;
        _random = new SeededRandom(seed);
        _price = (double)feed.StartPrice!.Value;
        NextDue = start;
    }

    public string Name => $"randomWalk {_symbol.Name}";
    public long NextDue { get; private set; }

    public Task? Act(long due)
    {
        // Someone set the price since our last tick: walk on from theirs.
        if (_prices.Get(_symbol) is { } current && current.Price != _published) _price = current.Price / (double)FixedPoint.Scale;
        else if (_published != 0)
        {
            double dt = _interval / MsPerYear;
            double z = _random.NextGaussian();
            _price *= Math.Exp((_drift - _volatility * _volatility / 2) * dt + _volatility * Math.Sqrt(dt) * z);
        }
        _published = Feeds.ToTick(_price, _symbol);
        _prices.Set(_symbol.Id, _published, due);
        NextDue = due + _interval;
        return null;
    }

    public object Save() => (NextDue, _random.SaveState(), _price, _published);

    public void Restore(object state)
    {
        var (next, random, price, published) = ((long, ulong[], double, long))state;
        (NextDue, _price, _published) = (next, price, published);
        _random.Restore(random);
    }
}

/// <summary>One point of a recorded price path: offset from the first row (ms of the recording) and the price.</summary>
public readonly record struct ReplayPoint(long OffsetMs, long Price);

/// <summary>
/// Replays a CSV of trades (time,price[,quantity...]) or klines (openTime,open,high,low,close[,...]) as the reference
/// price, at <c>speed</c> times the recorded pace, starting at the venue's start time and looping when asked.
/// A kline becomes four points spread over its interval: open, then the extreme nearer the open, the other extreme, close.
/// </summary>
public sealed class ReplayFeed : ISimulationActor
{
    private readonly SymbolSpec _symbol;
    private readonly IndexPrices _prices;
    private readonly IReadOnlyList<ReplayPoint> _points;
    private readonly double _speed;
    private readonly bool _loop;
    private long _start;
    private readonly long _cycleMs;
    private int _index;
    private long _cycle;

    public ReplayFeed(FeedFixture feed, string file, SymbolSpec symbol, IndexPrices prices, long start)
    {
        _symbol = symbol;
        _prices = prices;
        _points = Feeds.ReadCsv(file, feed.Format, symbol);
        _speed = feed.Speed;
        _loop = feed.Loop;
        _start = start;
        long span = _points[^1].OffsetMs;
        long gap = _points.Count > 1 ? Math.Max(1, span / (_points.Count - 1)) : 1000;
        _cycleMs = span + gap;
        NextDue = Due();
    }

    public string Name => $"replay {_symbol.Name}";
    public long NextDue { get; private set; }

    private long Due() => _start + (long)((_cycle * _cycleMs + _points[_index].OffsetMs) / _speed);

    public Task? Act(long due)
    {
        _prices.Set(_symbol.Id, _points[_index].Price, due);
        if (++_index == _points.Count)
        {
            if (!_loop) { NextDue = long.MaxValue; return null; }
            _index = 0;
            _cycle++;
        }
        NextDue = Math.Max(due + 1, Due());
        return null;
    }

    public object Save() => (NextDue, _index, _cycle, _start);

    public void Restore(object state) => (NextDue, _index, _cycle, _start) = ((long, int, long, long))state;
}

public static class Feeds
{
    /// <summary>A price rounded to the symbol's tick and kept inside its price filter.</summary>
    public static long ToTick(double price, SymbolSpec symbol)
    {
        long scaled = (long)Math.Round(price * FixedPoint.Scale);
        scaled = (long)Math.Round((double)scaled / symbol.TickSize) * symbol.TickSize;
        return Math.Clamp(scaled, symbol.MinPrice, symbol.MaxPrice);
    }

    /// <summary>
    /// Reads a replay CSV. Lines that are empty, start with '#', or whose first field is not a number (a header) are
    /// skipped. Times are Unix milliseconds (seconds and microseconds are recognised by their size). Rows must be in time order.
    /// </summary>
    public static IReadOnlyList<ReplayPoint> ReadCsv(string file, string format, SymbolSpec symbol)
    {
        var points = new List<ReplayPoint>();
        long? first = null;
        long previous = long.MinValue;
        int lineNo = 0;
        var rows = new List<(long Time, decimal[] Prices, int Line)>();
        foreach (var raw in File.ReadLines(file))
        {
            lineNo++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var fields = line.Split(',');
            if (!long.TryParse(fields[0].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long time))
            {
                if (rows.Count == 0) continue; // header
                throw new FixtureException($"{file} line {lineNo}: time '{fields[0]}' is not a number.");
            }
            time = time switch { < 100_000_000_000 => time * 1000, > 100_000_000_000_000 => time / 1000, _ => time };
            if (time < previous) throw new FixtureException($"{file} line {lineNo}: rows must be in time order.");
            previous = time;
            int needed = format == "klines" ? 5 : 2;
            if (fields.Length < needed) throw new FixtureException($"{file} line {lineNo}: a {format} row needs at least {needed} fields.");
            var prices = new decimal[needed - 1];
            for (int i = 1; i < needed; i++)
                if (!decimal.TryParse(fields[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out prices[i - 1]) || prices[i - 1] <= 0)
                    throw new FixtureException($"{file} line {lineNo}: field {i + 1} '{fields[i]}' is not a positive price.");
            rows.Add((time, prices, lineNo));
        }
        if (rows.Count == 0) throw new FixtureException($"{file}: no rows to replay.");
        for (int r = 0; r < rows.Count; r++)
        {
            var (time, prices, _) = rows[r];
            first ??= time;
            long offset = time - first.Value;
            if (format != "klines")
            {
                points.Add(new ReplayPoint(offset, ToTick((double)prices[0], symbol)));
                continue;
            }
            // open, high, low, close over the kline's interval (the next row's open time, or the previous interval).
            long interval = r + 1 < rows.Count ? rows[r + 1].Time - time : r > 0 ? time - rows[r - 1].Time : 60_000;
            decimal open = prices[0], high = prices[1], low = prices[2], close = prices[3];
            bool lowFirst = close >= open;
            decimal[] path = lowFirst ? [open, low, high, close] : [open, high, low, close];
            for (int i = 0; i < 4; i++) points.Add(new ReplayPoint(offset + interval * i / 4, ToTick((double)path[i], symbol)));
        }
        return points;
    }
}
