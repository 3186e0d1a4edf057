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
    // ---- contract market (Markets/Contract)
    /// <summary>Sets the leverage of an account's position in a contract.</summary>
    SetLeverage,
    /// <summary>Moves margin between the spot balance and a position (+ in, - out).</summary>
    TransferMargin,
    /// <summary>Closes the whole position at market (an IOC market order of its size on the other side).</summary>
    ClosePosition,
    /// <summary>Sets a contract's index price (0: its index symbol's book mid); the mark follows, then liquidations.</summary>
    SetIndexPrice,
    /// <summary>Credits an account's contract balance, minting into the supply (fixture, admin).</summary>
    ContractDeposit,
    /// <summary>Credits a margin asset's protection fund, minting into the supply (fixture).</summary>
    ProtectionFundDeposit,
    /// <summary>Applies a contract's funding due at the command's time (the venue's scheduler sends it every interval).</summary>
    ApplyFunding,
    /// <summary>Places a contract stop or take-profit order: a limit order that waits for its trigger price.</summary>
    PlaceTriggerOrder,
}
