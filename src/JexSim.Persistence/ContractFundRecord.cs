namespace JexSim.Persistence;

/// <summary>The protection fund of a margin asset after one change (Id 0 until stored).</summary>
public sealed record ContractFundRecord(long Id, string Asset, long Balance, long Time);
