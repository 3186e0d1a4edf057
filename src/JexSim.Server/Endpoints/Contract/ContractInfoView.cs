namespace JexSim.Server.Endpoints.Contract;

/// <summary>One element of GET /api/v1/contractInfo. Rates and prices scaled 10^8; times in ms.</summary>
public sealed record ContractInfoView(
    string Symbol, long FundingRate, long FundingInterval, long NextFundingTime, long PredictedFundingRate, long Turnover24,
    int MarkMethod, long MarkPrice, long LastPrice, bool AutoDeleveraging);
