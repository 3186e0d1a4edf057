using JexSim.Engine.Markets.Contract;
using JexSim.Server.Api;

namespace JexSim.Server.Endpoints.Contract;

/// <summary>The contract market's errors (errors_CN.md -7xxx), and how the ledger's refusals read at the API.</summary>
public static class ContractErrors
{
    public static JexError TransferMargin(string detail) => new(-7001, $"Transfer margin error. {detail}");
    public static JexError SetLeverage(string detail) => new(-7002, $"Set leverage error. {detail}");
    public static readonly JexError AssetNotEnough = new(-7007, "asset not enough");
    public static readonly JexError MarginNotEnough = new(-7008, "margin not enough");
    public static JexError LeverageTooLarge(int max) => new(-7017, $"Contract leverage too large,must smaller than {max}");
    public static readonly JexError LeverageTooSmall = new(-7018, "Contract leverage too small,must larger than 1");
    public static readonly JexError LiquidationFail = new(-7019, "Liquidation fail");
    public static readonly JexError PositionNotExists = new(-7020, "Contract position not exists");

    /// <summary>An order in a contract whose position is at or beyond its liquidation price (execContractReport r "position is being liquidated").</summary>
    public static readonly JexError PositionLiquidating = new(-7004, "Please try it later. position is being liquidated");
    /// <summary>An order that would take the position beyond the contract's risk limit (r "reach risk limit").</summary>
    public static readonly JexError RiskLimit = new(-7006, "Over risk. reach risk limit");

    /// <summary>A stop or take-profit order whose trigger is on the wrong side of the current price, equal to it, or whose side does not close the position.</summary>
    public static readonly JexError TriggerDirection = new(-7004, "Please try it later. The trigger price must be beyond the current price (last, mark or index, as triggerType says): above it for a long's take-profit and a short's stop, below it for a long's stop and a short's take-profit, on the side that closes the position.");
    /// <summary>A stop whose trigger is at or beyond the position's liquidation price (r "reach liquidation price").</summary>
    public static readonly JexError ReachLiquidationPrice = new(-7004, "Please try it later. reach liquidation price");

    /// <summary>execContractReport's r for an order refused for margin.</summary>
    public const string InsufficientAvailable = "insufficient Available";

    public static JexError ToError(ContractReject reject, ContractSpec spec) => reject switch
    {
        ContractReject.InsufficientMargin => MarginNotEnough,
        ContractReject.InsufficientBalance => AssetNotEnough,
        ContractReject.LeverageTooLarge => LeverageTooLarge(spec.MaxLeverage),
        ContractReject.LeverageTooSmall => LeverageTooSmall,
        ContractReject.LeverageNotCovered => SetLeverage("The position's margin does not cover its cost at this leverage; transfer margin first."),
        ContractReject.PositionNotExists => PositionNotExists,
        ContractReject.MarginBelowRequired => TransferMargin("The position's margin cannot go below its initial margin or its maintenance margin after unrealised PnL."),
        ContractReject.Overflow => JexErrors.OrderRejected("Price * QTY is too large."),
        ContractReject.RiskLimit => RiskLimit,
        ContractReject.UnknownContract => JexErrors.InvalidSymbol,
        _ => JexErrors.IllegalCharactersInParameter,
    };
}
