namespace JexSim.Engine.Output;

/// <summary>The contract market's fee account and protection fund of one margin asset after a batch.</summary>
public readonly record struct ContractPoolState(int AssetId, long Fees, long ProtectionFund);
