using JexSim.Engine;
using JexSim.Engine.Markets.Contract;

namespace JexSim.Server.Endpoints.Contract;

/// <summary>
/// How the contract market's enums are written. The spec's examples use upper case in queries and lists
/// (GET order, historyOrders, liquidationOrder, openOrders) and lower case in command answers and the batch endpoints
/// (POST order RESULT, DELETE order, POST liquidation, batchOrder); each shape picks its case.
/// </summary>
public static class ContractVocabulary
{
    public static string Status(ContractOrderStatus status) => status switch
    {
        ContractOrderStatus.Entrusting => "ENTRUSTING",
        ContractOrderStatus.Entrusted => "ENTRUSTED",
        ContractOrderStatus.PartFilled => "PARTFILLED",
        ContractOrderStatus.Filled => "FILLED",
        ContractOrderStatus.Cancel => "CANCEL",
        _ => "FAIL",
    };

    public static string Type(ContractOrderType type) => type switch
    {
        ContractOrderType.Market => "MARKET",
        ContractOrderType.StopLimit => "STOPLIMIT",
        ContractOrderType.ProfitLimit => "PROFITLIMIT",
        ContractOrderType.Flat => "FLAT",
        _ => "LIMIT",
    };

    public static string Side(Side side) => side.ToApi();

    public static string Lower(string name) => name.ToLowerInvariant();

    /// <summary>The engine's order status in the contract vocabulary (an IOC/market remainder that expired is CANCEL).</summary>
    public static ContractOrderStatus FromEngine(OrderStatus status) => status switch
    {
        OrderStatus.Untriggered => ContractOrderStatus.Entrusting,
        OrderStatus.New => ContractOrderStatus.Entrusted,
        OrderStatus.PartiallyFilled => ContractOrderStatus.PartFilled,
        OrderStatus.Filled => ContractOrderStatus.Filled,
        OrderStatus.Canceled or OrderStatus.Expired => ContractOrderStatus.Cancel,
        _ => ContractOrderStatus.Fail,
    };

    public static string Bill(ContractBillType type) => type switch
    {
        ContractBillType.Transfer => "transfer",
        ContractBillType.Fee => "fee",
        ContractBillType.Funding => "funding",
        ContractBillType.ClosePosition => "closPosition",
        ContractBillType.Liquidation => "liquidation",
        ContractBillType.Adl => "adl",
        ContractBillType.AutoMargin => "autoMargin",
        _ => "positionSize",
    };

    /// <summary>
    /// execContractReport's r for a refused order or close: the spec's wording for the refusals its list names, null for
    /// refusals it does not list (filters, unknown symbol or account: the request's own error, with no stream event).
    /// </summary>
    public static string? RefusalReason(RejectReason reject) => reject switch
    {
        RejectReason.InsufficientMargin => "insufficient Available",
        RejectReason.MaxOpenOrders => "too many pending requests",
        RejectReason.MarketClosed => "contract is disabled",
        RejectReason.PositionNotExists => "closing empty position",
        _ => null,
    };

    /// <summary>"longs", "shorts", or "" for a flat position that still shows (it holds orders).</summary>
    public static string Direction(long quantity) => quantity > 0 ? "longs" : quantity < 0 ? "shorts" : "";

    /// <summary>The contract API's sign convention: "sells uniformly negative".</summary>
    public static long Signed(Side side, long quantity) => side == Engine.Side.Sell ? -quantity : quantity;
}
