namespace JexSim.Engine.Output;

/// <summary>An account's contract balance of one margin asset after a batch: free, order margin and position margin.</summary>
public readonly record struct ContractBalanceState(long AccountId, int AssetId, long Free, long OrderMargin, long PositionMargin);
