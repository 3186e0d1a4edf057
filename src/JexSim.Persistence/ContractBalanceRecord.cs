namespace JexSim.Persistence;

/// <summary>An account's contract balance of one margin asset: free, and what order and position margins hold.</summary>
public sealed record ContractBalanceRecord(long AccountId, string Asset, long Free, long OrderMargin, long PositionMargin);
