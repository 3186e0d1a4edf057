namespace JexSim.Engine.Output;

/// <summary>A contract's reference price as a command set it (mark = index in part 1).</summary>
public readonly record struct ContractMarkState(int SymbolId, long Price, long Time);
