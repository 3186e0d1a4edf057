namespace JexSim.Persistence;

/// <summary>A contract's prices: mark (= index + basis), index, smoothed basis, the last funding rate and its time.</summary>
public sealed record ContractMarkRecord(string Symbol, long Price, long Time, long Index, long Basis, long FundingRate, long LastFunding);
