using JexSim.Engine.Output;

namespace JexSim.Engine.Commands;

public readonly record struct CancelResult(RejectReason Reject, OrderState Order)
{
    public bool Accepted => Reject == RejectReason.None;
}
