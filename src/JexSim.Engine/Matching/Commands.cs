namespace JexSim.Engine.Matching;

/// <summary>A request to place an order, already parsed into scaled integers.</summary>
public readonly record struct NewOrder(
    long AccountId, int SymbolId, Side Side, OrderType Type, TimeInForce TimeInForce, long Price, long Quantity);

/// <summary>Why the engine refused a command. The API edge maps each to a JEX code and message.</summary>
public enum RejectReason : byte
{
    None = 0,
    UnknownSymbol,
    UnknownAccount,
    AccountDisabled,
    MarketClosed,
    MarketOrdersNotSupported,
    PriceFilter,
    LotSize,
    MinNotional,
    NotionalTooLarge,
    MaxOpenOrders,
    InsufficientBalance,
    UnknownOrder,
    InvalidAmount,
}

public readonly record struct PlaceResult(RejectReason Reject, Books.OrderState Order)
{
    public bool Accepted => Reject == RejectReason.None;
}

public readonly record struct CancelResult(RejectReason Reject, Books.OrderState Order)
{
    public bool Accepted => Reject == RejectReason.None;
}
