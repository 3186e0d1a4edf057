using JexSim.Engine.Markets.Contract;

namespace JexSim.Engine.Output;

/// <summary>One line of an account's contract bill: a signed amount of one type in one contract (scaled 10^8; a
/// positionSize bill is a quantity, the others are money in the margin asset).</summary>
public readonly record struct ContractBill(long AccountId, int SymbolId, ContractBillType Type, long Amount, long Time);
