namespace JexSim.Persistence;

/// <summary>A deposit credited to an account (GET wapi/v1/depositHistory): Status 0 pending, 1 success.</summary>
public sealed record DepositRecord(long Id, long AccountId, string Asset, long Amount, string Address, string TxId, int Status, long Time);
