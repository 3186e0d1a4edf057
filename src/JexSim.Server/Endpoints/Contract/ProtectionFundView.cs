namespace JexSim.Server.Endpoints.Contract;

/// <summary>One change of a contract's protection fund (GET contract/protectionFund): the balance after it, scaled 10^8.</summary>
public sealed record ProtectionFundView(long Id, long Time, string Symbol, long Balance);
