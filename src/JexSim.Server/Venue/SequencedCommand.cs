using JexSim.Engine.Matching;

namespace JexSim.Server.Venue;

/// <summary>One queued command, its time and its caller's task.</summary>
internal abstract class SequencedCommand
{
    /// <summary>Explicit venue time (simulation agents act at their due time); null = the clock when applied.</summary>
    public long? Time { get; init; }
    /// <summary>The time it was applied at (kept to replay it identically after a rollback).</summary>
    public long AppliedAt { get; set; }
    /// <summary>Runs in a batch of its own (reset, restore, snapshot).</summary>
    public virtual bool Exclusive => false;
    /// <summary>
    /// Whether an exception may leave the engine half-changed (then the writer rolls back). A venue command refuses
    /// by throwing <see cref="ArgumentException"/> or a fixture error before it changes anything.
    /// </summary>
    public virtual bool MayHaveChanged => false;
    public abstract void Apply(WriteContext context, Func<VenueCommand, WriteContext, object?> venue);
    public abstract void Complete();
    public abstract void Fail(Exception error);
}

internal abstract class SequencedCommand<T> : SequencedCommand
{
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    protected T Result = default!;

    public Task<T> Task => _done.Task;
    public override void Complete() => _done.TrySetResult(Result);
    public override void Fail(Exception error) => _done.TrySetException(error);
}

internal sealed class EngineEntry : SequencedCommand<CommandResult>
{
    private readonly EngineCommand _command;

    public EngineEntry(in EngineCommand command, long? time) { _command = command; Time = time; }

    public override bool MayHaveChanged => true;

    public override void Apply(WriteContext context, Func<VenueCommand, WriteContext, object?> venue)
    {
        var core = context.Core;
        Result = core.Apply(_command, context.Now);
        // A refused contract order or close leaves nothing in the output; the account's user stream still reports it
        // (execContractReport, X FAIL), so the refusal goes into the batch as a value.
        if (!Result.Accepted && _command.Kind is CommandKind.PlaceOrder or CommandKind.ClosePosition
            && (uint)_command.SymbolId < (uint)core.Symbols.Count && core.Symbols[_command.SymbolId].Market == Engine.MarketType.Contract)
            core.Output.ContractRefusals.Add(new ContractRefusal(_command.AccountId, _command.SymbolId, Result.Reject, context.Now));
    }
}

internal sealed class VenueEntry(VenueCommand command) : SequencedCommand<object?>
{
    public override bool Exclusive => command.Exclusive;
    public override bool MayHaveChanged => command is not SnapshotCommand;
    public override void Apply(WriteContext context, Func<VenueCommand, WriteContext, object?> venue) => Result = venue(command, context);
}

internal sealed class InspectEntry<T>(Func<ExchangeCore, T> read) : SequencedCommand<T>
{
    public override void Apply(WriteContext context, Func<VenueCommand, WriteContext, object?> venue) => Result = read(context.Core);
}
