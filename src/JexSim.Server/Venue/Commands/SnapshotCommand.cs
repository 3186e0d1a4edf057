namespace JexSim.Server.Venue;

/// <summary>Copies the store once the batches before it are committed, when the database matches the engine exactly. Result: the snapshot.</summary>
public sealed record SnapshotCommand : VenueCommand
{
    public override bool Exclusive => true;
}
