using JexSim.Engine.Markets.Contract;

namespace JexSim.Engine.Output;

/// <summary>An account's position in a contract after a batch (open-order quantities and margins included).</summary>
public readonly record struct ContractPositionState(long AccountId, int SymbolId, Position Position);
