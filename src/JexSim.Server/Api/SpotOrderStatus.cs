using JexSim.Engine;

namespace JexSim.Server.Api;

/// <summary>
/// The one place an engine order status becomes JEX's spot status (REST results, queries, lists and execSpotReport).
/// JEX lists EXPIRED as "currently unused" and its stream's X values are NEW, PARTIALLY_FILLED, FILLED, CANCELED, FAIL
/// and CANCLEFILLED ("撤单完成"), so an order that ends without filling completely ends CANCELED when nothing of it
/// filled, and CANCLEFILLED when part of it did: an IOC, FOK or MARKET remainder as well as a cancel after a partial fill.
/// </summary>
public static class SpotOrderStatus
{
    public const string CancelFilled = "CANCLEFILLED"; // sic: JEX's spelling

    public static string Of(OrderStatus status, long filled) => status switch
    {
        OrderStatus.New => "NEW",
        OrderStatus.PartiallyFilled => "PARTIALLY_FILLED",
        OrderStatus.Filled => "FILLED",
        OrderStatus.Canceled or OrderStatus.Expired => filled > 0 ? CancelFilled : "CANCELED",
        _ => "FAIL",
    };
}
