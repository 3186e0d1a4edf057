namespace JexSim.Testing;

/// <summary>An account of the venue with the API key and secret a client signs with.</summary>
public sealed record VenueAccount(long AccountId, string? Name, string ApiKey, string SecretKey);
