namespace JexSim.Engine;

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
    /// <summary>A contract stop or take-profit order waiting for its trigger price (not in the book yet).</summary>
    Untriggered = 6,
}
