namespace JexSim.Persistence;

/// <summary>
/// A withdrawal debited from an account (wapi/v1/withdraw, withdrawHistory). Seq numbers them in order; Id is the
/// public id. Its status follows from ApplyTime on the venue clock unless ForcedStatus (set at ForcedTime) says otherwise.
/// </summary>
public sealed record WithdrawalRecord(
    long Seq, string Id, long AccountId, string Asset, long Amount, string Address, string? AddressTag, string? Name, string TxId,
    long ApplyTime, int? ForcedStatus, long? ForcedTime);
