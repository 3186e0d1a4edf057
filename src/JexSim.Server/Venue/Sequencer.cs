using System.Threading.Channels;
using JexSim.Engine;
using JexSim.Engine.Matching;
using JexSim.Persistence;

namespace JexSim.Server.Venue;

/// <summary>
/// The single writer. Every state change is a command queued here; one loop applies commands to the engine in
/// arrival order, commits a whole batch of them to the store in one transaction (group commit), and only then
/// completes their tasks and tells the observers. So a caller is answered only once its change is durable,
/// the same command order always gives the same state, and nobody reads a half-applied command.
/// </summary>
public sealed class Sequencer : IAsyncDisposable
{
    private readonly Channel<SequencedCommand> _queue;
    private readonly IExchangeStore _store;
    private readonly TimeProvider _clock;
    private readonly ILogger _log;
    private readonly int _maxBatch;
    private readonly List<ICommitObserver> _observers = new();
    private readonly CommitBatch _batch = new();
    private readonly WriteContext _context;
    private Task? _loop;

    public Sequencer(ExchangeCore core, IExchangeStore store, TimeProvider clock, ILogger log, int maxBatch)
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

    /// <summary>The engine. Touch it only from inside a submitted command (or before <see cref="Start"/>).</summary>
    public ExchangeCore Core => _context.Core;

    public long CommittedBatches { get; private set; }

    public void AddObserver(ICommitObserver observer) => _observers.Add(observer);

    public void Start() => _loop ??= Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();

    /// <summary>Queues a command; the task completes after the batch holding it has been committed.</summary>
    public Task<T> Submit<T>(Func<WriteContext, T> apply)
    {
        var command = new SequencedCommand<T>(apply);
        if (!_queue.Writer.TryWrite(command))
            return SubmitSlow(command);
        return command.Task;
    }

    private async Task<T> SubmitSlow<T>(SequencedCommand<T> command)
    {
        await _queue.Writer.WriteAsync(command).ConfigureAwait(false);
        return await command.Task.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var pending = new List<SequencedCommand>(_maxBatch);
        var batch = _batch;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (pending.Count < _maxBatch && reader.TryRead(out var command))
            {
                _context.Now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
                command.Apply(_context);
                pending.Add(command);
            }
            try
            {
                Collect(_context, batch);
                _store.Commit(batch);
                CommittedBatches++;
            }
            catch (Exception e)
            {
                _log.LogCritical(e, "Group commit of {Count} commands failed; the venue stops accepting changes", pending.Count);
                foreach (var c in pending) c.Fail(e);
                pending.Clear();
                _queue.Writer.TryComplete(e);
                throw;
            }

            foreach (var action in _context.AfterCommit) action();
            if (_observers.Count > 0)
            {
                var committed = new CommittedBatch(_context.Core, _context.Core.Output, _context.Now, _context.StateReplaced, batch.AccountFlags);
                foreach (var o in _observers)
                {
                    try { o.OnCommitted(committed); }
                    catch (Exception e) { _log.LogError(e, "Commit observer {Observer} failed", o.GetType().Name); }
                }
            }
            _context.Core.Output.Clear();
            _context.AfterCommit.Clear();
            _context.StateReplaced = false;
            batch.Clear();
            foreach (var c in pending) c.Complete();
            pending.Clear();
        }
    }

    /// <summary>Turns what the engine changed into the rows of one commit.</summary>
    private static void Collect(WriteContext context, CommitBatch batch)
    {
        var core = context.Core;
        var output = core.Output;
        var symbols = core.Symbols;
        var assets = core.Assets;
        // Accounts, keys, flags and meta are already in the batch: commands write them there through the context.
        foreach (var key in output.Balances)
        {
            var b = core.Balance(key.AccountId, key.AssetId);
            batch.Balances.Add(new BalanceRecord(b.AccountId, assets[b.AssetId].Name, b.Free, b.Locked));
        }
        foreach (var o in output.Orders)
            batch.Orders.Add(new OrderRecord(o.Id, o.AccountId, symbols[o.SymbolId].Name, o.Side, o.Type, o.TimeInForce,
                o.Price, o.Quantity, o.Filled, o.CumulativeQuote, o.Status, o.Time, o.UpdateTime, o.Locked));
        foreach (var t in output.Trades)
            batch.Trades.Add(new TradeRecord(t.Id, symbols[t.SymbolId].Name, t.Price, t.Quantity, t.QuoteQuantity, t.Time,
                t.BuyOrderId, t.SellOrderId, t.BuyerAccountId, t.SellerAccountId, t.BuyerMaker, t.BuyerFee, t.SellerFee));

        foreach (int i in output.ChangedSymbols)
            batch.Markets.Add(new MarketRecord(symbols[i].Name, core.Book(i).UpdateId, core.LastPrice(i)));
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

/// <summary>What a command sees: the engine, the sequenced time, and the non-engine rows it wants committed.</summary>
public sealed class WriteContext(ExchangeCore core, CommitBatch batch)
{
    public ExchangeCore Core { get; internal set; } = core;

    /// <summary>The venue time of this command, in Unix ms (taken from the venue's clock as the command is applied).</summary>
    public long Now { get; internal set; }

    // Rows that are not engine state, written straight into the batch this command will be committed in.
    public List<AccountRecord> Accounts => batch.Accounts;
    public List<ApiKeyRecord> ApiKeys => batch.ApiKeys;
    public List<(long AccountId, bool Disabled)> AccountFlags => batch.AccountFlags;
    public Dictionary<string, string> Meta => batch.Meta;

    /// <summary>Runs on the writer after the batch is durable, before callers are answered (e.g. publishing a new API key).</summary>
    public List<Action> AfterCommit { get; } = new();

    /// <summary>True when a command of this batch replaced the whole state (reset, restore): observers start over.</summary>
    internal bool StateReplaced { get; set; }

    /// <summary>
    /// A reset or restore: drops what earlier commands of this batch queued for the commit, puts the new engine in place
    /// and marks the batch <see cref="StateReplaced"/>.
    /// </summary>
    internal void ReplaceState(ExchangeCore core)
    {
        Core.Output.Clear();
        Accounts.Clear(); ApiKeys.Clear(); AccountFlags.Clear(); Meta.Clear(); AfterCommit.Clear();
        Core = core;
        StateReplaced = true;
    }
}

/// <summary>
/// A batch that has just been committed. Valid only during <see cref="ICommitObserver.OnCommitted"/>, on the writer.
/// <paramref name="StateReplaced"/>: a reset or restore in this batch replaced the whole state (the output is the new
/// state's). <paramref name="AccountFlags"/>: accounts disabled or enabled by this batch.
/// </summary>
public readonly record struct CommittedBatch(ExchangeCore Core, EngineOutput Output, long Time, bool StateReplaced,
    IReadOnlyList<(long AccountId, bool Disabled)> AccountFlags);

/// <summary>Told about every committed batch, on the writer thread: keep it quick (copy what you need and hand it off).</summary>
public interface ICommitObserver
{
    void OnCommitted(in CommittedBatch batch);
}

internal abstract class SequencedCommand
{
    public abstract void Apply(WriteContext context);
    public abstract void Complete();
    public abstract void Fail(Exception error);
}

internal sealed class SequencedCommand<T>(Func<WriteContext, T> apply) : SequencedCommand
{
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;
    private Exception? _error;

    public Task<T> Task => _done.Task;

    public override void Apply(WriteContext context)
    {
        try { _result = apply(context); }
        catch (Exception e) { _error = e; }
    }

    public override void Complete()
    {
        if (_error is not null) _done.TrySetException(_error);
        else _done.TrySetResult(_result!);
    }

    public override void Fail(Exception error) => _done.TrySetException(error);
}
