using JexSim.Engine.Markets;

namespace JexSim.Server.Venue;

/// <summary>
/// Debits a withdrawal of <see cref="Amount"/> (scaled, positive) at once and records it (withdrawHistory); its status
/// then follows the venue clock (<see cref="WithdrawalStatus"/>). <see cref="Completed"/> records it completed at once
/// (an admin debit). Result: a <see cref="WalletOutcome"/>.
/// </summary>
public sealed record WithdrawCommand(long AccountId, AssetSpec Asset, long Amount, string Address, string? AddressTag, string? Name, bool Completed = false) : VenueCommand;
