using JexSim.Persistence;
using JexSim.Server.Fixtures;

namespace JexSim.Server.Venue;

/// <summary>
/// Replaces the whole state: back to a fixture, seeded afresh (admin reset, <see cref="Snapshot"/> null), or to a store
/// snapshot (restore). A new fixture is given with its path; null keeps the current one.
/// </summary>
public sealed record ReplaceStateCommand(string? FixturePath, Fixture? Fixture, StoreSnapshot? Snapshot) : VenueCommand
{
    public override bool Exclusive => true;
}
