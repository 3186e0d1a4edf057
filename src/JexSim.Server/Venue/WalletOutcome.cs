using JexSim.Engine.Commands;
using JexSim.Engine.Output;
using JexSim.Persistence;

namespace JexSim.Server.Venue;

/// <summary>
/// What a wallet command did: refused by the engine (<see cref="Reject"/>) or by the wallet (<see cref="Refusal"/>,
/// a withdrawal id it does not know or a status that cannot change), or applied, with the balance after and the record.
/// </summary>
public sealed record WalletOutcome(RejectReason Reject, BalanceState Balance, DepositRecord? Deposit = null, WithdrawalRecord? Withdrawal = null)
{
    public WalletRefusal Refusal { get; init; }

    /// <summary>The withdrawal's status before the command (forcing a status).</summary>
    public int? PreviousStatus { get; init; }

    public bool Applied => Reject == RejectReason.None && Refusal == WalletRefusal.None;
}
