namespace JexSim.Server.Endpoints.Contract;

/// <summary>A contract-account balance: free, and locked = order margin + position margin (scaled 10^8).</summary>
public sealed record ContractBalanceView(string Asset, long Free, long OrderMargin, long PositionMargin)
{
    public long Locked => OrderMargin + PositionMargin;
}
