namespace JexSim.Engine;

public static class EnumNames
{
    public static string ToApi(this Side side) => side == Side.Buy ? "BUY" : "SELL";

    public static string ToApi(this OrderType type) => type == OrderType.Limit ? "LIMIT" : "MARKET";

    public static string ToApi(this TimeInForce tif) => tif switch { TimeInForce.Ioc => "IOC", TimeInForce.Fok => "FOK", _ => "GTC" };

    public static bool IsOpen(this OrderStatus status) => status is OrderStatus.New or OrderStatus.PartiallyFilled;
}
