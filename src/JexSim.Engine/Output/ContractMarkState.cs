namespace JexSim.Engine.Output;

/// <summary>A contract's prices after a command changed them: the mark, the index and the smoothed basis (mark = index +
/// basis), the last funding rate and when it was applied.</summary>
public readonly record struct ContractMarkState(int SymbolId, long Price, long Time, long Index, long Basis, long FundingRate, long LastFunding);
