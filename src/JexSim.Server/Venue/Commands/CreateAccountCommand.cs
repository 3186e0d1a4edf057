using JexSim.Engine.Accounts;

namespace JexSim.Server.Venue;

/// <summary>Creates an account with one API key (given, or generated) and opening balances, in one command. Result: the account id.</summary>
public sealed record CreateAccountCommand(long? AccountId, string? Name, ApiKey? Key, IReadOnlyDictionary<string, long> Balances, Permissions Permissions) : VenueCommand;
