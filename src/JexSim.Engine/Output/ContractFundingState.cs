namespace JexSim.Engine.Output;

/// <summary>A funding applied to a contract at <paramref name="Time"/> at <paramref name="Rate"/> (scaled 10^8; positive:
/// longs paid shorts); <paramref name="Paid"/> is what the paying side paid in total (= what the other side received).</summary>
public readonly record struct ContractFundingState(int SymbolId, long Rate, long Paid, long Time);
