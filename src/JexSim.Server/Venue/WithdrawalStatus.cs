using JexSim.Persistence;

namespace JexSim.Server.Venue;

/// <summary>
/// The withdrawal status codes of wapi.md (0 Email Sent, 1 Cancelled, 2 Awaiting Approval, 3 Rejected, 4 Processing,
/// 5 Failure, 6 Completed) and the path a withdrawal takes on the venue clock, virtual or real: Email Sent when it is
/// made, Awaiting Approval <see cref="AwaitingApprovalAfterMs"/> later, Processing at <see cref="ProcessingAfterMs"/>,
/// Completed at <see cref="CompletedAfterMs"/>. The status is a function of the apply time and the clock, so it is the
/// same on every run and across restarts; an admin can force another (it then stays).
/// </summary>
public static class WithdrawalStatus
{
    public const int EmailSent = 0, Cancelled = 1, AwaitingApproval = 2, Rejected = 3, Processing = 4, Failure = 5, Completed = 6;

    public const long AwaitingApprovalAfterMs = 10_000;
    public const long ProcessingAfterMs = 30_000;
    public const long CompletedAfterMs = 60_000;

    public static int At(WithdrawalRecord w, long now)
    {
        if (w.ForcedStatus is { } forced) return forced;
        long elapsed = now - w.ApplyTime;
        return elapsed >= CompletedAfterMs ? Completed : elapsed >= ProcessingAfterMs ? Processing : elapsed >= AwaitingApprovalAfterMs ? AwaitingApproval : EmailSent;
    }

    /// <summary>Statuses a withdrawal never leaves.</summary>
    public static bool IsFinal(int status) => status is Cancelled or Rejected or Failure or Completed;

    /// <summary>Statuses that give the amount back to the account.</summary>
    public static bool Returns(int status) => status is Cancelled or Rejected or Failure;

    public static string Name(int status) => status switch
    {
        EmailSent => "Email Sent",
        Cancelled => "Cancelled",
        AwaitingApproval => "Awaiting Approval",
        Rejected => "Rejected",
        Processing => "Processing",
        Failure => "Failure",
        Completed => "Completed",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
