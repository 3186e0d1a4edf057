using System.Security.Cryptography;
using JexSim.Engine;
using JexSim.Engine.Accounts;
using JexSim.Engine.Books;
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
        _symbols = Tables.Symbols.ToDictionary(s => s.StoreKey, StringComparer.OrdinalIgnoreCase);
        _databaseLock = DatabaseLock.Acquire(Options.Database); // one server per database, before the store opens it
        try
        {
            Store = new SqliteStoreWriter(Options.Database, Options.Durability);
            StoreReader = new SqliteStoreReader(Store.Path);
        }
        catch
        {
            _databaseLock.Dispose();
            throw;
        }
        var core = new ExchangeCore(Tables.Assets, Tables.Symbols, Fixture.FeeAccountId, Limits, Tables.Contracts);
        Sequencer = new Sequencer(core, Store, clock, log, Options.MaxBatchSize);
        Views = new MarketViews(Tables.Symbols.Count);
        Sequencer.AddObserver(Views);
    }

    public JexSimOptions Options { get; }
    public TimeProvider Clock { get; }
    public string FixturePath { get; private set; }
    public Fixture Fixture { get; private set; }
    public MarketTables Tables { get; private set; }
    /// <summary>The write side of the store: the writer thread's (recovery, commit, wipe, restore).</summary>
    public IStoreWriter Store { get; }

    /// <summary>The read side of the store: the queries behind the endpoints, from any thread.</summary>
    public IStoreReader StoreReader { get; }
    public Sequencer Sequencer { get; }
    public MarketViews Views { get; }
    public ApiKeyRegistry Keys { get; } = new();
    /// <summary>Deposits, withdrawals and opening supplies: the writer's books of money entering and leaving the venue.</summary>
    public WalletLedger Wallet { get; } = new();
    /// <summary>The per-account order caps the engine applies.</summary>
    public OrderLimits Limits { get; } = new();

    public long Now => Clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Case-insensitive symbol lookup within one market ("btcusdt" finds BTCUSDT).</summary>
    public SymbolSpec? FindSymbol(string name, MarketType market) =>
        _symbols.TryGetValue(SymbolSpec.StoreKeyOf(name, market), out var s) && s.Market == market ? s : null;

    public IEnumerable<SymbolSpec> SymbolsOf(MarketType market) => Tables.Symbols.Where(s => s.Market == market);

    public AssetSpec? FindAsset(string name) => Tables.AssetsByName.GetValueOrDefault(name);

    /// <summary>The assets that can be deposited and withdrawn: all but the option tokens.</summary>
    public IEnumerable<AssetSpec> WalletAssets
    {
        get
        {
            var tokens = Tables.Symbols.Where(s => s.Option is not null).Select(s => s.Base.Id).ToHashSet();
            return Tables.Assets.Where(a => !tokens.Contains(a.Id));
        }
    }

    // ------------------------------------------------------------------ start-up

    /// <summary>Recovers state from the database, or seeds an empty database from the fixture.</summary>
    public async Task StartAsync()
    {
        Sequencer.ApplyVenueCommand = Apply;
        Sequencer.RebuildFromStore = RebuildFromStore;
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
            await Sequencer.Submit(new SeedCommand()).ConfigureAwait(false);
            _log.LogInformation("Seeded {Db} from fixture {Fixture}", Options.Database, FixturePath);
        }
        else
        {
            var access = RestoreInto(Sequencer.Core, state);
            // A database the ledger cannot balance (edited by hand, or written by a bug) is refused, not served.
            if (Sequencer.Core.CheckInvariants() is { Count: > 0 } broken)
                throw new StartupRefusedException($"The database {Options.Database} breaks the ledger invariants: {string.Join("; ", broken.Take(5))}"
                    + $"{(broken.Count > 5 ? $" (and {broken.Count - 5} more)" : "")}. Fix those rows or start from an empty database.");
            // The wallet's books: money entered and left only through deposits and withdrawals. A database changed by
            // other means still starts (the engine's own invariants hold), with a warning naming the asset.
            if (Wallet.Check(Sequencer.Core, WalletAssets) is { Count: > 0 } unbalanced)
                _log.LogWarning("The wallet's books do not balance in {Db}: {Problems}", Options.Database, string.Join("; ", unbalanced));
            Keys.Load(access.Keys, access.DisabledAccounts);
            Views.PublishAll(Sequencer.Core.AllMarkets(MarketViews.Levels));
            Sequencer.Start();
            _log.LogInformation("Recovered {Accounts} accounts and {Orders} open orders from {Db}", state.Accounts.Count, state.OpenOrders.Count, Options.Database);
        }
    }

    /// <summary>What authentication reads after a recovery: the API keys and the disabled accounts.</summary>
    private sealed record RecoveredAccess(List<ApiKey> Keys, List<long> DisabledAccounts);

    /// <summary>The engine as of the last commit, rebuilt from the store (the writer's rollback after a failure).</summary>
    private ExchangeCore RebuildFromStore()
    {
        var core = new ExchangeCore(Tables.Assets, Tables.Symbols, Fixture.FeeAccountId, Limits, Tables.Contracts);
        RestoreInto(core, Store.Load());
        return core;
    }

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
        // Contract positions before the open orders: each contract order adds its hold to its position.
        var contracts = Store.LoadContracts();
        ContractSeeding.RestorePositions(core, contracts, Tables, this);
        foreach (var o in state.OpenOrders)
        {
            if (!_symbols.TryGetValue(o.Symbol, out var symbol)) { _log.LogWarning("Open order {Id} of unknown symbol {Symbol} ignored", o.Id, o.Symbol); continue; }
            core.RestoreOrder(new OrderState(o.Id, o.AccountId, symbol.Id, o.Side, o.Type, o.TimeInForce, o.Price, o.Quantity,
                o.Filled, o.CumulativeQuote, o.Status, o.Time, o.UpdateTime, o.Locked));
        }
        foreach (var m in state.Markets)
            if (_symbols.TryGetValue(m.Symbol, out var symbol)) core.RestoreMarket(symbol.Id, m.UpdateId, m.LastPrice);
        foreach (var w in state.OptionWriters)
            if (_symbols.TryGetValue(w.Symbol, out var symbol)) core.RestoreOptionWriter(w.AccountId, symbol.Id, w.Released, w.Backed, w.Settled);
        foreach (var s in state.OptionSettlements)
            if (_symbols.TryGetValue(s.Symbol, out var symbol)) core.RestoreOptionSettlement(symbol.Id, s.Price);
        core.RestoreSequences(state.NextOrderId, state.NextTradeId);
        ContractSeeding.RestorePools(core, contracts, Tables);
        Wallet.Load(state, core, WalletAssets);
        return new RecoveredAccess(state.ApiKeys.Select(ApiKey.From).ToList(), state.Accounts.Where(a => a.Disabled).Select(a => a.Id).ToList());
    }

    // ------------------------------------------------------------------ the venue command dispatcher (writer thread)

    private object? Apply(VenueCommand command, WriteContext ctx) => command switch
    {
        CreateAccountCommand c => CreateAccount(ctx, c, Wallet),
        RequoteCommand c => Requote(ctx, c),
        ReplaceStateCommand c => ReplaceState(ctx, c),
        SeedCommand => Seed(ctx, Wallet),
        SnapshotCommand => Store.Snapshot(),
        DepositCommand c => Wallet.Deposit(ctx, c),
        WithdrawCommand c => Wallet.Withdraw(ctx, c),
        ForceWithdrawalStatusCommand c => Wallet.Force(ctx, c, FindAsset),
        _ => throw new ArgumentException($"unknown venue command {command.GetType().Name}"),
    };

    /// <summary>Seeds the fixture's accounts and resting orders into an empty engine, inside one writer command.</summary>
    private object? Seed(WriteContext ctx, WalletLedger wallet)
    {
        foreach (var a in Fixture.Accounts)
        {
            string where = $"accounts[id={a.Id}]";
            var balances = a.Balances.ToDictionary(b => b.Key, b => FixtureLoader.Scaled(b.Value, where, $"balances.{b.Key}"));
            var permissions = FixtureLoader.ParsePermissions(a.Permissions, where);
            CreateAccount(ctx, new CreateAccountCommand(a.Id, a.Name, new ApiKey(a.ApiKey, a.SecretKey, a.Id, permissions), balances, permissions), wallet);
        }
        foreach (var r in Fixture.Releases)
        {
            var symbol = _symbols.GetValueOrDefault(r.Symbol) ?? throw new FixtureException($"releases: unknown symbol '{r.Symbol}'.");
            var result = ctx.Core.Apply(EngineCommand.IssueOption(r.Account, symbol.Id, FixtureLoader.Scaled(r.Amount, "releases", "amount")), ctx.Now);
            if (!result.Accepted) throw new FixtureException($"releases: issuing {r.Amount} {r.Symbol} for account {r.Account} was refused: {result.Reject}.");
        }
        foreach (var o in Fixture.Orders)
        {
            var symbol = _symbols.GetValueOrDefault(o.Symbol) ?? throw new FixtureException($"orders: unknown symbol '{o.Symbol}'.");
            var side = o.Side.Equals("BUY", StringComparison.OrdinalIgnoreCase) ? Side.Buy : Side.Sell;
            var cmd = new PlaceOrder(o.Account, symbol.Id, side, OrderType.Limit, TimeInForce.Gtc,
                FixtureLoader.Scaled(o.Price, "orders", "price"), FixtureLoader.Scaled(o.Quantity, "orders", "quantity"));
            var result = ctx.Core.Apply(EngineCommand.Place(cmd), ctx.Now);
            if (!result.Accepted) throw new FixtureException($"orders: resting order {o.Side} {o.Quantity} {o.Symbol} @ {o.Price} for account {o.Account} was rejected: {result.Reject}.");
        }
        ContractSeeding.Seed(ctx, Fixture, this);
        wallet.SetOpenings(ctx, WalletAssets);
        ctx.Meta[StoredFixtureCheck.PathKey] = FixturePath;
        ctx.Meta[StoredFixtureCheck.HashKey] = StoredFixtureCheck.Fingerprint(FixturePath);
        ctx.Meta["fixture_name"] = Fixture.Name;
        ctx.AfterCommit.Add(() => Views.PublishAll(ctx.Core.AllMarkets(MarketViews.Levels)));
        return null;
    }

    /// <summary>
    /// Replaces the whole state (admin reset or snapshot restore). It runs in a batch of its own, so every command
    /// sequenced before it is committed with the old state first.
    /// </summary>
    private object? ReplaceState(WriteContext ctx, ReplaceStateCommand c)
    {
        if (c.FixturePath is not null && c.Fixture is not null)
        {
            var old = (FixturePath, Fixture, Tables, _symbols);
            var tables = FixtureLoader.BuildTables(c.Fixture);
            (FixturePath, Fixture, Tables) = (c.FixturePath, c.Fixture, tables);
            _symbols = tables.Symbols.ToDictionary(s => s.StoreKey, StringComparer.OrdinalIgnoreCase);
            // A new fixture is seeded once into a scratch engine first, so one that cannot be seeded changes nothing.
            if (c.Snapshot is null)
            {
                try { Seed(new WriteContext(new ExchangeCore(tables.Assets, tables.Symbols, c.Fixture.FeeAccountId, Limits, tables.Contracts), new CommitBatch()) { Now = ctx.Now }, new WalletLedger()); }
                catch
                {
                    (FixturePath, Fixture, Tables, _symbols) = old;
                    throw;
                }
            }
        }
        var core = new ExchangeCore(Tables.Assets, Tables.Symbols, Fixture.FeeAccountId, Limits, Tables.Contracts);
        ctx.ReplaceState(core);
        ctx.AfterCommit.Add(() => { Keys.Clear(); Views.Reset(core.Symbols.Count); });
        if (c.Snapshot is null)
        {
            Store.Wipe();
            Wallet.Clear();
            Seed(ctx, Wallet);
        }
        else
        {
            Store.Restore(c.Snapshot);
            var access = RestoreInto(core, Store.Load());
            ctx.AfterCommit.Add(() => Keys.Load(access.Keys, access.DisabledAccounts));
            ctx.AfterCommit.Add(() => Views.PublishAll(core.AllMarkets(MarketViews.Levels)));
        }
        return null;
    }

    internal Task ReplaceStateAsync(string? fixturePath, Fixture? fixture, StoreSnapshot? snapshot) =>
        Sequencer.Submit(new ReplaceStateCommand(fixturePath, fixture, snapshot));

    // ------------------------------------------------------------------ commands

    public Task<CommandResult> PlaceOrderAsync(PlaceOrder order) => Sequencer.Submit(EngineCommand.Place(order));

    public Task<CommandResult> ValidateOrderAsync(PlaceOrder order) => Sequencer.Submit(EngineCommand.Test(order));

    public Task<CommandResult> CancelOrderAsync(long accountId, int symbolId, long orderId) =>
        Sequencer.Submit(EngineCommand.Cancel(accountId, symbolId, orderId));

    public Task<CommandResult> IssueOptionAsync(long accountId, int symbolId, long tokens) =>
        Sequencer.Submit(EngineCommand.IssueOption(accountId, symbolId, tokens));

    public Task<CommandResult> RedeemOptionAsync(long accountId, int symbolId, long tokens) =>
        Sequencer.Submit(EngineCommand.RedeemOption(accountId, symbolId, tokens));

    /// <summary>Credits a deposit and records it (depositHistory).</summary>
    public async Task<WalletOutcome> DepositAsync(long accountId, AssetSpec asset, long amount) =>
        (WalletOutcome)(await Sequencer.Submit(new DepositCommand(accountId, asset, amount)).ConfigureAwait(false))!;

    /// <summary>Debits a withdrawal and records it (withdrawHistory); <paramref name="completed"/> records it completed at once.</summary>
    public async Task<WalletOutcome> WithdrawAsync(long accountId, AssetSpec asset, long amount, string address, string? addressTag, string? name, bool completed = false) =>
        (WalletOutcome)(await Sequencer.Submit(new WithdrawCommand(accountId, asset, amount, address, addressTag, name, completed)).ConfigureAwait(false))!;

    /// <summary>Forces a withdrawal's status (admin).</summary>
    public async Task<WalletOutcome> ForceWithdrawalStatusAsync(string withdrawalId, int status) =>
        (WalletOutcome)(await Sequencer.Submit(new ForceWithdrawalStatusCommand(withdrawalId, status)).ConfigureAwait(false))!;

    /// <summary>Disables an account (cancelling its resting orders) or enables it again; authentication follows after the commit.</summary>
    public async Task<RejectReason> SetAccountDisabledAsync(long accountId, bool disabled)
    {
        var result = await Sequencer.Submit(EngineCommand.SetAccountDisabled(accountId, disabled)).ConfigureAwait(false);
        if (result.Accepted) Keys.SetDisabled(accountId, disabled);
        return result.Reject;
    }

    /// <summary>Creates an account with one API key and opening balances, all in one command.</summary>
    public async Task<long> CreateAccountAsync(long? accountId, string? name, ApiKey? key, IReadOnlyDictionary<string, long> balances, Permissions permissions = Permissions.All) =>
        (long)(await Sequencer.Submit(new CreateAccountCommand(accountId, name, key, balances, permissions)).ConfigureAwait(false))!;

    private long CreateAccount(WriteContext ctx, CreateAccountCommand c, WalletLedger wallet)
    {
        var core = ctx.Core;
        // Check everything before changing anything: a command either applies whole or not at all.
        var credits = c.Balances.Select(b => (Asset: FindAsset(b.Key) ?? throw new ArgumentException($"unknown asset '{b.Key}'"), Amount: b.Value)).ToList();
        if (credits.Any(x => x.Amount < 0)) throw new ArgumentException("opening balances cannot be negative");
        foreach (var (asset, amount) in credits)
            if (amount > Admin.BalanceLimit.Headroom(core, asset.Id))
                throw new Simulation.AdminInputException($"balances.{asset.Name}", Admin.BalanceLimit.Refusal(asset.Name, core.Supply(asset.Id)));
        long id = c.AccountId ?? Math.Max(core.AccountsView.Max(a => a.Id), core.FeeAccountId) + 1;
        if (core.FindAccount(id) is not null) throw new ArgumentException($"account {id} already exists");
        core.Apply(EngineCommand.CreateAccount(id), ctx.Now);
        ctx.Accounts.Add(new AccountRecord(id, c.Name, false, ctx.Now));
        var apiKey = (c.Key ?? NewKey(id, c.Permissions)) with { AccountId = id };
        ctx.ApiKeys.Add(apiKey.ToRecord());
        ctx.AfterCommit.Add(() => Keys.Add(apiKey));
        foreach (var (asset, amount) in credits)
        {
            if (amount == 0) continue;
            if (core.Apply(EngineCommand.AdjustBalance(id, asset.Id, amount), ctx.Now).Reject is var r and not RejectReason.None)
                throw new InvalidOperationException($"opening balance of {asset.Name} refused: {r}");
            wallet.AddOpening(ctx, asset.Name, amount);
        }
        return id;
    }

    /// <summary>A market maker's requote (see <see cref="RequoteCommand"/>).</summary>
    private bool Requote(WriteContext ctx, RequoteCommand c)
    {
        var core = ctx.Core;
        var mine = core.OpenOrdersOf(c.AccountId, c.SymbolId);
        bool intact = mine.Count == c.Ladder.Count && mine.TrueForAll(o => o.Filled == 0);
        if (intact && !c.Force) return false;
        foreach (var o in mine) core.Apply(EngineCommand.Cancel(c.AccountId, c.SymbolId, o.Id), ctx.Now);
        // Nearest quotes first on both sides, so a crossing quote trades at the best price.
        foreach (var (side, price) in c.Ladder)
            core.Apply(EngineCommand.Place(new PlaceOrder(c.AccountId, c.SymbolId, side, OrderType.Limit, TimeInForce.Gtc, price, c.Quantity)), ctx.Now);
        return true;
    }

    public static ApiKey NewKey(long accountId, Permissions permissions) =>
        new(RandomToken(64), RandomToken(64), accountId, permissions);

    private static string RandomToken(int length) =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length);

    /// <summary>
    /// Lets the writer commit every queued command, closes the store and releases the database's lock. Runs when the
    /// host stops (<see cref="VenueStartup.StopAsync"/>), so a host that has stopped has let go of its database even
    /// before its services are disposed; safe to call again.
    /// </summary>
    public async Task CloseAsync()
    {
        await Sequencer.DisposeAsync().ConfigureAwait(false);
        if (_closed) return;
        _closed = true;
        Store.Dispose();
        StoreReader.Dispose();
        _databaseLock.Dispose();
        _released.TrySetResult();
    }

    private bool _closed;
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the store is closed and the database's lock released (a restart in the same process waits for it).</summary>
    public Task Released => _released.Task;

    public async ValueTask DisposeAsync() => await CloseAsync().ConfigureAwait(false);
}
