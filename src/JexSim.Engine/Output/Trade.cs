namespace JexSim.Engine.Output;

/// <summary>One trade between a taker and a resting maker, at the maker's price.</summary>
public readonly record struct Trade(
    long Id, int SymbolId, long Price, long Quantity, long QuoteQuantity, long Time,
    long BuyOrderId, long SellOrderId, long BuyerAccountId, long SellerAccountId, bool BuyerMaker,
    long BuyerFee, long SellerFee);
