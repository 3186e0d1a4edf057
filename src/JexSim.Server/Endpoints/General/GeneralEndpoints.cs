using JexSim.Engine;
using JexSim.Engine.Markets;
using JexSim.Server.Api;
using JexSim.Server.Api.Catalogue;
using JexSim.Server.RateLimiting;
using JexSim.Server.Venue;

namespace JexSim.Server.Endpoints.General;

/// <summary>Connectivity, server time and the trading rules of every market.</summary>
public static class GeneralEndpoints
{
    public static IEnumerable<JexEndpoint> All =>
    [
        new("GET", "/api/v1/ping", SecurityType.None, 1, [], "Test connectivity.", _ => ValueTask.FromResult(JexResults.Empty())),
        new("GET", "/api/v1/time", SecurityType.None, 1, [], "Current server time.",
            r => ValueTask.FromResult(JexResults.Ok(new { serverTime = r.Venue.Now }))),
        new("GET", "/api/v1/exchangeInfo", SecurityType.None, 1, [], "Rate limits and the trading rules of every symbol.", ExchangeInfo),
        new("GET", "/api/v1/optionInfo", SecurityType.None, 1, [], "Option terms: type, expiry, whether and how they can be issued.", Endpoints.Option.OptionMarket.Info),
    ];

    private static ValueTask<IResult> ExchangeInfo(JexRequest r)
    {
        var limits = r.Http.RequestServices.GetRequiredService<JexRateLimiter>().Limits;
        var info = new
        {
            timezone = "UTC",
            serverTime = r.Venue.Now,
            rateLimits = limits.Describe(),
            optionSymbols = r.Venue.SymbolsOf(MarketType.Option).Select(Describe).ToArray(),
            contractSymbols = r.Venue.SymbolsOf(MarketType.Contract).Select(Describe).ToArray(),
            spotSymbols = r.Venue.SymbolsOf(MarketType.Spot).Select(Describe).ToArray(),
        };
        return ValueTask.FromResult(JexResults.Ok(info));
    }

    public static object Describe(SymbolSpec s) => new
    {
        symbol = s.Name,
        status = s.Trading ? "TRADING" : "HALT",
        baseAsset = s.Base.Name,
        baseAssetPrecision = s.QuantityPrecision,
        quoteAsset = s.Quote.Name,
        quotePrecision = s.PricePrecision,
        orderTypes = s.MarketOrdersAllowed ? new[] { "LIMIT", "MARKET" } : ["LIMIT"],
        icebergAllowed = false,
        filters = new object[]
        {
            new { filterType = "PRICE_FILTER", minPrice = FixedPoint.Format(s.MinPrice), maxPrice = FixedPoint.Format(s.MaxPrice), tickSize = FixedPoint.Format(s.TickSize) },
            new { filterType = "LOT_SIZE", minQty = FixedPoint.Format(s.MinQty), maxQty = FixedPoint.Format(s.MaxQty), stepSize = FixedPoint.Format(s.StepSize) },
            new { filterType = "MIN_NOTIONAL", minNotional = FixedPoint.Format(s.MinNotional) },
        },
        makerFee = FixedPoint.Format(s.MakerFeeRate),
        takerFee = FixedPoint.Format(s.TakerFeeRate),
    };
}
