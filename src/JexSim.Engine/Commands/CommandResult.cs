using JexSim.Engine.Output;

namespace JexSim.Engine.Commands;

/// <summary>The engine's answer to one command: refused (with why) or applied; an order command carries the order's state.</summary>
public readonly record struct CommandResult(RejectReason Reject, OrderState Order = default, BalanceState Balance = default)
{
    public bool Accepted => Reject == RejectReason.None;
}
