namespace JexSim.Persistence;

/// <summary>The contract market's fee account and protection fund of one margin asset.</summary>
public sealed record ContractPoolRecord(string Asset, long Fees, long ProtectionFund);
