namespace JexSim.Server.Venue;

/// <summary>
/// The closed set of commands that change more than the engine (API keys, fixtures, the store), applied on the writer
/// by <see cref="ExchangeVenue"/>'s one dispatcher. Everything else is an <see cref="EngineCommand"/>. The set is
/// closed: the constructor is internal, and each kind is a sealed record in this folder.
/// </summary>
public abstract record VenueCommand
{
    private protected VenueCommand() { }

    /// <summary>Runs in a batch of its own: it replaces or copies the whole state.</summary>
    public virtual bool Exclusive => false;
}
