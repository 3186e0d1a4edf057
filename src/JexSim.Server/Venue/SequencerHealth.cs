namespace JexSim.Server.Venue;

/// <summary>
/// The writer's state for the health check. <see cref="State"/>: "starting", "running", "degraded" (the last commit
/// failed; its commands were refused and the writer goes on), "unavailable" (the database cannot be read back;
/// commands are refused until it can) or "stopped".
/// </summary>
public sealed record SequencerHealth(string State, string? LastError, DateTimeOffset? LastErrorAt, int Queued)
{
    public const string Running = "running";
    public const string Degraded = "degraded";
    public const string Unavailable = "unavailable";
    public const string Stopped = "stopped";

    public static readonly SequencerHealth Starting = new("starting", null, null, 0);

    public bool IsHealthy => State == Running;
}
