namespace JexSim.Engine.Output;

/// <summary>A balance's values after a change.</summary>
public readonly record struct BalanceState(long AccountId, int AssetId, long Free, long Locked);
