namespace JexSim.Server.Venue;

/// <summary>A batch that has just been committed: the engine's output values. Valid only during <see cref="ICommitObserver.OnCommitted"/>.</summary>
public readonly record struct CommittedBatch(BatchOutput Output, long Time);
