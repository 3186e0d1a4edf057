namespace JexSim.Server.Simulation;

/// <summary>
/// Something that acts at venue times of its own choosing: a price feed tick, an agent's quote refresh or order.
/// <see cref="Act"/> runs one step due at <see cref="NextDue"/> and moves <see cref="NextDue"/> forward. A step that
/// changes venue state submits a command to the sequencer (stamped with the step's own time) and returns its task;
/// it must decide everything random before submitting, so the same seed gives the same commands. A step may depend on
/// the outcome of the actor's previous step (a market maker's last committed quote): the scheduler lets that commit
/// before it runs the actor again.
/// </summary>
public interface ISimulationActor
{
    string Name { get; }

    /// <summary>Venue time (Unix ms) of the next step; <see cref="long.MaxValue"/> for never.</summary>
    long NextDue { get; }

    Task? Act(long due);

    /// <summary>The actor's state (next due time, generator state, position in a file) for a snapshot.</summary>
    object Save();

    void Restore(object state);
}

/// <summary>
/// A discrete-event scheduler keyed by venue time. Advancing virtual time runs every step due on the way, in time
/// order (ties: feeds before agents, in fixture order; then one-off events in the order scheduled), with the clock
/// set to each step's time, so an hour's advance does not jump over that hour. While the clock runs by itself (real
/// time, or virtual time at a speed above 0) a background pump runs what falls due.
/// </summary>
public sealed class SimulationScheduler : IAsyncDisposable
{
    /// <summary>Steps whose commands may be in flight at once before the scheduler waits for them (bounds memory).</summary>
    private const int MaxInFlight = 4096;

    private readonly VenueClock _clock;
    private readonly ILogger<SimulationScheduler> _log;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly PriorityQueue<ScheduledEvent, (long Due, long Seq)> _events = new();
    private List<ISimulationActor> _actors = new();
    private long _eventSeq;
    private Task? _pump;
    private int _stopped;

    public SimulationScheduler(VenueClock clock, ILogger<SimulationScheduler> log)
    {
        _clock = clock;
        _log = log;
    }

    public IReadOnlyList<ISimulationActor> Actors => _actors;

    /// <summary>Steps run since start (for diagnostics and tests).</summary>
    public long StepsRun { get; private set; }

    public void Start() => _pump ??= Task.Run(PumpAsync);

    /// <summary>Runs <paramref name="action"/> exclusively: no step runs meanwhile (reset, snapshot, restore).</summary>
    public async Task<T> ExclusiveAsync<T>(Func<Task<T>> action)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try { return await action().ConfigureAwait(false); }
        finally { _gate.Release(); }
    }

    /// <summary>Replaces the actors and forgets one-off events (after a reset or restore). Call inside <see cref="ExclusiveAsync"/>.</summary>
    public void Replace(IEnumerable<ISimulationActor> actors)
    {
        _actors = actors.ToList();
        _events.Clear();
    }

    /// <summary>
    /// Schedules a one-off event at venue time <paramref name="due"/> (e.g. a listenKey expiry, a funding payment).
    /// One-off events are not part of snapshots and are forgotten by a reset.
    /// </summary>
    public void Schedule(long due, string name, Func<long, Task?> action)
    {
        lock (_events) _events.Enqueue(new ScheduledEvent(name, action), (due, _eventSeq++));
    }

    /// <summary>Moves virtual time to <paramref name="target"/>, running everything due up to and including it, in order.</summary>
    public Task AdvanceToAsync(long target) => ExclusiveAsync(async () =>
    {
        if (target < _clock.NowMs) throw new ArgumentOutOfRangeException(nameof(target), "time only moves forward");
        await RunDueAsync(target, moveClock: true).ConfigureAwait(false);
        _clock.Set(target);
        return 0;
    });

    public Task AdvanceAsync(long ms) => ExclusiveAsync(async () =>
    {
        if (ms < 0) throw new ArgumentOutOfRangeException(nameof(ms), "time only moves forward");
        long target = _clock.NowMs + ms;
        await RunDueAsync(target, moveClock: true).ConfigureAwait(false);
        _clock.Set(target);
        return 0;
    });

    private async Task RunDueAsync(long until, bool moveClock)
    {
        var inFlight = new List<Task>();
        var lastOf = new Dictionary<ISimulationActor, Task>(ReferenceEqualityComparer.Instance);
        while (true)
        {
            var (due, actor, step) = NextStep(until);
            if (step is null) break;
            // The actor's previous command must have committed before it decides again (its outcome feeds the decision);
            // otherwise the decision would depend on how far the writer got, and the same seed would not give the same run.
            // Draining keeps the submission order, so only the waiting changes.
            if (actor is not null && lastOf.TryGetValue(actor, out var previous) && !previous.IsCompleted)
            {
                await DrainAsync(inFlight).ConfigureAwait(false);
                lastOf.Clear();
            }
            if (moveClock && due > _clock.NowMs) _clock.Set(due);
            Task? task;
            try { task = step(due); }
            catch (Exception e)
            {
                _log.LogError(e, "Simulation step at {Due} failed", due);
                task = null;
            }
            StepsRun++;
            if (task is not null)
            {
                inFlight.Add(task);
                if (actor is not null) lastOf[actor] = task;
            }
            if (inFlight.Count >= MaxInFlight)
            {
                await DrainAsync(inFlight).ConfigureAwait(false);
                lastOf.Clear();
            }
        }
        await DrainAsync(inFlight).ConfigureAwait(false);
    }

    /// <summary>The earliest step due at or before <paramref name="until"/>: actors first on a tie, in their order.</summary>
    private (long Due, ISimulationActor? Actor, Func<long, Task?>? Step) NextStep(long until)
    {
        ISimulationActor? actor = null;
        foreach (var a in _actors)
            if (a.NextDue <= until && (actor is null || a.NextDue < actor.NextDue)) actor = a;
        lock (_events)
        {
            if (_events.TryPeek(out var e, out var key) && key.Due <= until && (actor is null || key.Due < actor.NextDue))
            {
                _events.Dequeue();
                return (key.Due, null, e.Action);
            }
        }
        if (actor is null) return (0, null, null);
        long due = actor.NextDue;
        return (due, actor, d =>
        {
            var task = actor.Act(d);
            if (actor.NextDue <= d) throw new InvalidOperationException($"{actor.Name} did not move its next step past {d}");
            return task;
        });
    }

    private async Task DrainAsync(List<Task> inFlight)
    {
        foreach (var t in inFlight)
        {
            try { await t.ConfigureAwait(false); }
            catch (Exception e) { _log.LogError(e, "A simulation command failed"); }
        }
        inFlight.Clear();
    }

    /// <summary>When the clock runs by itself, runs what falls due; otherwise waits.</summary>
    private async Task PumpAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            TimeSpan wait = TimeSpan.FromMilliseconds(50);
            try
            {
                if (_clock.IsRunning)
                {
                    await ExclusiveAsync(async () => { await RunDueAsync(_clock.NowMs, moveClock: false).ConfigureAwait(false); return 0; }).ConfigureAwait(false);
                    long next = NextDueTime();
                    if (next != long.MaxValue && _clock.RealTimeUntil(next) is { } until && until < wait) wait = until;
                }
                await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, TimeProvider.System, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                _log.LogError(e, "Simulation pump failed; retrying");
                try { await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System, token).ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
            }
        }
    }

    private long NextDueTime()
    {
        long next = long.MaxValue;
        foreach (var a in _actors) next = Math.Min(next, a.NextDue);
        lock (_events) if (_events.TryPeek(out _, out var key)) next = Math.Min(next, key.Due);
        return next;
    }

    /// <summary>Stops the background pump (idempotent).</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_pump is not null) await _pump.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private sealed record ScheduledEvent(string Name, Func<long, Task?> Action);
}
