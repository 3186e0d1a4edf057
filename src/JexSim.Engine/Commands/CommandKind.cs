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
}
