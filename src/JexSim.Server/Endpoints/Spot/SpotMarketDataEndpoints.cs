using JexSim.Engine;
using JexSim.Engine.Markets;
using JexSim.Server.Api;
using JexSim.Server.Api.Catalogue;
using JexSim.Server.Endpoints.Option;
using JexSim.Server.Venue;

namespace JexSim.Server.Endpoints.Spot;

/// <summary>
/// Public market data of the book markets (spot, and options under /api/v1/option): depth, trades, klines, average price
/// and tickers. One set of handlers; <see cref="For"/> declares them for a market and its path prefix.
/// </summary>
public static class SpotMarketDataEndpoints
{
    public static IEnumerable<JexEndpoint> All => For(MarketType.Spot, "/api/v1/spot");

    /// <summary>The market data endpoints of <paramref name="market"/> under <paramref name="prefix"/>.</summary>
    public static IEnumerable<JexEndpoint> For(MarketType market, string prefix) =>
    [
        new("GET", $"{prefix}/depth", SecurityType.None, 1, [Params.Symbol(market), Params.Limit(60, 60, 5, 10, 20, 50, 60)], "Order book depth.", Depth),
        new("GET", $"{prefix}/trades", SecurityType.None, 1, [Params.Symbol(market), Params.Limit(60, 60)], "Recent trades.", Trades),
        new("GET", $"{prefix}/historicalTrades", SecurityType.MarketData, 5,
            [Params.Symbol(market), Params.Limit(200, 500), Params.Long("fromId", false, "Trade id to fetch from; default gets the most recent trades.")],
            "Older trades (API key required).", HistoricalTrades),
        new("GET", $"{prefix}/klines", SecurityType.None, 1,
            [Params.Symbol(market), Params.Interval(), Params.Long("startTime", false), Params.Long("endTime", false), Params.Limit(500, 1000)],
            "Kline/candlestick bars, built from the venue's own trades.", Klines) { Rules = [ParamRule.TimeRange()] },
        new("GET", $"{prefix}/avgPrice", SecurityType.None, 1, [Params.Symbol(market)], "Average price of the last 5 minutes.", AveragePrice),
        new("GET", $"{prefix}/ticker/24hr", SecurityType.None, new RequestWeight(1, 40), [Params.Symbol(market, mandatory: false)],
            market == MarketType.Option ? "24 hour rolling window statistics, with the option's expiry, strike, reference and settlement prices." : "24 hour rolling window statistics.",
            r => Ticker24h(r, market)),
        new("GET", $"{prefix}/ticker/price", SecurityType.None, new RequestWeight(1, 2), [Params.Symbol(market, mandatory: false)],
            "Latest price.", r => TickerPrice(r, market)),
        new("GET", $"{prefix}/ticker/bookTicker", SecurityType.None, new RequestWeight(1, 2), [Params.Symbol(market, mandatory: false)],
            "Best bid and ask.", r => BookTicker(r, market)),
    ];

    internal static ValueTask<IResult> Depth(JexRequest r)
    {
        var depth = r.Venue.Views.Depth(r.Symbol);
        int limit = r.Int("limit");
        return ValueTask.FromResult(JexResults.Ok(new
        {
            lastUpdateId = depth.UpdateId,
            bids = Levels(depth.BidPrices, depth.BidQuantities, limit),
            asks = Levels(depth.AskPrices, depth.AskQuantities, limit),
        }));
    }

    private static object[][] Levels(long[] prices, long[] quantities, int limit)
    {
        int n = Math.Min(limit, prices.Length);
        var rows = new object[n][];
        for (int i = 0; i < n; i++) rows[i] = [FixedPoint.Format(prices[i]), FixedPoint.Format(quantities[i]), Array.Empty<object>()];
        return rows;
    }

    internal static ValueTask<IResult> Trades(JexRequest r)
    {
        var trades = r.Venue.StoreReader.RecentTrades(r.Symbol.StoreKey, r.Int("limit"));
        return ValueTask.FromResult(JexResults.Ok(trades.Select(t => new { price = FixedPoint.Format(t.Price), qty = FixedPoint.Format(t.Quantity), time = t.Time })));
    }

    internal static ValueTask<IResult> HistoricalTrades(JexRequest r)
    {
        int limit = r.Int("limit");
        var trades = r.OptionalLong("fromId") is { } fromId
            ? r.Venue.StoreReader.TradesFrom(r.Symbol.StoreKey, fromId, limit)
            : r.Venue.StoreReader.RecentTrades(r.Symbol.StoreKey, limit);
        return ValueTask.FromResult(JexResults.Ok(trades.Select(t => new
        {
            id = t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            price = FixedPoint.Format(t.Price),
            qty = FixedPoint.Format(t.Quantity),
            time = t.Time,
            buyerMaker = t.BuyerMaker,
        })));
    }

    internal static ValueTask<IResult> Klines(JexRequest r)
    {
        long? start = r.OptionalLong("startTime"), end = r.OptionalLong("endTime");
        var stats = r.Http.RequestServices.GetRequiredService<MarketStatistics>();
        var klines = stats.Klines(r.Symbol, r.String("interval")!, start, end, r.Int("limit"), r.Venue.Now);
        return ValueTask.FromResult(JexResults.Ok(klines.Select(k => new object[]
        {
            k.OpenTime, FixedPoint.Format(k.Open), FixedPoint.Format(k.High), FixedPoint.Format(k.Low), FixedPoint.Format(k.Close),
            FixedPoint.Format(k.Volume), k.CloseTime, FixedPoint.Format(k.QuoteVolume), k.Trades,
            FixedPoint.Format(k.TakerBuyVolume), FixedPoint.Format(k.TakerBuyQuoteVolume), "0",
        })));
    }

    internal static ValueTask<IResult> AveragePrice(JexRequest r)
    {
        var stats = r.Http.RequestServices.GetRequiredService<MarketStatistics>();
        long last = r.Venue.Views.Depth(r.Symbol).LastPrice;
        return ValueTask.FromResult(JexResults.Ok(new { mins = 5, price = FixedPoint.Format(stats.AveragePrice(r.Symbol, last, r.Venue.Now)) }));
    }

    internal static ValueTask<IResult> Ticker24h(JexRequest r, MarketType market)
    {
        var stats = r.Http.RequestServices.GetRequiredService<MarketStatistics>();
        long now = r.Venue.Now;
        object One(SymbolSpec s)
        {
            var depth = r.Venue.Views.Depth(s);
            var d = stats.Day24(s, depth, now);
            long change = d.Last - d.Open;
            long percent = d.Open == 0 ? 0 : (long)((Int128)change * 100 * FixedPoint.Scale / d.Open);
            var ticker = new
            {
                symbol = s.Name,
                priceChange = FixedPoint.Format(change),
                priceChangePercent = FixedPoint.Format(percent),
                weightedAvgPrice = FixedPoint.Format(MarketStatistics.WeightedAverage(d.QuoteVolume, d.Volume)),
                lastPrice = FixedPoint.Format(d.Last),
                bidPrice = FixedPoint.Format(depth.BidPrices.FirstOrDefault()),
                bidQty = FixedPoint.Format(depth.BidQuantities.FirstOrDefault()),
                askPrice = FixedPoint.Format(depth.AskPrices.FirstOrDefault()),
                askQty = FixedPoint.Format(depth.AskQuantities.FirstOrDefault()),
                openPrice = FixedPoint.Format(d.Open),
                highPrice = FixedPoint.Format(d.High),
                lowPrice = FixedPoint.Format(d.Low),
                volume = FixedPoint.Format(d.Volume),
                quoteVolume = FixedPoint.Format(d.QuoteVolume),
                openTime = d.OpenTime,
                closeTime = d.CloseTime,
                count = d.Trades,
            };
            return s.Option is null ? ticker : OptionMarket.WithTerms(r, s, ticker);
        }
        return ValueTask.FromResult(OneOrAll(r, market, One));
    }

    internal static ValueTask<IResult> TickerPrice(JexRequest r, MarketType market) =>
        ValueTask.FromResult(OneOrAll(r, market, s => new { symbol = s.Name, price = FixedPoint.Format(r.Venue.Views.Depth(s).LastPrice) }));

    internal static ValueTask<IResult> BookTicker(JexRequest r, MarketType market) =>
        ValueTask.FromResult(OneOrAll(r, market, s =>
        {
            var d = r.Venue.Views.Depth(s);
            return new
            {
                symbol = s.Name,
                bidPrice = FixedPoint.Format(d.BidPrices.FirstOrDefault()),
                bidQty = FixedPoint.Format(d.BidQuantities.FirstOrDefault()),
                askPrice = FixedPoint.Format(d.AskPrices.FirstOrDefault()),
                askQty = FixedPoint.Format(d.AskQuantities.FirstOrDefault()),
            };
        }));

    /// <summary>With a symbol, one object; without, an array over every symbol of the market.</summary>
    private static IResult OneOrAll<T>(JexRequest r, MarketType market, Func<SymbolSpec, T> one) =>
        r.SymbolOrNull is { } symbol
            ? JexResults.Ok(one(symbol))
            : JexResults.Ok(r.Venue.SymbolsOf(market).Select(one).ToArray());
}
