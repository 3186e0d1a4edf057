using JexSim.Engine.Markets.Contract;

namespace JexSim.Server.Endpoints.Contract;

/// <summary>One line of GET contract/bill: a signed amount (scaled 10^8) of one type in one contract.</summary>
public sealed record ContractBillView(long Id, long Amount, long Time, string Symbol, ContractBillType Type);
