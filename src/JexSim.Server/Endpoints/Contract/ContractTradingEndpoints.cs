using JexSim.Engine;
using JexSim.Engine.Markets;
using JexSim.Engine.Markets.Contract;
using JexSim.Persistence;
using JexSim.Server.Api;
using JexSim.Server.Api.Catalogue;
using static JexSim.Server.Endpoints.Contract.ContractMarketDataEndpoints;

namespace JexSim.Server.Endpoints.Contract;

/// <summary>Placing, testing, querying and cancelling contract orders, one at a time and in batches, and closing a
/// position at market.</summary>
public static class ContractTradingEndpoints
{
    private const MarketType Market = MarketType.Contract;
    private const string Prefix = "/api/v1/contract";

    public static readonly string[] OrderTypes = ["LIMIT", "stopLimit", "profitLimit"];
    public static readonly string[] TriggerTypes = ["lastPrice", "markPrice", "indexPrice"];

    private static IReadOnlyList<ParamSpec> OrderParameters =>
    [
        Params.Symbol(Market), Params.Side(), Params.OrderType(OrderTypes), Params.Quantity(), Params.Price(true),
        new("triggerType", ParamKind.Enum, false) { Allowed = TriggerTypes, Description = "Mandatory for stopLimit and profitLimit." },
        new("triggerPrice", ParamKind.Decimal, false) { Scale = ScaleRule.PricePrecision, Description = "Mandatory for stopLimit and profitLimit." },
        Params.NewOrderRespType(),
    ];

    private static IReadOnlyList<ParamRule> OrderRules =>
    [
        ParamRule.Requires("type", "stopLimit", "triggerType"), ParamRule.Requires("type", "stopLimit", "triggerPrice"),
        ParamRule.Requires("type", "profitLimit", "triggerType"), ParamRule.Requires("type", "profitLimit", "triggerPrice"),
        ParamRule.Forbids("type", "LIMIT", "triggerType"), ParamRule.Forbids("type", "LIMIT", "triggerPrice"),
    ];

    private static IReadOnlyList<ParamSpec> OrderListParameters =>
    [
        Params.Symbol(Market),
        Params.Long("orderId", false, "Only orders after this orderId."),
        Params.Long("startTime", false), Params.Long("endTime", false), Params.Limit(500, 500),
    ];

    /// <summary>orderId pages by id, startTime/endTime by time: one or the other (-1128), as the spot lists.</summary>
    private static readonly ParamRule IdOrTime = ParamRule.Exclusive("orderId", "startTime", "endTime");

    private static ParamSpec OrdersJson => new(OrdersJsonArray.Name, ParamKind.String, true)
    {
        MaxLength = 16_384,
        Description = "URL-encoded JSON array of {\"symbol\",\"orderId\"}; at most 10 (DELETE) or 100 (GET).",
    };

    public static IEnumerable<JexEndpoint> All =>
    [
        new("POST", $"{Prefix}/order", SecurityType.Trade, 1, OrderParameters, "Place a contract order (sells are negative in answers).",
            r => Place(r, test: false)) { PlacesOrder = true, Rules = OrderRules },
        new("POST", $"{Prefix}/order/test", SecurityType.Trade, 1, OrderParameters, "Validate a contract order without placing it.",
            r => Place(r, test: true)) { Rules = OrderRules },
        new("GET", $"{Prefix}/order", SecurityType.UserData, 1, [Params.Symbol(Market), Params.Long("orderId", true)], "Contract order status.", Query),
        new("DELETE", $"{Prefix}/order", SecurityType.Trade, 1, [Params.Symbol(Market), Params.Long("orderId", true)], "Cancel a contract order.", Cancel),
        new("GET", $"{Prefix}/openOrders", SecurityType.UserData, 5, OrderListParameters, "Open contract orders of a symbol.",
            r => List(r, (m, a, s, q) => m.OpenOrders(a, s, q), ContractJson.OpenOrder)) { Rules = [IdOrTime, ParamRule.TimeRange()] },
        new("GET", $"{Prefix}/historyOrders", SecurityType.UserData, 5, OrderListParameters, "All contract orders of a symbol, open and closed.",
            r => List(r, (m, a, s, q) => m.HistoryOrders(a, s, q), ContractJson.OrderDetail))
            { Rules = [IdOrTime, ParamRule.TimeRange(maxSpan: Spot.SpotTradingEndpoints.MaxHistoryRange)] },
        new("POST", $"{Prefix}/liquidation", SecurityType.Trade, 1, [Params.Symbol(Market)], "Close the whole position at market.", ClosePosition)
            { PlacesOrder = true },
        new("GET", $"{Prefix}/liquidationOrder", SecurityType.MarketData, 5, OrderListParameters, "The account's closing and liquidation orders.",
            r => List(r, (m, a, s, q) => m.LiquidationOrders(a, s, q), ContractJson.OrderDetail)) { Rules = [IdOrTime, ParamRule.TimeRange()] },
        new("DELETE", $"{Prefix}/batchOrder", SecurityType.Trade, 1, [OrdersJson], "Cancel up to 10 contract orders; each answer is the order or its error.",
            CancelBatch),
        new("GET", $"{Prefix}/batchOrder", SecurityType.UserData, 1, [OrdersJson], "Query up to 100 contract orders; each answer is the order or its error.",
            QueryBatch),
    ];

    private static async ValueTask<IResult> Place(JexRequest r, bool test)
    {
        var type = r.String("type") switch
        {
            "stopLimit" => ContractOrderType.StopLimit,
            "profitLimit" => ContractOrderType.ProfitLimit,
            _ => ContractOrderType.Limit,
        };
        var request = new ContractOrderRequest(r.AccountId, r.Symbol, r.String("side") == "BUY" ? Side.Buy : Side.Sell, type,
            r.Scaled("price")!.Value, r.Scaled("quantity")!.Value, r.String("triggerType"), r.Scaled("triggerPrice") ?? 0, test);
        var order = (await ContractMarket(r).PlaceAsync(request).ConfigureAwait(false)).Unwrap();
        if (test) return JexResults.Empty();
        return JexResults.Ok(r.String("newOrderRespType") == "RESULT" ? ContractJson.OrderOutcome(order) : ContractJson.OrderAck(order));
    }

    private static ValueTask<IResult> Query(JexRequest r)
    {
        var order = (ContractOrderId.TryToEngine(r.Long("orderId"), out long id) ? ContractMarket(r).Order(r.AccountId, r.Symbol.Name, id) : null)
            ?? throw new JexException(JexErrors.OrderDoesNotExist);
        return ValueTask.FromResult(JexResults.Ok(ContractJson.OrderDetail(order)));
    }

    private static async ValueTask<IResult> Cancel(JexRequest r)
    {
        if (!ContractOrderId.TryToEngine(r.Long("orderId"), out long id)) throw new JexException(JexErrors.CancelRejected());
        var order = (await ContractMarket(r).CancelAsync(r.AccountId, r.Symbol, id).ConfigureAwait(false)).Unwrap();
        return JexResults.Ok(ContractJson.OrderOutcome(order));
    }

    private static async ValueTask<IResult> ClosePosition(JexRequest r)
    {
        var order = (await ContractMarket(r).ClosePositionAsync(r.AccountId, r.Symbol).ConfigureAwait(false)).Unwrap();
        return JexResults.Ok(ContractJson.Liquidation(order));
    }

    private static ValueTask<IResult> List(JexRequest r, Func<IContractMarket, long, string, OrderQuery, IReadOnlyList<ContractOrderView>> query,
        Func<ContractOrderView, object> shape)
    {
        long? after = r.OptionalLong("orderId") is { } apiId ? (ContractOrderId.TryToEngine(apiId, out long id) ? id : 0) : null;
        var q = new OrderQuery(after, r.OptionalLong("startTime"), r.OptionalLong("endTime"), r.Int("limit"));
        return ValueTask.FromResult(JexResults.Ok(query(ContractMarket(r), r.AccountId, r.Symbol.Name, q).Select(shape).ToArray()));
    }

    private static async ValueTask<IResult> CancelBatch(JexRequest r)
    {
        var limiter = r.Http.RequestServices.GetRequiredService<RateLimiting.JexRateLimiter>();
        if (limiter.AdmitOncePerSecond($"DELETE {Prefix}/batchOrder", r.AccountId, out _) is { } tooSoon) throw new JexException(tooSoon);
        var refs = OrdersJsonArray.Parse(r.String(OrdersJsonArray.Name)!, OrdersJsonArray.MaxCancel);
        var market = ContractMarket(r);
        var answers = new object[refs.Count];
        for (int i = 0; i < refs.Count; i++)
        {
            var order = Resolve(r, market, refs[i]);
            if (order is null) { answers[i] = ContractJson.BatchError(JexErrors.OrderDoesNotExist); continue; }
            var outcome = await market.CancelAsync(r.AccountId, r.Venue.FindSymbol(order.Symbol, Market)!, order.Id).ConfigureAwait(false);
            answers[i] = outcome.Error is { } error ? ContractJson.BatchError(error) : ContractJson.BatchOrder(outcome.Value!);
        }
        return JexResults.Ok(answers);
    }

    private static ValueTask<IResult> QueryBatch(JexRequest r)
    {
        var refs = OrdersJsonArray.Parse(r.String(OrdersJsonArray.Name)!, OrdersJsonArray.MaxQuery);
        var market = ContractMarket(r);
        var answers = refs.Select(x => Resolve(r, market, x) is { } order ? ContractJson.BatchOrder(order) : ContractJson.BatchError(JexErrors.OrderDoesNotExist));
        return ValueTask.FromResult(JexResults.Ok(answers.ToArray()));
    }

    /// <summary>The account's order an element names, or null (-2013): no usable id, an id no contract order has, a
    /// symbol that is not a contract, or an order of another symbol or account.</summary>
    private static ContractOrderView? Resolve(JexRequest r, IContractMarket market, BatchOrderRef x)
    {
        if (x.OrderId is not { } apiId || !ContractOrderId.TryToEngine(apiId, out long id)) return null;
        string? symbol = null;
        if (x.Symbol is { } name)
        {
            if (r.Venue.FindSymbol(name, Market) is not { } spec) return null;
            symbol = spec.Name;
        }
        return market.Order(r.AccountId, symbol, id);
    }
}
