using JexSim.Engine.Output;

namespace JexSim.Engine.Commands;

public readonly record struct PlaceResult(RejectReason Reject, OrderState Order)
{
    public bool Accepted => Reject == RejectReason.None;
}
