namespace JexSim.Server.Venue;

/// <summary>
/// Forces a withdrawal's status (admin). Cancelled, Rejected and Failure give the amount back to the account; a forced
/// status stays until forced again, and a final one (those three and Completed) cannot change. Result: a <see cref="WalletOutcome"/>.
/// </summary>
public sealed record ForceWithdrawalStatusCommand(string WithdrawalId, int Status) : VenueCommand;
