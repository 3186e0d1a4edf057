using JexSim.Engine;
using JexSim.Engine.Markets;
using JexSim.Persistence;

namespace JexSim.Server.Venue;

/// <summary>A candlestick of any interval, aggregated from one-minute candles.</summary>
public readonly record struct Kline(long OpenTime, long CloseTime, long Open, long High, long Low, long Close,
    long Volume, long QuoteVolume, long Trades, long TakerBuyVolume, long TakerBuyQuoteVolume);

/// <summary>Rolling 24-hour statistics of one symbol.</summary>
public readonly record struct DayStatistics(long Open, long High, long Low, long Last, long Volume, long QuoteVolume, long Trades, long OpenTime, long CloseTime);

/// <summary>
/// Market statistics built from the venue's own trades: klines of every interval (from stored one-minute candles),
/// the rolling 24-hour window (one-minute granularity at its start) and the 5-minute average price.
/// Volumes saturate at the fixed-point maximum (<see cref="Volume"/>) instead of overflowing.
/// </summary>
public sealed class MarketStatistics(IStoreReader store)
{
    public const long Minute = 60_000;
    private const long Day = 86_400_000;
    private const long Week = 7 * Day;
    private const long FirstMonday = 4 * Day; // 1970-01-05, the first Monday after the epoch; weeks start on Mondays.

    public static long IntervalMs(string interval) => interval switch
    {
        "1m" => Minute, "3m" => 3 * Minute, "5m" => 5 * Minute, "15m" => 15 * Minute, "30m" => 30 * Minute,
        "1h" => 60 * Minute, "2h" => 120 * Minute, "4h" => 240 * Minute, "6h" => 360 * Minute, "12h" => 720 * Minute,
        "1d" => Day, "3d" => 3 * Day, "1w" => Week,
        _ => throw new ArgumentOutOfRangeException(nameof(interval), interval, "unknown interval"),
    };

    /// <summary>Open time of the interval holding <paramref name="t"/>.</summary>
    public static long Align(long t, long ms)
    {
        long origin = ms == Week ? FirstMonday : 0;
        return Math.DivRem(t - origin, ms) is var (q, r) && r < 0 ? (q - 1) * ms + origin : q * ms + origin;
    }

    /// <summary>
    /// Klines with open time in [startTime, endTime]; without a start, the newest <paramref name="limit"/> up to endTime (or now).
    /// Every interval after the symbol's first trade has a kline, as venues do: one without trades is flat at the previous
    /// close, whether that close is inside the requested window or before it.
    /// </summary>
    public IReadOnlyList<Kline> Klines(SymbolSpec symbol, string interval, long? startTime, long? endTime, int limit, long now)
    {
        long ms = IntervalMs(interval);
        long to = Math.Min(endTime ?? now, now);
        long lastOpen = Align(to, ms);
        long firstOpen = startTime is { } s
            ? (Align(s, ms) == s ? s : Align(s, ms) + ms)
            : lastOpen - (limit - 1) * ms;
        if (startTime is not null) lastOpen = Math.Min(lastOpen, firstOpen + (limit - 1) * ms);
        if (firstOpen > lastOpen) return [];

        var candles = store.Candles(symbol.StoreKey, firstOpen, lastOpen + ms - 1);
        var result = new List<Kline>();
        int i = 0;
        var before = store.LastCandleBefore(symbol.StoreKey, firstOpen);
        bool traded = before is not null;
        long previousClose = before?.Close ?? 0;
        for (long open = firstOpen; open <= lastOpen && i <= candles.Count; open += ms)
        {
            long end = open + ms;
            Kline? k = null;
            while (i < candles.Count && candles[i].OpenTime < end)
            {
                var c = candles[i++];
                k = k is { } a
                    ? a with
                    {
                        High = Math.Max(a.High, c.High), Low = Math.Min(a.Low, c.Low), Close = c.Close,
                        Volume = Volume.Add(a.Volume, c.Volume), QuoteVolume = Volume.Add(a.QuoteVolume, c.QuoteVolume), Trades = a.Trades + c.Trades,
                        TakerBuyVolume = Volume.Add(a.TakerBuyVolume, c.TakerBuyVolume), TakerBuyQuoteVolume = Volume.Add(a.TakerBuyQuoteVolume, c.TakerBuyQuoteVolume),
                    }
                    : new Kline(open, end - 1, c.Open, c.High, c.Low, c.Close, c.Volume, c.QuoteVolume, c.Trades, c.TakerBuyVolume, c.TakerBuyQuoteVolume);
            }
            if (k is { } kline) { result.Add(kline); previousClose = kline.Close; traded = true; }
            else if (traded) result.Add(new Kline(open, end - 1, previousClose, previousClose, previousClose, previousClose, 0, 0, 0, 0, 0));
            else if (i == candles.Count) break; // nothing has ever traded up to here, and nothing will in this window
        }
        return result;
    }

    private sealed record DayEntry(DepthSnapshot Version, long FromMinute, DayStatistics Stats);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, DayEntry> _day = new();

    /// <summary>
    /// Rolling 24-hour statistics. The result is cached per symbol until the writer publishes a new snapshot of the symbol
    /// (every trade does) or the window's start crosses a minute, so a quiet or polled market is answered without a query.
    /// </summary>
    public DayStatistics Day24(SymbolSpec symbol, DepthSnapshot market, long now)
    {
        long from = now - Day;
        long fromMinute = Align(from, Minute);
        if (_day.TryGetValue(symbol.Id, out var hit) && ReferenceEquals(hit.Version, market) && hit.FromMinute == fromMinute)
            return hit.Stats with { OpenTime = from, CloseTime = now };
        var stats = ComputeDay24(symbol, market.LastPrice, fromMinute, from, now);
        _day[symbol.Id] = new DayEntry(market, fromMinute, stats);
        return stats;
    }

    private DayStatistics ComputeDay24(SymbolSpec symbol, long lastPrice, long fromMinute, long from, long now)
    {
        var candles = store.Candles(symbol.StoreKey, fromMinute, now);
        if (candles.Count == 0) return new DayStatistics(lastPrice, lastPrice, lastPrice, lastPrice, 0, 0, 0, from, now);
        long high = long.MinValue, low = long.MaxValue, volume = 0, quote = 0, trades = 0;
        foreach (var c in candles)
        {
            high = Math.Max(high, c.High); low = Math.Min(low, c.Low);
            volume = Volume.Add(volume, c.Volume); quote = Volume.Add(quote, c.QuoteVolume); trades += c.Trades;
        }
        return new DayStatistics(candles[0].Open, high, low, candles[^1].Close, volume, quote, trades, from, now);
    }

    /// <summary>Volume-weighted average price of the last five minutes; the last price when nothing traded.</summary>
    public long AveragePrice(SymbolSpec symbol, long lastPrice, long now)
    {
        var (quote, volume) = store.TradeVolumeSince(symbol.StoreKey, now - 5 * Minute);
        return volume == 0 ? lastPrice : WeightedAverage(quote, volume);
    }

    public static long WeightedAverage(long quote, long volume) =>
        volume == 0 ? 0 : (long)((Int128)quote * FixedPoint.Scale / volume);
}
