using JexSim.Engine;
using JexSim.Engine.Markets;
using JexSim.Engine.Matching;
using JexSim.Persistence;
using JexSim.Server.Venue;
using Microsoft.Extensions.Logging.Abstractions;

namespace JexSim.Server.Tests.Durability;

/// <summary>
/// The writer never dies silently: a failed commit, an unreadable clock or an exception inside a command fails only
/// the commands concerned, with a clear error, leaves no trace in memory or on disk, and the writer carries on.
/// </summary>
public sealed class WriterFailureTests : IAsyncLifetime
{
    private static readonly AssetSpec Btc = new(0, "BTC");
    private static readonly AssetSpec Usdt = new(1, "USDT");
    private static readonly SymbolSpec BtcUsdt = new()
    {
        Id = 0, Name = "BTCUSDT", Market = MarketType.Spot, Base = Btc, Quote = Usdt,
        TickSize = FixedPoint.Scale / 100, MinPrice = FixedPoint.Scale / 100, MaxPrice = 1_000_000 * FixedPoint.Scale,
        StepSize = 1_000, MinQty = 1_000, MaxQty = 1_000 * FixedPoint.Scale,
    };

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "jexsim-writer", Guid.NewGuid().ToString("N"));
    private FlakyStore _store = null!;
    private FlakyClock _clock = null!;
    private Sequencer _writer = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        _store = new FlakyStore(new SqliteStoreWriter(Path.Combine(_dir, "w.db"), JexSim.Persistence.Durability.Normal));
        _clock = new FlakyClock();
        _writer = new Sequencer(NewEngine(), _store, _clock, NullLogger.Instance, 64) { RebuildFromStore = Rebuild };
        _writer.Start();
        Assert.True((await _writer.Submit(EngineCommand.CreateAccount(1))).Accepted);
        Assert.True((await _writer.Submit(EngineCommand.AdjustBalance(1, Usdt.Id, 1_000 * FixedPoint.Scale))).Accepted);
    }

    public async Task DisposeAsync()
    {
        await _writer.DisposeAsync();
        _store.Dispose();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static ExchangeCore NewEngine() => new([Btc, Usdt], [BtcUsdt], 0);

    /// <summary>The engine as of the last commit (what the venue's recovery does, for this one symbol).</summary>
    private ExchangeCore Rebuild()
    {
        var core = NewEngine();
        var state = _store.Load();
        foreach (var a in state.Accounts) core.RestoreAccount(a.Id, a.Disabled);
        foreach (var b in state.Balances) core.RestoreBalance(b.AccountId, b.Asset == "BTC" ? 0 : 1, b.Free, b.Locked);
        foreach (var o in state.OpenOrders)
            core.RestoreOrder(new OrderState(o.Id, o.AccountId, 0, o.Side, o.Type, o.TimeInForce, o.Price, o.Quantity, o.Filled, o.CumulativeQuote, o.Status, o.Time, o.UpdateTime, o.Locked));
        core.RestoreSequences(state.NextOrderId, state.NextTradeId);
        return core;
    }

    private static EngineCommand Bid(long price) =>
        EngineCommand.Place(new PlaceOrder(1, 0, Side.Buy, OrderType.Limit, TimeInForce.Gtc, price * FixedPoint.Scale, FixedPoint.Scale));

    private Task<(int Open, long Free, long Locked, int Problems)> EngineState() => _writer.Inspect(core =>
        (core.OpenOrderCount, core.Balance(1, Usdt.Id).Free, core.Balance(1, Usdt.Id).Locked, core.CheckInvariants().Count));

    [Fact]
    public async Task A_failed_commit_fails_its_commands_at_once_rolls_the_engine_back_and_the_writer_recovers()
    {
        var before = await EngineState();
        _store.FailCommits = true;

        var failed = await Assert.ThrowsAsync<WriterUnavailableException>(() => _writer.Submit(Bid(100)).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("disk full", failed.Message);
        Assert.Equal(SequencerHealth.Degraded, _writer.Health.State);
        Assert.Contains("disk full", _writer.Health.LastError);
        Assert.Equal(before, await EngineState().WaitAsync(TimeSpan.FromSeconds(10)));

        _store.FailCommits = false;
        var placed = await _writer.Submit(Bid(101)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(placed.Accepted);
        Assert.Equal(SequencerHealth.Running, _writer.Health.State);
        var after = await EngineState();
        Assert.Equal((1, before.Free - 101 * FixedPoint.Scale, 101 * FixedPoint.Scale, 0), after);
        Assert.Equal([placed.Order.Id], _store.Load().OpenOrders.Select(o => o.Id));
    }

    [Fact]
    public async Task A_clock_that_throws_fails_that_command_only()
    {
        _clock.Fail = true;
        var failed = await Assert.ThrowsAsync<WriterUnavailableException>(() => _writer.Submit(Bid(100)).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("clock", failed.Message);
        _clock.Fail = false;

        Assert.True((await _writer.Submit(Bid(100)).WaitAsync(TimeSpan.FromSeconds(10))).Accepted);
        Assert.Equal(1, (await EngineState()).Open);
    }

    [Fact]
    public async Task An_exception_half_way_through_a_command_leaves_no_trace_and_the_batch_neighbours_survive()
    {
        // A venue command that changes the engine and then throws: the state must be as if it never ran.
        _writer.ApplyVenueCommand = (_, ctx) =>
        {
            ctx.Core.Apply(Bid(50), ctx.Now);
            throw new InvalidOperationException("boom after a change");
        };
        var before = await EngineState();

        var neighbour = _writer.Submit(Bid(10));
        var broken = _writer.Submit(new CreateAccountCommand(null, null, null, new Dictionary<string, long>(), Engine.Accounts.Permissions.All));
        var next = _writer.Submit(Bid(11));

        Assert.True((await neighbour.WaitAsync(TimeSpan.FromSeconds(10))).Accepted);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => broken.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("boom after a change", error.Message);
        Assert.True((await next.WaitAsync(TimeSpan.FromSeconds(10))).Accepted);

        var after = await EngineState();
        Assert.Equal((2, before.Free - 21 * FixedPoint.Scale, 21 * FixedPoint.Scale, 0), after);
        Assert.Equal(2, _store.Load().OpenOrders.Count);
        Assert.Equal(SequencerHealth.Running, _writer.Health.State);
    }

    private sealed class FlakyClock : TimeProvider
    {
        public volatile bool Fail;
        public override DateTimeOffset GetUtcNow() => Fail ? throw new InvalidOperationException("clock unreadable") : base.GetUtcNow();
    }

    /// <summary>A real store whose commits can be made to fail, as on a full disk.</summary>
    private sealed class FlakyStore(IStoreWriter inner) : IStoreWriter
    {
        public volatile bool FailCommits;
        public string Path => inner.Path;
        public RecoveredState Load() => inner.Load();
        public ContractRecoveredState LoadContracts() => inner.LoadContracts();
        public void Commit(CommitBatch batch)
        {
            if (FailCommits) throw new IOException("disk full");
            inner.Commit(batch);
        }
        public void Wipe() => inner.Wipe();
        public StoreSnapshot Snapshot() => inner.Snapshot();
        public void Restore(StoreSnapshot snapshot) => inner.Restore(snapshot);
        public void Dispose() => inner.Dispose();
    }
}
