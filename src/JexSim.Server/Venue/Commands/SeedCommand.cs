namespace JexSim.Server.Venue;

/// <summary>Seeds the fixture's accounts and resting orders into the empty engine of a new database.</summary>
public sealed record SeedCommand : VenueCommand
{
    public override bool Exclusive => true;
}
