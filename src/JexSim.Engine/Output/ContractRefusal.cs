using JexSim.Engine.Commands;

namespace JexSim.Engine.Output;

/// <summary>
/// A contract order (or position close) the engine refused: nothing changed and no order id was taken, but the account's
/// user stream reports it (execContractReport with X FAIL and the reason in r). Recorded by the writer from the
/// command's answer, since a refusal leaves no other trace in the output.
/// </summary>
public readonly record struct ContractRefusal(long AccountId, int SymbolId, RejectReason Reason, long Time);
