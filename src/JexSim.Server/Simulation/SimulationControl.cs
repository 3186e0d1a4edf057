using System.Collections.Concurrent;
using System.Diagnostics;
using JexSim.Persistence;
using JexSim.Server.Fixtures;
using JexSim.Server.Venue;
using Microsoft.Extensions.Options;

namespace JexSim.Server.Simulation;

/// <summary>A named copy of the whole venue: the database, the fixture, the clock, index prices and every actor's state.</summary>
public sealed record VenueSnapshot(string Name, StoreSnapshot Store, string FixturePath, Fixture Fixture, long ClockMs, bool VirtualClock,
    IndexPrice?[] Prices, object[] Actors, long TakenAt);

/// <summary>
/// The simulation around the venue: builds the fixture's feeds and agents, starts them, and puts the whole venue
/// back to a fixture (reset) or to a named snapshot (restore) while no simulation step runs.
/// </summary>
public sealed class SimulationControl(
    ExchangeVenue venue, SimulationScheduler scheduler, VenueClock clock, IndexPrices prices, FaultInjector faults,
    RequestJournal journal, RateLimiting.JexRateLimiter rateLimiter, IOptions<SimulationOptions> options, IHostEnvironment environment, ILogger<SimulationControl> log)
{
    private readonly ConcurrentDictionary<string, VenueSnapshot> _snapshots = new(StringComparer.Ordinal);

    public IEnumerable<VenueSnapshot> Snapshots => _snapshots.Values.OrderBy(s => s.TakenAt);

    /// <summary>Where virtual time starts for a fixture: JexSim:ClockStart, else the fixture's startTime.</summary>
    public static long? StartOf(SimulationOptions options, Fixture fixture) =>
        options.ClockStartMs() ?? fixture.StartTime?.ToUnixTimeMilliseconds();

    /// <summary>After the venue has started: the fixture's feeds and agents, then the background pump.</summary>
    public void Start()
    {
        prices.Reset(venue.Tables.Symbols.Count);
        scheduler.Replace(BuildActors(venue.Fixture, venue.FixturePath, clock.NowMs));
        scheduler.Start();
        log.LogInformation("Simulation: {Count} feeds and agents, clock {Mode} at {Time:o}", scheduler.Actors.Count, clock.Mode, clock.GetUtcNow());
    }

    /// <summary>Back to the current fixture, or to another one; returns how long it took.</summary>
    public Task<TimeSpan> ResetAsync(string? fixture) => scheduler.ExclusiveAsync(async () =>
    {
        var watch = Stopwatch.StartNew();
        string? path = null;
        Fixture? loaded = null;
        if (!string.IsNullOrWhiteSpace(fixture))
        {
            var configured = FixtureLoader.Resolve(venue.Options.Fixture, environment.ContentRootPath);
            path = FixtureLoader.Confine(fixture, [Path.GetDirectoryName(configured) ?? ".", .. venue.Options.FixtureFolders]);
            loaded = FixtureLoader.Load(path);
            FixtureLoader.BuildTables(loaded); // fail before touching anything
        }
        var target = loaded ?? venue.Fixture;
        long before = clock.NowMs;
        bool rewind = clock.IsVirtual && StartOf(options.Value, target) is not null;
        if (rewind) clock.Set(StartOf(options.Value, target)!.Value);
        try { await venue.ReplaceStateAsync(path, loaded, null).ConfigureAwait(false); }
        catch when (rewind)
        {
            clock.Set(before); // a fixture that cannot be seeded changes nothing, the clock included
            throw;
        }
        prices.Reset(venue.Tables.Symbols.Count);
        scheduler.Replace(BuildActors(venue.Fixture, venue.FixturePath, clock.NowMs));
        faults.Clear(options.Value.FaultSeed ?? venue.Fixture.Seed);
        journal.Clear();
        rateLimiter.Clear(); // a test suite resetting between tests never inherits the previous test's request weight or ban
        return watch.Elapsed;
    });

    /// <summary>Takes a named snapshot (replacing one of the same name).</summary>
    public Task<VenueSnapshot> SaveSnapshotAsync(string name) => scheduler.ExclusiveAsync(async () =>
    {
        int max = venue.Options.MaxSnapshots;
        if (!_snapshots.ContainsKey(name) && _snapshots.Count >= max)
            throw new AdminInputException("name", $"at most {max} snapshots are kept (JexSim:MaxSnapshots); delete one first (DELETE /admin/v1/snapshots/{{name}}).")
                { Status = StatusCodes.Status409Conflict };
        long at = clock.NowMs;
        // The snapshot command runs in a batch of its own, after every earlier batch is committed: the database then
        // matches the engine exactly.
        StoreSnapshot store;
        try { store = (StoreSnapshot)(await venue.Sequencer.Submit(new SnapshotCommand()).ConfigureAwait(false))!; }
        catch (Exception e) when (e is not WriterUnavailableException) { throw new InvalidOperationException($"Snapshot '{name}' failed: {e.Message}", e); }
        var snapshot = new VenueSnapshot(name, store!, venue.FixturePath, venue.Fixture, clock.NowMs, clock.IsVirtual,
            prices.Save(), scheduler.Actors.Select(a => a.Save()).ToArray(), at);
        if (_snapshots.TryGetValue(name, out var old)) old.Store.Dispose();
        _snapshots[name] = snapshot;
        return snapshot;
    });

    /// <summary>Puts everything back as the snapshot saw it; false when there is no snapshot of that name.</summary>
    public Task<bool> RestoreSnapshotAsync(string name) => scheduler.ExclusiveAsync(async () =>
    {
        if (!_snapshots.TryGetValue(name, out var s)) return false;
        if (s.VirtualClock) clock.Set(s.ClockMs);
        bool otherFixture = s.FixturePath != venue.FixturePath || !ReferenceEquals(s.Fixture, venue.Fixture);
        await venue.ReplaceStateAsync(otherFixture ? s.FixturePath : null, otherFixture ? s.Fixture : null, s.Store).ConfigureAwait(false);
        prices.Restore(s.Prices);
        var actors = BuildActors(s.Fixture, s.FixturePath, s.ClockMs);
        for (int i = 0; i < actors.Count && i < s.Actors.Length; i++) actors[i].Restore(s.Actors[i]);
        scheduler.Replace(actors);
        return true;
    });

    public bool DeleteSnapshot(string name)
    {
        if (!_snapshots.TryRemove(name, out var s)) return false;
        s.Store.Dispose();
        return true;
    }

    /// <summary>Feeds first, then agents, each in fixture order, each with its own generator derived from the fixture's seed.</summary>
    private List<ISimulationActor> BuildActors(Fixture fixture, string fixturePath, long start)
    {
        var actors = new List<ISimulationActor>();
        int n = 0;
        foreach (var feed in fixture.Feeds)
        {
            var symbol = venue.FindSymbol(feed.Symbol, Engine.MarketType.Spot)!;
            actors.Add(feed.Type == "replay"
                ? new ReplayFeed(feed, FixtureLoader.ResolveBeside(fixturePath, feed.File!), symbol, prices, start)
                : new RandomWalkFeed(feed, symbol, prices, start, SeededRandom.Derive(fixture.Seed, n)));
            n++;
        }
        foreach (var agent in fixture.Agents)
        {
            // A contract agent trades the contract around its index: the spot symbol of the same name (the validator checked both exist).
            var index = venue.FindSymbol(agent.Symbol, Engine.MarketType.Spot)!;
            var symbol = agent.Market == "contract" ? venue.FindSymbol(agent.Symbol, Engine.MarketType.Contract)! : index;
            actors.Add(agent.Type == "marketMaker"
                ? new MarketMaker(agent, symbol, index, venue.Sequencer, prices, start)
                : new NoiseTaker(agent, symbol, index, venue.Sequencer, prices, start, SeededRandom.Derive(fixture.Seed, n)));
            n++;
        }
        // Option expiries last: on their instant, the feeds' ticks come first.
        foreach (var option in venue.Tables.Symbols.Where(s => s.Option is not null))
            actors.Add(new OptionExpiry(option, venue.Sequencer, prices));
        // Contracts: the index follows its source after the feeds; a funding on the same instant sees that index.
        foreach (var c in fixture.ContractSymbols)
        {
            var contract = venue.FindSymbol(c.Symbol, Engine.MarketType.Contract)!;
            if (c.IndexSymbol is { } index)
                actors.Add(new ContractIndexFeed(contract, venue.FindSymbol(index, Engine.MarketType.Spot)!, c.IndexSource == "mid", c.IndexIntervalMs,
                    venue.Sequencer, prices, start));
        }
        foreach (var c in fixture.ContractSymbols)
            actors.Add(new FundingSchedule(venue.FindSymbol(c.Symbol, Engine.MarketType.Contract)!, c.FundingInterval, venue.Sequencer, start));
        return actors;
    }
}

/// <summary>Starts the simulation once the venue has recovered or seeded its state.</summary>
public sealed class SimulationHost(SimulationControl control, SimulationScheduler scheduler) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        control.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => scheduler.StopAsync();
}
