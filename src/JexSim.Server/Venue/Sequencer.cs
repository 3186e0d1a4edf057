using System.Threading.Channels;
using JexSim.Engine.Matching;
using JexSim.Persistence;

namespace JexSim.Server.Venue;

/// <summary>
/// The single writer. Every state change is a command record queued here (an <see cref="EngineCommand"/> for the
/// engine's own state, a <see cref="VenueCommand"/> for the few that also touch keys, fixtures or the store); one
/// loop applies them in arrival order, commits a whole batch in one transaction (group commit), and only then
/// answers the callers and hands the batch's <see cref="BatchOutput"/> to the observers.
/// <para>
/// It does not die. A failure to read the clock fails that one command. An exception escaping a command
/// (the engine may be half-changed) fails that command, rebuilds the engine from the last commit and replays the
/// batch's earlier commands, so the failed command leaves no trace. A failed commit (disk full, I/O error) fails every
/// command of the batch at once with <see cref="WriterUnavailableException"/>, rebuilds the engine from the store
/// (dropping the unsaved changes) and goes on; while the store cannot even be read, commands fail at once and each
/// new batch retries. <see cref="Health"/> tells which state it is in.
/// </para>
/// </summary>
public sealed class Sequencer : IAsyncDisposable
{
    private readonly Channel<SequencedCommand> _queue;
    private readonly IStoreWriter _store;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private readonly int _maxBatch;
    private readonly List<ICommitObserver> _observers = new();
    private readonly CommitBatch _batch = new();
    private readonly WriteContext _context;
    private Task? _loop;
    private volatile SequencerHealth _health = SequencerHealth.Starting;
    private bool _engineLost;

    public Sequencer(ExchangeCore core, IStoreWriter store, TimeProvider clock, ILogger log, int maxBatch)
    {
        _store = store;
        _clock = clock;
        _log = log;
        _maxBatch = Math.Max(1, maxBatch);
        _context = new WriteContext(core, _batch);
        _queue = Channel.CreateBounded<SequencedCommand>(new BoundedChannelOptions(65_536)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The engine, for start-up recovery before <see cref="Start"/> only. After that only the writer touches it.</summary>
    internal ExchangeCore Core => _context.Core;

    /// <summary>Applies a venue command on the writer (the venue's dispatcher for <see cref="VenueCommand"/>s).</summary>
    internal Func<VenueCommand, WriteContext, object?> ApplyVenueCommand { get; set; } = (c, _) => throw new InvalidOperationException($"no dispatcher for {c.GetType().Name}");

    /// <summary>Builds an engine from the last commit (the venue's recovery). Used to roll back after a failure.</summary>
    internal Func<ExchangeCore>? RebuildFromStore { get; set; }

    /// <summary>The writer's state, for the health check.</summary>
    public SequencerHealth Health => _health with { Queued = _queue.Reader.CanCount ? _queue.Reader.Count : 0 };

    public void AddObserver(ICommitObserver observer) => _observers.Add(observer);

    public void Start()
    {
        _health = _health with { State = SequencerHealth.Running };
        _loop ??= Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Queues an engine command; the task completes with the engine's answer once the batch holding it is committed.</summary>
    public Task<CommandResult> Submit(in EngineCommand command, long? time = null) => Enqueue(new EngineEntry(command, time));

    /// <summary>Queues a venue command; the task completes with its result once the batch holding it is committed.</summary>
    internal Task<object?> Submit(VenueCommand command, long? time = null) => Enqueue(new VenueEntry(command) { Time = time });

    /// <summary>Runs a read-only look at the engine on the writer, between two commands (tests and diagnostics).</summary>
    public Task<T> Inspect<T>(Func<ExchangeCore, T> read) => Enqueue(new InspectEntry<T>(read));

    private Task<T> Enqueue<T>(SequencedCommand<T> command)
    {
        if (_queue.Writer.TryWrite(command)) return command.Task;
        return EnqueueSlow(command);
    }

    private async Task<T> EnqueueSlow<T>(SequencedCommand<T> command)
    {
        await _queue.Writer.WriteAsync(command).ConfigureAwait(false);
        return await command.Task.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var pending = new List<SequencedCommand>(_maxBatch);
        SequencedCommand? carried = null;
        while (carried is not null || await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            try
            {
                if (_engineLost && !TryRebuild(null))
                {
                    // The store cannot be read: nothing can be applied safely. Fail what is queued now, retry later.
                    while (reader.TryRead(out var c)) c.Fail(new WriterUnavailableException(_health.LastError));
                    if (carried is not null) { carried.Fail(new WriterUnavailableException(_health.LastError)); carried = null; }
                    await Task.Delay(200).ConfigureAwait(false);
                    continue;
                }
                // An exclusive command (reset, restore, snapshot) runs in a batch of its own.
                while (pending.Count < _maxBatch && (carried is not null || reader.TryRead(out carried)))
                {
                    var command = carried;
                    if (command.Exclusive && pending.Count > 0) break;
                    carried = null;
                    ApplyOne(command, pending);
                    if (command.Exclusive) break;
                }
                if (pending.Count == 0 && _batch.IsEmpty) continue;
                Commit(pending);
            }
            catch (Exception e)
            {
                // Nothing above should throw; if it does the writer still goes on.
                _log.LogCritical(e, "Writer loop step failed");
                foreach (var c in pending) c.Fail(new WriterUnavailableException(e.Message));
                pending.Clear();
                _engineLost = true;
                _health = _health with { State = SequencerHealth.Degraded, LastError = e.Message, LastErrorAt = DateTimeOffset.UtcNow };
            }
        }
        _health = _health with { State = SequencerHealth.Stopped };
    }

    private void ApplyOne(SequencedCommand command, List<SequencedCommand> pending)
    {
        try { command.AppliedAt = command.Time ?? _clock.GetUtcNow().ToUnixTimeMilliseconds(); }
        catch (Exception e)
        {
            _log.LogError(e, "Reading the venue clock failed; the command is refused");
            command.Fail(new WriterUnavailableException($"reading the venue clock failed: {e.Message}"));
            return;
        }
        _context.Now = command.AppliedAt;
        try
        {
            command.Apply(_context, ApplyVenueCommand);
            pending.Add(command);
        }
        catch (Exception e) when (!command.MayHaveChanged || e is ArgumentException or Fixtures.FixtureException or Simulation.AdminInputException && command is VenueEntry)
        {
            command.Fail(e);
        }
        catch (Exception e)
        {
            // The engine may be half-changed: roll back to the last commit and redo this batch's earlier commands.
            _log.LogError(e, "A command failed inside the engine; rolling back to the last commit");
            command.Fail(e);
            if (!TryRebuild(pending)) { foreach (var c in pending) c.Fail(new WriterUnavailableException(_health.LastError)); pending.Clear(); }
        }
    }

    /// <summary>Replaces the engine with one rebuilt from the store and re-applies <paramref name="replay"/>.</summary>
    private bool TryRebuild(List<SequencedCommand>? replay)
    {
        _batch.Clear();
        _context.Core.Output.Clear();
        _context.AfterCommit.Clear();
        _context.StateReplaced = false;
        try
        {
            if (RebuildFromStore is null) throw new InvalidOperationException("the engine cannot be rebuilt (no recovery configured)");
            _context.Core = RebuildFromStore();
            _engineLost = false;
        }
        catch (Exception e)
        {
            _log.LogCritical(e, "Rebuilding the engine from the store failed; commands are refused until it succeeds");
            _engineLost = true;
            _health = _health with { State = SequencerHealth.Unavailable, LastError = $"the engine could not be rebuilt from the database: {e.Message}", LastErrorAt = DateTimeOffset.UtcNow };
            return false;
        }
        if (replay is null) return true;
        for (int i = 0; i < replay.Count; i++)
        {
            _context.Now = replay[i].AppliedAt;
            try { replay[i].Apply(_context, ApplyVenueCommand); }
            catch (Exception e)
            {
                // Deterministic commands do not fail twice; if one does, drop the batch and start over clean.
                foreach (var c in replay) c.Fail(e);
                replay.Clear();
                return TryRebuild(null);
            }
        }
        return true;
    }

    private void Commit(List<SequencedCommand> pending)
    {
        var output = _context.Core.Output;
        try
        {
            _context.Core.EndBatch(MarketViews.Levels);
            Collect(output, _context.Core, _batch, _context.Now);
            if (!_batch.IsEmpty) _store.Commit(_batch);
            if (_health.State != SequencerHealth.Running) _health = _health with { State = SequencerHealth.Running };
        }
        catch (Exception e)
        {
            _log.LogError(e, "Group commit of {Count} commands failed; they are refused and the engine goes back to the last commit", pending.Count);
            _health = _health with { State = SequencerHealth.Degraded, LastError = $"the database write failed: {e.Message}", LastErrorAt = DateTimeOffset.UtcNow };
            var refused = new WriterUnavailableException($"the database write failed ({e.Message}); the change was not applied");
            foreach (var c in pending) c.Fail(refused);
            pending.Clear();
            TryRebuild(null);
            return;
        }

        foreach (var action in _context.AfterCommit)
        {
            try { action(); }
            catch (Exception e) { _log.LogError(e, "An after-commit action failed"); }
        }
        if (_observers.Count > 0)
        {
            var committed = new CommittedBatch(output, _context.Now, _context.StateReplaced);
            foreach (var o in _observers)
            {
                try { o.OnCommitted(committed); }
                catch (Exception e) { _log.LogError(e, "Commit observer {Observer} failed", o.GetType().Name); }
            }
        }
        output.Clear();
        _context.AfterCommit.Clear();
        _context.StateReplaced = false;
        _batch.Clear();
        foreach (var c in pending) c.Complete();
        pending.Clear();
    }

    /// <summary>Turns the engine's output values into the rows of one commit (it reads no engine state).</summary>
    private static void Collect(BatchOutput output, ExchangeCore core, CommitBatch batch, long now)
    {
        var symbols = core.Symbols;
        var assets = core.Assets;
        // Accounts, keys and meta are already in the batch: venue commands write them there through the context.
        foreach (var b in output.Balances)
            batch.Balances.Add(new BalanceRecord(b.AccountId, assets[b.AssetId].Name, b.Free, b.Locked));
        foreach (var o in output.Orders)
            batch.Orders.Add(new OrderRecord(o.Id, o.AccountId, symbols[o.SymbolId].StoreKey, o.Side, o.Type, o.TimeInForce,
                o.Price, o.Quantity, o.Filled, o.CumulativeQuote, o.Status, o.Time, o.UpdateTime, o.Locked));
        foreach (var t in output.Trades)
            batch.Trades.Add(new TradeRecord(t.Id, symbols[t.SymbolId].StoreKey, t.Price, t.Quantity, t.QuoteQuantity, t.Time,
                t.BuyOrderId, t.SellOrderId, t.BuyerAccountId, t.SellerAccountId, t.BuyerMaker, t.BuyerFee, t.SellerFee));
        foreach (var flag in output.AccountFlags) batch.AccountFlags.Add(flag);
        foreach (var m in output.Markets)
            batch.Markets.Add(new MarketRecord(symbols[m.SymbolId].StoreKey, m.UpdateId, m.LastPrice));
        foreach (var e in output.OptionEvents)
            batch.OptionRecords.Add(new OptionRecord(0, e.AccountId, symbols[e.SymbolId].Name, (int)e.Kind, e.Amount, e.MarginAmount, e.BaseAmount, e.Price, e.Payout, e.Time));
        foreach (var s in output.OptionSettlements)
            batch.OptionSettlements.Add(new OptionSettlementRecord(symbols[s.SymbolId].Name, s.Price, s.PayoffPerToken, s.Time));
        ContractRecords.Collect(output, core, batch, now);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop is not null)
        {
            try { await _loop.ConfigureAwait(false); }
            catch (Exception e) { _log.LogDebug(e, "Sequencer loop ended with a fault"); }
        }
    }
}
