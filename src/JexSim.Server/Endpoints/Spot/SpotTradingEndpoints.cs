using System.Globalization;
using JexSim.Engine;
using JexSim.Engine.Books;
using JexSim.Engine.Markets;
using JexSim.Engine.Matching;
using JexSim.Persistence;
using JexSim.Server.Api;
using JexSim.Server.Api.Catalogue;

namespace JexSim.Server.Endpoints.Spot;

/// <summary>
/// Placing, testing, querying and cancelling orders of the book markets (TRADE and USER_DATA, signed): spot, and options
/// under /api/v1/option (LIMIT only, as the spec lists). One set of handlers; <see cref="For"/> declares them per market.
/// </summary>
public static class SpotTradingEndpoints
{
    private static IReadOnlyList<ParamSpec> OrderParameters(MarketType market) => market == MarketType.Spot
        ? [
            Params.Symbol(market), Params.Side(), Params.OrderType("LIMIT", "MARKET"), Params.TimeInForce(),
            Params.Quantity(), Params.Price(false, "Mandatory for LIMIT; ignored for MARKET."), Params.NewOrderRespType(),
        ]
        : [Params.Symbol(market), Params.Side(), Params.OrderType("LIMIT"), Params.Quantity(), Params.Price(true), Params.NewOrderRespType()];

    private static IReadOnlyList<ParamRule> OrderRules =>
    [
        ParamRule.Requires("type", "LIMIT", "price"),
        ParamRule.Forbids("type", "MARKET", "timeInForce"),
    ];

    private static IReadOnlyList<ParamSpec> OrderListParameters(MarketType market) =>
    [
        Params.Symbol(market),
        Params.Long("orderId", false, "Only orders after this orderId."),
        Params.Long("startTime", false), Params.Long("endTime", false), Params.Limit(500, 500),
    ];

    /// <summary>orderId pages by id, startTime/endTime by time: one or the other (-1128), as Binance's trade lists.</summary>
    private static readonly ParamRule IdOrTime = ParamRule.Exclusive("orderId", "startTime", "endTime");

    /// <summary>Binance limits an all-orders time range to 24 hours (-1127 beyond it).</summary>
    public static readonly TimeSpan MaxHistoryRange = TimeSpan.FromHours(24);

    public static IEnumerable<JexEndpoint> All => For(MarketType.Spot, "/api/v1/spot");

    /// <summary>The trading endpoints of <paramref name="market"/> under <paramref name="prefix"/>.</summary>
    public static IEnumerable<JexEndpoint> For(MarketType market, string prefix) =>
    [
        new("POST", $"{prefix}/order", SecurityType.Trade, 1, OrderParameters(market), $"Place {Name(market)} order.", r => Place(r, test: false))
            { PlacesOrder = true, Rules = market == MarketType.Spot ? OrderRules : [] },
        new("POST", $"{prefix}/order/test", SecurityType.Trade, 1, OrderParameters(market), $"Validate {Name(market)} order without placing it.", r => Place(r, test: true))
            { Rules = market == MarketType.Spot ? OrderRules : [] },
        new("GET", $"{prefix}/order", SecurityType.UserData, 1, [Params.Symbol(market), Params.Long("orderId", true)], "Order status.", Query),
        new("DELETE", $"{prefix}/order", SecurityType.Trade, 1, [Params.Symbol(market), Params.Long("orderId", true)], "Cancel an order.", Cancel),
        new("GET", $"{prefix}/openOrders", SecurityType.UserData, 5, OrderListParameters(market), "Open orders of a symbol.",
            r => List(r, (store, account, symbol, q) => store.OpenOrders(account, symbol, q))) { Rules = [IdOrTime, ParamRule.TimeRange()] },
        new("GET", $"{prefix}/historyOrders", SecurityType.UserData, 5, OrderListParameters(market), "All orders of a symbol, open and closed.",
            r => List(r, (store, account, symbol, q) => store.HistoryOrders(account, symbol, q)))
            { Rules = [IdOrTime, ParamRule.TimeRange(maxSpan: MaxHistoryRange)] },
    ];

    private static string Name(MarketType market) => market == MarketType.Option ? "an option" : "a spot";

    private static async ValueTask<IResult> Place(JexRequest r, bool test)
    {
        var type = r.String("type") == "MARKET" ? OrderType.Market : OrderType.Limit;
        var tif = r.String("timeInForce") switch { "IOC" => TimeInForce.Ioc, "FOK" => TimeInForce.Fok, _ => TimeInForce.Gtc };
        var order = new PlaceOrder(r.AccountId, r.Symbol.Id, r.String("side") == "BUY" ? Side.Buy : Side.Sell, type, tif,
            type == OrderType.Limit ? r.Scaled("price")!.Value : 0, r.Scaled("quantity")!.Value);
        var limits = r.Venue.Limits;
        if (test)
        {
            var reject = (await r.Venue.ValidateOrderAsync(order).ConfigureAwait(false)).Reject;
            return reject == RejectReason.None ? JexResults.Empty() : throw new JexException(EngineRejects.ToError(reject, limits));
        }

        var result = await r.Venue.PlaceOrderAsync(order).ConfigureAwait(false);
        if (!result.Accepted) throw new JexException(EngineRejects.ToError(result.Reject, limits));
        var o = result.Order;
        if (r.String("newOrderRespType") == "RESULT") return JexResults.Ok(Outcome(r.Symbol.Name, o, o.Time));
        return JexResults.Ok(new { symbol = r.Symbol.Name, orderId = o.Id, transactTime = o.Time });
    }

    private static ValueTask<IResult> Query(JexRequest r)
    {
        var order = r.Venue.StoreReader.Order(r.AccountId, r.Symbol.StoreKey, r.Long("orderId")) ?? throw new JexException(JexErrors.OrderDoesNotExist);
        return ValueTask.FromResult(JexResults.Ok(Describe(order)));
    }

    private static async ValueTask<IResult> Cancel(JexRequest r)
    {
        var result = await r.Venue.CancelOrderAsync(r.AccountId, r.Symbol.Id, r.Long("orderId")).ConfigureAwait(false);
        if (!result.Accepted) throw new JexException(EngineRejects.ToError(result.Reject, r.Venue.Limits));
        return JexResults.Ok(Outcome(r.Symbol.Name, result.Order, result.Order.UpdateTime));
    }

    /// <summary>The answer of a placement (RESULT) or a cancel: the order as the command left it, with a numeric orderId.</summary>
    private static object Outcome(string symbol, OrderState o, long transactTime) => new
    {
        symbol, orderId = o.Id, transactTime,
        price = FixedPoint.Format(o.Price), origQty = FixedPoint.Format(o.Quantity), executedQty = FixedPoint.Format(o.Filled),
        cummulativeQuoteQty = FixedPoint.Format(o.CumulativeQuote), status = SpotOrderStatus.Of(o.Status, o.Filled),
        timeInForce = o.TimeInForce.ToApi(), type = o.Type.ToApi(), side = o.Side.ToApi(),
    };

    private static ValueTask<IResult> List(JexRequest r, Func<IStoreReader, long, string, OrderQuery, IReadOnlyList<OrderRecord>> query)
    {
        var q = new OrderQuery(r.OptionalLong("orderId"), r.OptionalLong("startTime"), r.OptionalLong("endTime"), r.Int("limit"));
        var orders = query(r.Venue.StoreReader, r.AccountId, r.Symbol.StoreKey, q);
        return ValueTask.FromResult(JexResults.Ok(orders.Select(Describe)));
    }

    private static object Describe(OrderRecord o) => new
    {
        symbol = o.Symbol,
        orderId = o.Id.ToString(CultureInfo.InvariantCulture),
        price = FixedPoint.Format(o.Price),
        origQty = FixedPoint.Format(o.Quantity),
        executedQty = FixedPoint.Format(o.Filled),
        cummulativeQuoteQty = FixedPoint.Format(o.CumulativeQuote),
        status = SpotOrderStatus.Of(o.Status, o.Filled),
        timeInForce = o.TimeInForce.ToApi(),
        type = o.Type.ToApi(),
        side = o.Side.ToApi(),
        time = o.Time,
        updateTime = o.UpdateTime,
        working = true,
    };
}
