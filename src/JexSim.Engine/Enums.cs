namespace JexSim.Engine;

public enum Side : byte { Buy = 0, Sell = 1 }

public enum OrderType : byte { Limit = 0, Market = 1 }

public enum TimeInForce : byte { Gtc = 0, Ioc = 1, Fok = 2 }

/// <summary>Spot and option order status, as the JEX spec names them.</summary>
public enum OrderStatus : byte
{
    New = 0,
    PartiallyFilled = 1,
    Filled = 2,
    Canceled = 3,
    /// <summary>An IOC, FOK or MARKET remainder that could not fill (Binance's choice; JEX lists EXPIRED too).</summary>
    Expired = 4,
    Rejected = 5,
}

public enum MarketType : byte { Spot = 0, Option = 1, Contract = 2 }

public static class EnumNames
{
    public static string ToApi(this Side side) => side == Side.Buy ? "BUY" : "SELL";

    public static string ToApi(this OrderType type) => type == OrderType.Limit ? "LIMIT" : "MARKET";

    public static string ToApi(this TimeInForce tif) => tif switch { TimeInForce.Ioc => "IOC", TimeInForce.Fok => "FOK", _ => "GTC" };

    public static string ToApi(this OrderStatus status) => status switch
    {
        OrderStatus.New => "NEW",
        OrderStatus.PartiallyFilled => "PARTIALLY_FILLED",
        OrderStatus.Filled => "FILLED",
        OrderStatus.Canceled => "CANCELED",
        OrderStatus.Expired => "EXPIRED",
        _ => "REJECTED",
    };

    public static bool IsOpen(this OrderStatus status) => status is OrderStatus.New or OrderStatus.PartiallyFilled;
}
