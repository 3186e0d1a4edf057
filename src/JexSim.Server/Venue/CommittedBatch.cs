namespace JexSim.Server.Venue;

/// <summary>
/// A batch that has just been committed: the engine's output values. Valid only during <see cref="ICommitObserver.OnCommitted"/>.
/// <paramref name="StateReplaced"/>: a reset or restore in this batch replaced the whole state (the output is the new
/// state's); the accounts it disabled or enabled are the output's <see cref="BatchOutput.AccountFlags"/>.
/// </summary>
public readonly record struct CommittedBatch(BatchOutput Output, long Time, bool StateReplaced);
