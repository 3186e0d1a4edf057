namespace JexSim.Engine.Output;

/// <summary>
/// A changed symbol's book as a batch left it: update id, last price and the best levels of each side
/// (at most the depth asked of <see cref="Matching.ExchangeCore.EndBatch"/>), best first.
/// </summary>
public sealed record MarketState(int SymbolId, long UpdateId, long LastPrice, long[] BidPrices, long[] BidQuantities, long[] AskPrices, long[] AskQuantities);
