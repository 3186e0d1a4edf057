namespace JexSim.Persistence;

/// <summary>One funding of a contract (Id 0 until stored): the rate (scaled 10^8; + longs paid shorts) and the total paid.</summary>
public sealed record ContractFundingRecord(long Id, string Symbol, long Rate, long Paid, long Time);
