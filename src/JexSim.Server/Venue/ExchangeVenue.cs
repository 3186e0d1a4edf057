using System.Security.Cryptography;
using JexSim.Engine;
using JexSim.Engine.Accounts;
using JexSim.Engine.Markets;
using JexSim.Engine.Matching;
using JexSim.Persistence;
using JexSim.Server.Configuration;
using JexSim.Server.Fixtures;
using Microsoft.Extensions.Options;

namespace JexSim.Server.Venue;

/// <summary>
/// The running venue: the fixture's markets, the engine behind the sequencer, the store, and the read-side views.
/// Endpoints talk to it; it owns the rule that every change goes through <see cref="Sequencer"/>.
/// </summary>
public sealed class ExchangeVenue : IAsyncDisposable
{
    private readonly ILogger<ExchangeVenue> _log;
    private readonly DatabaseLock _databaseLock;
    private Dictionary<string, SymbolSpec> _symbols;

    public ExchangeVenue(IOptions<JexSimOptions> options, TimeProvider clock, IHostEnvironment environment, ILogger<ExchangeVenue> log)
    {
        _log = log;
        Options = options.Value;
        Clock = clock;
        FixturePath = FixtureLoader.Resolve(Options.Fixture, environment.ContentRootPath);
        Fixture = FixtureLoader.Load(FixturePath);
        Tables = FixtureLoader.BuildTables(Fixture);
        _symbols = Tables.Symbols.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
        _databaseLock = DatabaseLock.Acquire(Options.Database); // one server per database, before the store opens it
        try { Store = new SqliteExchangeStore(Options.Database, Options.Durability); }
        catch
        {
            _databaseLock.Dispose();
            throw;
        }
        var core = new ExchangeCore(Tables.Assets, Tables.Symbols, Fixture.FeeAccountId);
        Sequencer = new Sequencer(core, Store, clock, log, Options.MaxBatchSize);
        Views = new MarketViews(Tables.Symbols.Count);
        Sequencer.AddObserver(Views);
    }

    public JexSimOptions Options { get; }
    public TimeProvider Clock { get; }
    public string FixturePath { get; private set; }
    public Fixture Fixture { get; private set; }
    public MarketTables Tables { get; private set; }
    public IExchangeStore Store { get; }
    public Sequencer Sequencer { get; }
    public MarketViews Views { get; }
    public ApiKeyRegistry Keys { get; } = new();

    public long Now => Clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Case-insensitive symbol lookup within one market ("btcusdt" finds BTCUSDT).</summary>
    public SymbolSpec? FindSymbol(string name, MarketType market) =>
        _symbols.TryGetValue(name, out var s) && s.Market == market ? s : null;

    public IEnumerable<SymbolSpec> SymbolsOf(MarketType market) => Tables.Symbols.Where(s => s.Market == market);

    public AssetSpec? FindAsset(string name) => Tables.AssetsByName.GetValueOrDefault(name);

    // ------------------------------------------------------------------ start-up

    /// <summary>Recovers state from the database, or seeds an empty database from the fixture.</summary>
    public async Task StartAsync()
    {
        try { await RecoverOrSeedAsync().ConfigureAwait(false); }
        catch (StartupRefusedException)
        {
            _databaseLock.Dispose(); // a venue that refused to start does not keep its database from the next one
            throw;
        }
    }

    private async Task RecoverOrSeedAsync()
    {
        var state = Store.Load();
        if (!state.IsEmpty && StoredFixtureCheck.Difference(state.Meta, FixturePath) is { } difference)
        {
            var stranded = StoredFixtureCheck.Stranded(state, Tables);
            if (Options.ResetOnFixtureChange)
            {
                _log.LogWarning("Fixture changed ({Difference}); JexSim:ResetOnFixtureChange is set, so {Db} is wiped and seeded afresh", difference, Options.Database);
                Store.Wipe();
                state = Store.Load();
            }
            else if (stranded.Count > 0)
                throw new StartupRefusedException($"{difference}, and it holds what that fixture cannot: {string.Join("; ", stranded.Take(5))}"
                    + $"{(stranded.Count > 5 ? $" (and {stranded.Count - 5} more)" : "")}. Start with the fixture that seeded it, or set JexSim:ResetOnFixtureChange=true to wipe it.");
            else
                _log.LogWarning("FIXTURE MISMATCH: {Difference}. The stored accounts, balances and orders are kept (the new fixture's are NOT seeded); "
                    + "set JexSim:ResetOnFixtureChange=true or call POST /admin/v1/reset to start from the new fixture", difference);
        }
        if (state.IsEmpty)
        {
            Sequencer.Start();
            await Sequencer.Submit(ctx => { Seed(ctx); return 0; }).ConfigureAwait(false);
            _log.LogInformation("Seeded {Db} from fixture {Fixture}", Options.Database, FixturePath);
        }
        else
        {
            var access = RestoreInto(Sequencer.Core, state);
            // A database the ledger cannot balance (edited by hand, or written by a bug) is refused, not served.
            if (Sequencer.Core.CheckInvariants() is { Count: > 0 } broken)
                throw new StartupRefusedException($"The database {Options.Database} breaks the ledger invariants: {string.Join("; ", broken.Take(5))}"
                    + $"{(broken.Count > 5 ? $" (and {broken.Count - 5} more)" : "")}. Fix those rows or start from an empty database.");
            Keys.Load(access.Keys, access.DisabledAccounts);
            Sequencer.Start();
            _log.LogInformation("Recovered {Accounts} accounts and {Orders} open orders from {Db}", state.Accounts.Count, state.OpenOrders.Count, Options.Database);
        }
        Views.PublishAll(Sequencer.Core);
    }

    /// <summary>What authentication reads after a recovery: the API keys and the disabled accounts.</summary>
    private sealed record RecoveredAccess(List<ApiKey> Keys, List<long> DisabledAccounts);

    /// <summary>Rebuilds an engine from stored state; returns what to publish to <see cref="Keys"/>.</summary>
    private RecoveredAccess RestoreInto(ExchangeCore core, RecoveredState state)
    {
        foreach (var a in state.Accounts) core.RestoreAccount(a.Id, a.Disabled);
        foreach (var b in state.Balances)
        {
            var asset = FindAsset(b.Asset);
            if (asset is null) { _log.LogWarning("Balance of unknown asset {Asset} ignored", b.Asset); continue; }
            core.RestoreBalance(b.AccountId, asset.Id, b.Free, b.Locked);
        }
        foreach (var o in state.OpenOrders)
        {
            if (!_symbols.TryGetValue(o.Symbol, out var symbol)) { _log.LogWarning("Open order {Id} of unknown symbol {Symbol} ignored", o.Id, o.Symbol); continue; }
            core.RestoreOrder(new Engine.Books.OrderState(o.Id, o.AccountId, symbol.Id, o.Side, o.Type, o.TimeInForce, o.Price, o.Quantity,
                o.Filled, o.CumulativeQuote, o.Status, o.Time, o.UpdateTime, o.Locked));
        }
        foreach (var m in state.Markets)
            if (_symbols.TryGetValue(m.Symbol, out var symbol)) core.RestoreMarket(symbol.Id, m.UpdateId, m.LastPrice);
        core.RestoreSequences(state.NextOrderId, state.NextTradeId);
        return new RecoveredAccess(state.ApiKeys.Select(ApiKey.From).ToList(), state.Accounts.Where(a => a.Disabled).Select(a => a.Id).ToList());
    }

    /// <summary>Seeds the fixture's accounts and resting orders into an empty engine, inside one writer command.</summary>
    private void Seed(WriteContext ctx)
    {
        foreach (var a in Fixture.Accounts)
        {
            string where = $"accounts[id={a.Id}]";
            var balances = a.Balances.ToDictionary(b => b.Key, b => FixtureLoader.Scaled(b.Value, where, $"balances.{b.Key}"));
            var permissions = FixtureLoader.ParsePermissions(a.Permissions, where);
            CreateAccount(ctx, a.Id, a.Name, new ApiKey(a.ApiKey, a.SecretKey, a.Id, permissions), balances, permissions);
        }
        foreach (var o in Fixture.Orders)
        {
            var symbol = _symbols.GetValueOrDefault(o.Symbol) ?? throw new FixtureException($"orders: unknown symbol '{o.Symbol}'.");
            var side = o.Side.Equals("BUY", StringComparison.OrdinalIgnoreCase) ? Side.Buy : Side.Sell;
            var cmd = new NewOrder(o.Account, symbol.Id, side, OrderType.Limit, TimeInForce.Gtc,
                FixtureLoader.Scaled(o.Price, "orders", "price"), FixtureLoader.Scaled(o.Quantity, "orders", "quantity"));
            var result = ctx.Core.Place(cmd, ctx.Now);
            if (!result.Accepted) throw new FixtureException($"orders: resting order {o.Side} {o.Quantity} {o.Symbol} @ {o.Price} for account {o.Account} was rejected: {result.Reject}.");
        }
        ctx.Meta[StoredFixtureCheck.PathKey] = FixturePath;
        ctx.Meta[StoredFixtureCheck.HashKey] = StoredFixtureCheck.Fingerprint(FixturePath);
        ctx.Meta["fixture_name"] = Fixture.Name;
    }

    /// <summary>
    /// Replaces the whole state in one writer command: back to a fixture, seeded afresh (admin reset), or to a store
    /// snapshot (snapshot restore). Changes of commands sequenced before it in the same batch go with the old state.
    /// </summary>
    internal Task ReplaceStateAsync(string? fixturePath, Fixture? fixture, StoreSnapshot? snapshot) => Sequencer.Submit(ctx =>
    {
        if (fixturePath is not null && fixture is not null)
        {
            var old = (FixturePath, Fixture, Tables, _symbols);
            var tables = FixtureLoader.BuildTables(fixture);
            (FixturePath, Fixture, Tables) = (fixturePath, fixture, tables);
            _symbols = tables.Symbols.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
            // A new fixture is seeded once into a scratch engine first, so one that cannot be seeded changes nothing.
            if (snapshot is null)
            {
                try { Seed(new WriteContext(new ExchangeCore(tables.Assets, tables.Symbols, fixture.FeeAccountId), new CommitBatch()) { Now = ctx.Now }); }
                catch
                {
                    (FixturePath, Fixture, Tables, _symbols) = old;
                    throw;
                }
            }
        }
        ctx.Discard();
        var core = new ExchangeCore(Tables.Assets, Tables.Symbols, Fixture.FeeAccountId);
        ctx.Core = core;
        ctx.AfterCommit.Add(() => { Keys.Clear(); Views.Reset(core); });
        if (snapshot is null)
        {
            Store.Wipe();
            Seed(ctx);
        }
        else
        {
            Store.Restore(snapshot);
            var access = RestoreInto(core, Store.Load());
            ctx.AfterCommit.Add(() => Keys.Load(access.Keys, access.DisabledAccounts));
        }
        return 0;
    });

    // ------------------------------------------------------------------ commands

    public Task<PlaceResult> PlaceOrderAsync(NewOrder order) => Sequencer.Submit(ctx => ctx.Core.Place(order, ctx.Now));

    public Task<RejectReason> ValidateOrderAsync(NewOrder order) => Sequencer.Submit(ctx => ctx.Core.Validate(order));

    public Task<CancelResult> CancelOrderAsync(long accountId, int symbolId, long orderId) =>
        Sequencer.Submit(ctx => ctx.Core.Cancel(accountId, symbolId, orderId, ctx.Now));

    /// <summary>Creates an account with one API key and opening balances, all in one command.</summary>
    public Task<long> CreateAccountAsync(long? accountId, string? name, ApiKey? key, IReadOnlyDictionary<string, long> balances, Permissions permissions = Permissions.All)
    {
        return Sequencer.Submit(ctx => CreateAccount(ctx, accountId, name, key, balances, permissions));
    }

    private long CreateAccount(WriteContext ctx, long? accountId, string? name, ApiKey? key, IReadOnlyDictionary<string, long> balances, Permissions permissions)
    {
        var core = ctx.Core;
        // Check everything before changing anything: a command either applies whole or not at all.
        var credits = balances.Select(b => (Asset: FindAsset(b.Key) ?? throw new ArgumentException($"unknown asset '{b.Key}'"), Amount: b.Value)).ToList();
        if (credits.Any(c => c.Amount < 0)) throw new ArgumentException("opening balances cannot be negative");
        foreach (var (asset, amount) in credits)
            if (amount > Admin.BalanceLimit.Headroom(core, asset.Id))
                throw new Simulation.AdminInputException($"balances.{asset.Name}", Admin.BalanceLimit.Refusal(asset.Name, core.Supply(asset.Id)));
        long id = accountId ?? Math.Max(core.AccountsView.Max(a => a.Id), core.FeeAccountId) + 1;
        if (!core.CreateAccount(id)) throw new InvalidOperationException($"account {id} already exists");
        ctx.Accounts.Add(new AccountRecord(id, name, false, ctx.Now));
        var apiKey = (key ?? NewKey(id, permissions)) with { AccountId = id };
        ctx.ApiKeys.Add(apiKey.ToRecord());
        ctx.AfterCommit.Add(() => Keys.Add(apiKey));
        foreach (var (asset, amount) in credits)
            if (amount != 0) core.AdjustBalance(id, asset.Id, amount);
        return id;
    }

    public static ApiKey NewKey(long accountId, Permissions permissions) =>
        new(RandomToken(64), RandomToken(64), accountId, permissions);

    private static string RandomToken(int length) =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length);

    public async ValueTask DisposeAsync()
    {
        await Sequencer.DisposeAsync().ConfigureAwait(false);
        Store.Dispose();
        _databaseLock.Dispose();
    }
}
