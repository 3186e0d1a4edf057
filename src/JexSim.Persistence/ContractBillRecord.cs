using JexSim.Engine.Markets.Contract;

namespace JexSim.Persistence;

/// <summary>One contract bill (Id 0 until stored: the store numbers them in commit order).</summary>
public sealed record ContractBillRecord(long Id, long AccountId, string Symbol, ContractBillType Type, long Amount, long Time);
