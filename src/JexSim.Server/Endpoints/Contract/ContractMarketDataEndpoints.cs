using JexSim.Engine;
using JexSim.Engine.Markets;
using JexSim.Persistence;
using JexSim.Server.Api;
using JexSim.Server.Api.Catalogue;
using JexSim.Server.Endpoints.Spot;

namespace JexSim.Server.Endpoints.Contract;

/// <summary>
/// Public market data of the contract market. Depth, trades, klines, average price and the tickers are the spot
/// market's views of the contract's own book and trades (same shapes as the spec's examples); indicesPrice,
/// contractInfo, historyRate and protectionFund come from <see cref="IContractMarket"/>.
/// </summary>
public static class ContractMarketDataEndpoints
{
    private const MarketType Market = MarketType.Contract;
    private const string Prefix = "/api/v1/contract";

    public static IEnumerable<JexEndpoint> All =>
    [
        new("GET", "/api/v1/contractInfo", SecurityType.None, 1, [], "Perpetual contracts: funding, mark price, turnover.", Info),
        new("GET", $"{Prefix}/depth", SecurityType.None, 1, [Params.Symbol(Market), Params.Limit(60, 60, 5, 10, 20, 50, 60)], "Contract order book depth.",
            SpotMarketDataEndpoints.Depth),
        new("GET", $"{Prefix}/trades", SecurityType.None, 1, [Params.Symbol(Market), Params.Limit(60, 60)], "Recent contract trades.",
            SpotMarketDataEndpoints.Trades),
        new("GET", $"{Prefix}/historicalTrades", SecurityType.MarketData, 5,
            [Params.Symbol(Market), Params.Limit(200, 500), Params.Long("fromId", false, "Trade id to fetch from; default gets the most recent trades.")],
            "Older contract trades (API key required).", SpotMarketDataEndpoints.HistoricalTrades),
        new("GET", $"{Prefix}/klines", SecurityType.None, 1,
            [Params.Symbol(Market), Params.Interval(), Params.Long("startTime", false), Params.Long("endTime", false), Params.Limit(500, 1000)],
            "Contract klines, built from the contract's trades.", SpotMarketDataEndpoints.Klines) { Rules = [ParamRule.TimeRange()] },
        new("GET", $"{Prefix}/avgPrice", SecurityType.None, 1, [Params.Symbol(Market)], "Average contract price of the last 5 minutes.",
            SpotMarketDataEndpoints.AveragePrice),
        new("GET", $"{Prefix}/ticker/24hr", SecurityType.None, new RequestWeight(1, 40), [Params.Symbol(Market, mandatory: false)],
            "24 hour rolling window statistics of contracts.", r => SpotMarketDataEndpoints.Ticker24h(r, MarketType.Contract)),
        new("GET", $"{Prefix}/ticker/price", SecurityType.None, new RequestWeight(1, 2), [Params.Symbol(Market, mandatory: false)],
            "Latest contract price.", r => SpotMarketDataEndpoints.TickerPrice(r, MarketType.Contract)),
        new("GET", $"{Prefix}/ticker/bookTicker", SecurityType.None, new RequestWeight(1, 2), [Params.Symbol(Market, mandatory: false)],
            "Best contract bid and ask.", r => SpotMarketDataEndpoints.BookTicker(r, MarketType.Contract)),
        new("GET", $"{Prefix}/ticker/indicesPrice", SecurityType.None, 1, [Params.Symbol(Market, mandatory: false)],
            "Last price, index price and mark price.", IndicesPrice),
        new("GET", $"{Prefix}/historyRate", SecurityType.None, 1,
            [Params.Symbol(Market), Params.Long("fromId", false, "Only fundings after this id."), Params.Limit(100, 100),
             Params.Long("startTime", false), Params.Long("endTime", false)],
            "Funding rate history of a contract.", FundingHistory) { Rules = [ParamRule.TimeRange()] },
        new("GET", $"{Prefix}/protectionFund", SecurityType.None, 1,
            [Params.Symbol(Market), Params.Long("start", false, "Only entries after this id."), PageSize,
             Params.Long("startTime", false), Params.Long("endTime", false)],
            "Protection fund history of a contract.", ProtectionFund) { Rules = [ParamRule.TimeRange()] },
    ];

    /// <summary>protectionFund pages with "size" where the other lists say "limit".</summary>
    private static ParamSpec PageSize => new("size", ParamKind.Int, false) { Default = 100, Min = 1, Max = 100, Description = "Default 100; max 100." };

    internal static IContractMarket ContractMarket(JexRequest r) => r.Http.RequestServices.GetRequiredService<IContractMarket>();

    private static ValueTask<IResult> Info(JexRequest r) =>
        ValueTask.FromResult(JexResults.Ok(ContractMarket(r).Info().Select(ContractJson.ContractInfo).ToArray()));

    private static ValueTask<IResult> IndicesPrice(JexRequest r)
    {
        var market = ContractMarket(r);
        return ValueTask.FromResult(r.SymbolOrNull is { } symbol
            ? JexResults.Ok(ContractJson.Indices(market.Indices(symbol)))
            : JexResults.Ok(r.Venue.SymbolsOf(Market).Select(s => ContractJson.Indices(market.Indices(s))).ToArray()));
    }

    private static ValueTask<IResult> FundingHistory(JexRequest r)
    {
        var q = new OrderQuery(r.OptionalLong("fromId"), r.OptionalLong("startTime"), r.OptionalLong("endTime"), r.Int("limit"));
        return ValueTask.FromResult(JexResults.Ok(ContractMarket(r).FundingHistory(r.Symbol.Name, q).Select(ContractJson.FundingRate).ToArray()));
    }

    private static ValueTask<IResult> ProtectionFund(JexRequest r)
    {
        var q = new OrderQuery(r.OptionalLong("start"), r.OptionalLong("startTime"), r.OptionalLong("endTime"), r.Int("size"));
        return ValueTask.FromResult(JexResults.Ok(ContractMarket(r).ProtectionFund(r.Symbol.Name, q).Select(ContractJson.ProtectionFund).ToArray()));
    }
}
