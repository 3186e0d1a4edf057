using JexSim.Engine.Markets.Contract;

namespace JexSim.Engine.Output;

/// <summary>A stop or take-profit order's trigger placed (<paramref name="Waiting"/> true) or gone (fired or cancelled:
/// false); the order itself is in <see cref="BatchOutput.Orders"/>.</summary>
public readonly record struct ContractTriggerState(ContractTrigger Trigger, bool Waiting);
