namespace JexSim.Engine.Commands;

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
    /// <summary>The account already exists.</summary>
    DuplicateAccount,
    /// <summary>A deposit would take the asset's venue-wide supply beyond the fixed-point range.</summary>
    BalanceOverflow,
}
