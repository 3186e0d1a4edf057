namespace JexSim.Engine.Output;

/// <summary>The contract market's fee account and protection fund of one margin asset after a batch;
/// <paramref name="FundChanged"/>: the fund differs from the last batch's (an entry of its history).</summary>
public readonly record struct ContractPoolState(int AssetId, long Fees, long ProtectionFund, bool FundChanged);
