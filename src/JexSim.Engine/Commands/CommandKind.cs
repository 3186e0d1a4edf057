namespace JexSim.Engine.Commands;

/// <summary>
/// The closed set of engine state changes. Market-specific ones join here as their markets come
/// (SetLeverage, TransferMargin, ApplyFunding, Exercise), each with one case in <see cref="Matching.ExchangeCore.Apply"/>.
/// </summary>
public enum CommandKind : byte
{
    PlaceOrder = 1,
    /// <summary>Checks an order as <see cref="PlaceOrder"/> would, changing nothing (order/test).</summary>
    TestOrder,
    CancelOrder,
    CreateAccount,
    AdjustBalance,
    SetAccountDisabled,
    /// <summary>Options: a writer issues tokens against collateral (option/release).</summary>
    IssueOption,
    /// <summary>Options: a writer burns tokens and gets collateral back pro rata (option/back).</summary>
    RedeemOption,
    /// <summary>Options: settle at the exertion time at a settlement price (the venue's scheduler sends it).</summary>
    ExpireOption,
}
