namespace JexSim.Persistence;

/// <summary>A contract's reference price (mark = index in part 1) and when it was set.</summary>
public sealed record ContractMarkRecord(string Symbol, long Price, long Time);
