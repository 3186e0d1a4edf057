namespace JexSim.Server.Endpoints.Contract;

/// <summary>One of the account's fills for GET contract/userHistoricalTrades. <see cref="Quantity"/> is signed (sells
/// negative); <see cref="FeeRate"/> is the rate the account paid on it, scaled 10^8.</summary>
public sealed record ContractTradeView(long Id, long OrderId, long Price, long Quantity, long Time, long FeeRate, bool BuyerMaker);
