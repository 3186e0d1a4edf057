namespace JexSim.Persistence;

/// <summary>An account's position in a contract (by name), with what its open orders hold (recovery rebuilds those from the orders).</summary>
public sealed record ContractPositionRecord(
    long AccountId, string Symbol, long Quantity, long Cost, long Margin, int Leverage, long RealisedPnl, long FeesPaid,
    long BuyOrderQuantity, long BuyOrderMargin, long SellOrderQuantity, long SellOrderMargin, long UpdateTime);
