namespace JexSim.Server.Endpoints.Contract;

/// <summary>One funding of GET contract/historyRate; rates scaled 10^8.</summary>
public sealed record ContractFundingView(long Id, long FundingRate, long FundingRateDay, string Symbol, long Time);
