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
    /// <summary>Options: at or past the exertion time, or settled (trading, issue and redemption all stop).</summary>
    OptionExpired,
    /// <summary>Options: the option has no release terms (canRelease false).</summary>
    OptionNotReleasable,
    /// <summary>Options: the writer's free margin or base asset does not cover the collateral.</summary>
    InsufficientCollateral,
    /// <summary>Options: redeeming with nothing issued (outstanding) on this option.</summary>
    NothingReleased,
    /// <summary>Options: redeeming more than the account issued and has outstanding.</summary>
    RedeemExceedsReleased,
    // ---- contract market
    /// <summary>The contract balance cannot pay the order margin (-7008).</summary>
    InsufficientMargin,
    /// <summary>Leverage above the contract's maximum (-7017).</summary>
    LeverageTooLarge,
    /// <summary>Leverage below 1 (-7018).</summary>
    LeverageTooSmall,
    /// <summary>The position's margin would not cover the new leverage (-7002).</summary>
    LeverageNotCovered,
    /// <summary>No open position to close or to move margin of (-7020).</summary>
    PositionNotExists,
    /// <summary>Taking margin out would leave less than the position requires (-7001).</summary>
    MarginBelowRequired,
    /// <summary>A close at market found nothing to fill against (-7019).</summary>
    NoLiquidity,
    /// <summary>The account's position is at or beyond its liquidation price ("position is being liquidated", -7004).</summary>
    PositionLiquidating,
    /// <summary>The position's value would exceed the contract's risk limit ("reach risk limit", -7006).</summary>
    RiskLimitReached,
    /// <summary>The funding of this time was applied already (a restart or a repeated schedule): nothing changes.</summary>
    FundingNotDue,
    /// <summary>A stop or take-profit order whose trigger is on the wrong side of the current price, equal to it, or
    /// whose side does not close the position.</summary>
    TriggerDirection,
    /// <summary>A stop order whose trigger is at or beyond the position's liquidation price ("reach liquidation price").</summary>
    ReachLiquidationPrice,
    /// <summary>Ten stop and take-profit orders wait already in this contract ("has reach max order number 10").</summary>
    MaxTriggerOrders,
    /// <summary>A triggered stop or take-profit order found no position to close ("closing empty position").</summary>
    ClosingEmptyPosition,
}
