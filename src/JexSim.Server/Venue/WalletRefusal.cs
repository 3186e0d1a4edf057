namespace JexSim.Server.Venue;

/// <summary>Why the wallet (not the engine) refused a command.</summary>
public enum WalletRefusal
{
    None,
    /// <summary>No withdrawal has that id.</summary>
    UnknownWithdrawal,
    /// <summary>The withdrawal is already Cancelled, Rejected, Failure or Completed.</summary>
    AlreadyFinal,
}
