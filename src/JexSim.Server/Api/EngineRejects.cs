using JexSim.Engine.Markets;
using JexSim.Engine.Matching;

namespace JexSim.Server.Api;

/// <summary>How the engine's reasons for refusing a command read at the API (errors_CN.md's -1010 messages and -9xxx filters).</summary>
public static class EngineRejects
{
    public static JexError ToError(RejectReason reason, OrderLimits limits) => reason switch
    {
        RejectReason.InsufficientBalance => JexErrors.OrderRejected("Account has insufficient balance for requested action."),
        RejectReason.PriceFilter => JexErrors.FilterFailure("PRICE_FILTER"),
        RejectReason.LotSize => JexErrors.FilterFailure("LOT_SIZE"),
        RejectReason.MinNotional => JexErrors.FilterFailure("MIN_NOTIONAL"),
        RejectReason.MaxOpenOrders => JexErrors.MaxOrders(limits.MaxOpenOrdersPerSymbol),
        RejectReason.MarketClosed => JexErrors.OrderRejected("Market is closed."),
        RejectReason.MarketOrdersNotSupported => JexErrors.OrderRejected("Market orders are not supported for this symbol."),
        RejectReason.AccountDisabled => JexErrors.OrderRejected("This action disabled is on this account."),
        RejectReason.NotionalTooLarge => JexErrors.OrderRejected("Price * QTY is too large."),
        RejectReason.UnknownSymbol => JexErrors.InvalidSymbol,
        RejectReason.UnknownOrder => JexErrors.CancelRejected(),
        RejectReason.UnknownAccount => JexErrors.InvalidApiKey,
        RejectReason.OptionExpired => JexErrors.OptionExpired,
        RejectReason.OptionNotReleasable => JexErrors.OptionNotExist("this option cannot be released (canRelease false)."),
        RejectReason.InsufficientCollateral => JexErrors.AssetNotEnough("the free margin or base asset does not cover the collateral."),
        RejectReason.NothingReleased => JexErrors.NoReleaseOption,
        RejectReason.RedeemExceedsReleased => JexErrors.BackExceedsRelease,
        _ => JexErrors.OrderRejected($"Order rejected: {reason}."),
    };
}
