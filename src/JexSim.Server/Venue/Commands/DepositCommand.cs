using JexSim.Engine.Markets;

namespace JexSim.Server.Venue;

/// <summary>Credits a deposit of <see cref="Amount"/> (scaled, positive) and records it (depositHistory). Result: a <see cref="WalletOutcome"/>.</summary>
public sealed record DepositCommand(long AccountId, AssetSpec Asset, long Amount) : VenueCommand;
