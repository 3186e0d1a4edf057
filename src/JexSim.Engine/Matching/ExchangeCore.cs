using JexSim.Engine.Accounts;
using JexSim.Engine.Books;
using JexSim.Engine.Commands;
using JexSim.Engine.Markets;
using JexSim.Engine.Markets.Option;
using JexSim.Engine.Markets.Contract;
using JexSim.Engine.Markets.Spot;
using JexSim.Engine.Output;

namespace JexSim.Engine.Matching;

/// <summary>
/// The exchange state machine and its one command dispatcher, <see cref="Apply"/>. It owns the books (pooled order
/// slots), the ledger and the per-market rules; the <see cref="Matcher"/> walks books, the rules move money. It is
/// single-threaded by design: only the writer calls it, one command at a time, so the same commands in the same
/// order always yield the same state and the same <see cref="Output"/>.
/// <para>
/// All or nothing: every command validates and asks its market's rules to approve (pre-hold) before it changes
/// anything, and money only enters through deposits capped by <see cref="Ledger.MaxSupply"/>, so a command that
/// passed its checks cannot overflow or fail half-way. Should an unexpected exception still escape, the writer
/// discards this engine and rebuilds it from the last commit (see the server's Sequencer).
/// </para>
/// </summary>
public sealed class ExchangeCore
{
    private readonly AssetSpec[] _assets;
    private readonly SymbolSpec[] _symbols;
    private readonly OrderBook[] _books;
    private readonly Dictionary<string, SymbolSpec> _symbolsByName;
    private readonly OrderStore _orders = new();
    private readonly OrderIndex _index = new();
    private readonly Ledger _ledger;
    private readonly Matcher _matcher;
    private readonly Account _feeAccount;
    private SpotRules _spot;
    private OptionRules _option;
    // Contract market: the ledger, contract id by symbol id (-1: not a contract), reference price by contract id.
    private readonly ContractLedger _contracts;
    private readonly int[] _contractOf;
    private readonly long[] _marks;
    private readonly long[] _reportedFund;
    private ContractRules _contract;

    public ExchangeCore(IReadOnlyList<AssetSpec> assets, IReadOnlyList<SymbolSpec> symbols, long feeAccountId, OrderLimits? limits = null,
        IReadOnlyList<ContractSpec>? contracts = null)
    {
        _assets = assets.OrderBy(a => a.Id).ToArray();
        for (int i = 0; i < _assets.Length; i++)
            if (_assets[i].Id != i) throw new ArgumentException("asset ids must be dense and start at 0", nameof(assets));
        _symbols = symbols.OrderBy(s => s.Id).ToArray();
        for (int i = 0; i < _symbols.Length; i++)
            if (_symbols[i].Id != i) throw new ArgumentException("symbol ids must be dense and start at 0", nameof(symbols));
        if (_symbols.Length > ushort.MaxValue) throw new ArgumentException("too many symbols", nameof(symbols));
        _ledger = new Ledger(_assets.Length, _symbols.Length, Output);
        _books = _symbols.Select(s => new OrderBook(s, _orders, _ledger)).ToArray();
        _symbolsByName = _symbols.ToDictionary(s => s.StoreKey, StringComparer.OrdinalIgnoreCase);
        _matcher = new Matcher(_orders, _index, _ledger, Output);
        Limits = limits ?? new OrderLimits();
        FeeAccountId = feeAccountId;
        _feeAccount = _ledger.Add(feeAccountId);
        _spot = new SpotRules(_ledger, _symbols, _feeAccount);
        Options = new OptionWriters(_ledger, _symbols, _assets.Length, _feeAccount, Output);
        _option = new OptionRules(_spot, Options);
        contracts ??= [];
        _contractOf = new int[_symbols.Length];
        Array.Fill(_contractOf, -1);
        foreach (var c in contracts)
        {
            if ((uint)c.SymbolId >= (uint)_symbols.Length || _symbols[c.SymbolId].Market != MarketType.Contract || _symbols[c.SymbolId].Name != c.Symbol)
                throw new ArgumentException($"contract {c.Symbol}: symbol {c.SymbolId} is not that contract market's symbol", nameof(contracts));
            _contractOf[c.SymbolId] = c.Id;
        }
        foreach (var s in _symbols)
            if (s.Market == MarketType.Contract && _contractOf[s.Id] < 0) throw new ArgumentException($"contract symbol {s.Name} has no contract spec", nameof(contracts));
        _contracts = new ContractLedger(contracts, _assets.Length);
        _contracts.EnsureAccount(_feeAccount.Index);
        _marks = new long[contracts.Count];
        _reportedFund = new long[_assets.Length];
        _contract = new ContractRules(_contracts, _ledger, _symbols, _contractOf, _marks, Output);
    }

    public BatchOutput Output { get; } = new();
    public long FeeAccountId { get; }
    public long NextOrderId { get; private set; } = 1;

    /// <summary>Contract orders are numbered apart, from 2^62 + 1 (the ids JEX's contract examples show, 19 digits), so
    /// spot ids stay dense and the two never meet.</summary>
    public const long FirstContractOrderId = (1L << 62) + 1;

    public long NextContractOrderId { get; private set; } = FirstContractOrderId;
    public long NextTradeId => _matcher.NextTradeId;
    public IReadOnlyList<AssetSpec> Assets => _assets;
    public IReadOnlyList<SymbolSpec> Symbols => _symbols;
    public OrderLimits Limits { get; }
    /// <summary>The option market's writers and settlements.</summary>
    public OptionWriters Options { get; }

    public OrderBook Book(int symbolId) => _books[symbolId];
    /// <summary>A symbol by its <see cref="SymbolSpec.StoreKey"/> (a spot symbol's name; "contract:NAME" for a contract).</summary>
    public SymbolSpec? FindSymbol(string storeKey) => _symbolsByName.GetValueOrDefault(storeKey);
    public Account? FindAccount(long id) => _ledger.Find(id);
    public IReadOnlyList<Account> AccountsView => _ledger.Accounts;
    public int OpenOrderCount => _index.Count;
    public long LastPrice(int symbolId) => _books[symbolId].LastPrice;

    /// <summary>The contract market's ledger (read it on the writer only).</summary>
    public ContractLedger Contracts => _contracts;

    /// <summary>The contract id a symbol trades (-1 when the symbol is not a contract).</summary>
    public int ContractOf(int symbolId) => (uint)symbolId < (uint)_contractOf.Length ? _contractOf[symbolId] : -1;

    /// <summary>A contract symbol's reference price (mark = index in part 1); 0 before one is set.</summary>
    public long MarkPrice(int symbolId) => ContractOf(symbolId) is var c and >= 0 ? _marks[c] : 0;

    public OrderState? FindOpenOrder(long id)
    {
        int slot = _index.Find(id);
        return slot < 0 ? null : _books[_orders[slot].SymbolId].Snapshot(slot);
    }

    /// <summary>An account's resting orders on one symbol, oldest first.</summary>
    public List<OrderState> OpenOrdersOf(long accountId, int symbolId)
    {
        var result = new List<OrderState>();
        if (_ledger.Find(accountId) is not { } account || (uint)symbolId >= (uint)_books.Length) return result;
        foreach (int slot in RestingSlots(_books[symbolId]))
            if (_orders[slot].Account == account.Index) result.Add(_books[symbolId].Snapshot(slot));
        result.Sort((a, b) => a.Id.CompareTo(b.Id));
        return result;
    }

    public BalanceState Balance(long accountId, int assetId)
    {
        var a = _ledger.Find(accountId);
        return new BalanceState(accountId, assetId, a?.Free(assetId) ?? 0, a?.Locked(assetId) ?? 0);
    }

    /// <summary>Total of an asset over all accounts, as deposited (for conservation checks).</summary>
    public long Supply(int assetId) => _ledger.Supply(assetId);

    // ---------------------------------------------------------------- the dispatcher

    /// <summary>Applies one command at venue time <paramref name="now"/>. The only entry point of the writer.</summary>
    public CommandResult Apply(in EngineCommand command, long now)
    {
        switch (command.Kind)
        {
            case CommandKind.PlaceOrder:
                var placed = Place(command.Order, now);
                return new CommandResult(placed.Reject, placed.Order);
            case CommandKind.TestOrder:
                return new CommandResult(Test(command.Order, now));
            case CommandKind.CancelOrder:
                var canceled = Cancel(command.AccountId, command.SymbolId, command.OrderId, now);
                return new CommandResult(canceled.Reject, canceled.Order);
            case CommandKind.CreateAccount:
                return new CommandResult(CreateAccount(command.AccountId) ? RejectReason.None : RejectReason.DuplicateAccount);
            case CommandKind.AdjustBalance:
                return new CommandResult(AdjustBalance(command.AccountId, command.AssetId, command.Amount), Balance: Balance(command.AccountId, command.AssetId));
            case CommandKind.SetAccountDisabled:
                return new CommandResult(SetAccountDisabled(command.AccountId, command.Flag, now));
            case CommandKind.IssueOption:
                return new CommandResult(Options.Issue(command.AccountId, command.SymbolId, command.Amount, now));
            case CommandKind.RedeemOption:
                return new CommandResult(Options.Redeem(command.AccountId, command.SymbolId, command.Amount, now));
            case CommandKind.ExpireOption:
                return new CommandResult(ExpireOption(command.SymbolId, command.Amount, now));
            case CommandKind.SetLeverage:
                return new CommandResult(SetLeverage(command.AccountId, command.SymbolId, command.Amount));
            case CommandKind.TransferMargin:
                return TransferMargin(command.AccountId, command.SymbolId, command.Amount, now);
            case CommandKind.ClosePosition:
                var closed = ClosePosition(command.AccountId, command.SymbolId, now);
                return new CommandResult(closed.Reject, closed.Order);
            case CommandKind.SetMarkPrice:
                return new CommandResult(SetMarkPrice(command.SymbolId, command.Amount, now));
            case CommandKind.ContractDeposit:
                return new CommandResult(ContractDeposit(command.AccountId, command.AssetId, command.Amount));
            case CommandKind.ProtectionFundDeposit:
                return new CommandResult(ProtectionFundDeposit(command.AssetId, command.Amount));
            default:
                throw new ArgumentOutOfRangeException(nameof(command), command.Kind, "unknown command kind");
        }
    }

    /// <summary>
    /// Closes the batch's output: records every changed market's state (update id, last price, the best
    /// <paramref name="depth"/> levels) and the full balances of every account the batch touched.
    /// </summary>
    public void EndBatch(int depth)
    {
        var output = Output;
        foreach (int s in output.ChangedSymbols) output.Markets.Add(MarketOf(_books[s], depth));
        long last = long.MinValue;
        foreach (var b in output.Balances)
        {
            if (b.AccountId == last) continue;
            last = b.AccountId;
            var account = _ledger.Find(b.AccountId)!;
            if (account.AccountsStamp == output.Stamp) continue;
            account.AccountsStamp = output.Stamp;
            var rows = new BalanceState[_assets.Length];
            for (int i = 0; i < rows.Length; i++) rows[i] = new BalanceState(account.Id, i, account.Free(i), account.Locked(i));
            output.Accounts.Add(new AccountBalances(account.Id, rows));
        }
        EndContractBatch(output);
    }

    /// <summary>Each touched contract position once, the contract balances of each touched account, and the pools.</summary>
    private void EndContractBatch(BatchOutput output)
    {
        if (output.ContractTouched.Count == 0) return;
        var positions = new HashSet<(long, int)>();
        var balances = new HashSet<(long, int)>();
        var assets = new SortedSet<int>();
        foreach (var (accountId, symbolId) in output.ContractTouched)
        {
            var account = _ledger.Find(accountId)!;
            int c = _contractOf[symbolId];
            if (positions.Add((accountId, symbolId)))
                output.ContractPositions.Add(new ContractPositionState(accountId, symbolId, _contracts.Position(account.Index, c)));
            int asset = _contracts.Contracts[c].MarginAsset;
            assets.Add(asset);
            if (balances.Add((accountId, asset)))
                output.ContractBalances.Add(new ContractBalanceState(accountId, asset, _contracts.Free(account.Index, asset),
                    _contracts.OrderMargin(account.Index, asset), _contracts.PositionMargin(account.Index, asset)));
        }
        foreach (int asset in assets)
        {
            long fund = _contracts.ProtectionFund(asset);
            output.ContractPools.Add(new ContractPoolState(asset, _contracts.FeeAccount(asset), fund, fund != _reportedFund[asset]));
            _reportedFund[asset] = fund;
        }
    }

    /// <summary>The best levels of every book, as <see cref="EndBatch"/> records them (start-up and resets).</summary>
    public IEnumerable<MarketState> AllMarkets(int depth)
    {
        foreach (var book in _books) yield return MarketOf(book, depth);
    }

    private static MarketState MarketOf(OrderBook book, int depth)
    {
        var (bp, bq) = Top(book.Bids, depth);
        var (ap, aq) = Top(book.Asks, depth);
        return new MarketState(book.Symbol.Id, book.UpdateId, book.LastPrice, bp, bq, ap, aq);
    }

    private static (long[] Prices, long[] Quantities) Top(BookSide side, int depth)
    {
        int n = Math.Min(depth, side.LevelCount);
        var prices = new long[n];
        var quantities = new long[n];
        side.CopyTop(prices, quantities);
        return (prices, quantities);
    }

    // ---------------------------------------------------------------- accounts

    public bool CreateAccount(long accountId)
    {
        if (_ledger.Find(accountId) is not null) return false;
        _ledger.Add(accountId);
        Output.NewAccounts.Add(accountId);
        return true;
    }

    /// <summary>Credits (positive) or debits (negative) an account's free balance: a deposit or a withdrawal.</summary>
    public RejectReason AdjustBalance(long accountId, int assetId, long amount)
    {
        if (_ledger.Find(accountId) is not { } account) return RejectReason.UnknownAccount;
        if ((uint)assetId >= (uint)_assets.Length || Options.IsToken(assetId)) return RejectReason.InvalidAmount;
        var reject = _ledger.CheckAdjust(account, assetId, amount);
        if (reject != RejectReason.None) return reject;
        _ledger.Adjust(account, assetId, amount);
        return RejectReason.None;
    }

    /// <summary>Disables (cancelling every resting order of the account, with output) or re-enables an account.</summary>
    public RejectReason SetAccountDisabled(long accountId, bool disabled, long now)
    {
        if (_ledger.Find(accountId) is not { } account) return RejectReason.UnknownAccount;
        if (disabled)
        {
            int firstLevel = Output.Levels.Count;
            foreach (var book in _books)
            {
                var mine = new List<long>();
                foreach (int slot in RestingSlots(book))
                    if (_orders[slot].Account == account.Index) mine.Add(_orders[slot].Id);
                CancelAll(book, mine, now);
            }
            // One change per level per command, as matching publishes: keep each level's last total.
            var levels = Output.Levels;
            for (int i = levels.Count - 1; i > firstLevel; i--)
                for (int j = firstLevel; j < i; j++)
                    if (levels[j] with { Quantity = 0 } == levels[i] with { Quantity = 0 }) { levels.RemoveAt(j); i--; j--; }
        }
        if (account.Disabled != disabled) Output.AccountFlags.Add((accountId, disabled));
        account.Disabled = disabled;
        return RejectReason.None;
    }

    /// <summary>Cancels the resting orders <paramref name="ids"/> of one book as one book version (one update id).</summary>
    private void CancelAll(OrderBook book, List<long> ids, long now)
    {
        if (ids.Count == 0) return;
        ids.Sort();
        long updateId = book.UpdateId + 1;
        foreach (long id in ids) CancelResting(book, _index.Find(id), now, updateId);
        book.UpdateId = updateId;
    }

    /// <summary>
    /// Options: settles an option at its exertion time. Every resting order of its book is cancelled (one book version),
    /// then <see cref="OptionWriters.Expire"/> pays holders out of the writers' collateral at <paramref name="price"/>.
    /// A price of 0 means "no reference price": the underlying's last trade price is taken, or the strike when it never
    /// traded (nobody is in the money).
    /// </summary>
    public RejectReason ExpireOption(int symbolId, long price, long now)
    {
        if ((uint)symbolId >= (uint)_symbols.Length || _symbols[symbolId].Option is null) return RejectReason.UnknownSymbol;
        if (Options.IsSettled(symbolId)) return RejectReason.OptionExpired;
        if (price < 0) return RejectReason.InvalidAmount;
        var option = _symbols[symbolId].Option!;
        if (price == 0) price = _books[option.Underlying.Id].LastPrice;
        if (price == 0) price = option.Strike;
        var book = _books[symbolId];
        var resting = new List<long>();
        foreach (int slot in RestingSlots(book)) resting.Add(_orders[slot].Id);
        CancelAll(book, resting, now);
        return Options.Expire(symbolId, price, now);
    }

    // ---------------------------------------------------------------- orders

    /// <summary>Checks an order against the symbol's filters and the account's caps, changing nothing (order/test).</summary>
    public RejectReason Validate(in PlaceOrder cmd, long now = long.MinValue)
    {
        if ((uint)cmd.SymbolId >= (uint)_symbols.Length) return RejectReason.UnknownSymbol;
        var symbol = _symbols[cmd.SymbolId];
        if (_ledger.Find(cmd.AccountId) is not { } account) return RejectReason.UnknownAccount;
        if (account.Disabled) return RejectReason.AccountDisabled;
        if (!symbol.Trading) return RejectReason.MarketClosed;
        if (Options.IsClosed(cmd.SymbolId, now)) return RejectReason.OptionExpired;
        if (cmd.Type == OrderType.Market && !symbol.MarketOrdersAllowed) return RejectReason.MarketOrdersNotSupported;

        if (cmd.Quantity < symbol.MinQty || cmd.Quantity > symbol.MaxQty || cmd.Quantity % symbol.StepSize != 0)
            return RejectReason.LotSize;
        if (cmd.Type == OrderType.Limit)
        {
            if (cmd.Price < symbol.MinPrice || cmd.Price > symbol.MaxPrice || cmd.Price % symbol.TickSize != 0)
                return RejectReason.PriceFilter;
            if (!FixedPoint.TryNotionalCeiling(cmd.Price, cmd.Quantity, out long notional)) return RejectReason.NotionalTooLarge;
            if (notional < symbol.MinNotional || notional == 0) return RejectReason.MinNotional;
            if (account.OpenOrders(cmd.SymbolId) >= Limits.MaxOpenOrdersPerSymbol && cmd.TimeInForce == TimeInForce.Gtc)
                return RejectReason.MaxOpenOrders;
        }
        else if (symbol.MinNotional > 0)
        {
            // A market order is checked against the best opposite price, as Binance checks it against the average price.
            var side = _books[cmd.SymbolId].Opposite(cmd.Side);
            if (side.BestSlot >= 0 && FixedPoint.TryNotional(side.At(side.BestSlot).Price, cmd.Quantity, out long est) && est < symbol.MinNotional)
                return RejectReason.MinNotional;
        }
        return RejectReason.None;
    }

    /// <summary>order/test: the filters and caps, and for a contract limit order also its margin (changes nothing).</summary>
    public RejectReason Test(in PlaceOrder cmd, long now = long.MinValue)
    {
        var reject = Validate(cmd, now);
        if (reject != RejectReason.None || ContractOf(cmd.SymbolId) is not (var c and >= 0) || cmd.Type != OrderType.Limit) return reject;
        var account = _ledger.Find(cmd.AccountId)!;
        return ContractRules.ToReject(_contracts.CheckOrderMargin(account.Index, c, cmd.Side, cmd.Price, cmd.Quantity, out _));
    }

    public PlaceResult Place(in PlaceOrder cmd, long now)
    {
        var reject = Validate(cmd, now);
        if (reject != RejectReason.None) return new PlaceResult(reject, default);
        // The one place that picks a market's rules: matching below is the same code for every market.
        switch (_symbols[cmd.SymbolId].Market)
        {
            case MarketType.Spot: return Place(ref _spot, cmd, now);
            case MarketType.Option: return Place(ref _option, cmd, now);
            case MarketType.Contract: return Place(ref _contract, cmd, now);
            default: return new PlaceResult(RejectReason.MarketClosed, default);
        }
    }

    private PlaceResult Place<TRules>(ref TRules rules, in PlaceOrder cmd, long now) where TRules : struct, IMarketRules
    {
        var book = _books[cmd.SymbolId];
        var account = _ledger.Find(cmd.AccountId)!;
        int slot = _orders.Allocate();
        ref var order = ref _orders[slot];
        order.Account = account.Index; order.SymbolId = (ushort)cmd.SymbolId; order.Side = cmd.Side; order.Type = cmd.Type;
        order.TimeInForce = cmd.Type == OrderType.Market ? TimeInForce.Ioc : cmd.TimeInForce;
        order.Price = cmd.Type == OrderType.Limit ? cmd.Price : 0; order.Quantity = cmd.Quantity;
        order.Status = OrderStatus.New; order.Time = now; order.UpdateTime = now;

        var reject = rules.Approve(ref order, book);
        if (reject != RejectReason.None)
        {
            _orders.Free(slot);
            return new PlaceResult(reject, default);
        }
        order.Id = _contractOf[cmd.SymbolId] >= 0 ? NextContractOrderId++ : NextOrderId++;

        if (order.TimeInForce == TimeInForce.Fok && !Matcher.CanFillCompletely(book, order))
        {
            order.Status = OrderStatus.Expired;
            order.Locked = 0;
            var expired = book.Snapshot(slot);
            Output.Orders.Add(expired);
            _orders.Free(slot);
            return new PlaceResult(RejectReason.None, expired);
        }

        rules.Hold(ref order);
        long updateId = book.UpdateId + 1;
        bool bookChanged = _matcher.Match(ref rules, book, slot, now, updateId);

        bool rests = order.Remaining > 0 && order.Type == OrderType.Limit && order.TimeInForce == TimeInForce.Gtc;
        if (rests)
        {
            order.Status = order.Filled > 0 ? OrderStatus.PartiallyFilled : OrderStatus.New;
            long total = book.Rest(slot);
            _index.Add(order.Id, slot);
            account.OrderOpened(order.SymbolId);
            Output.AddLevel(new LevelChange(cmd.SymbolId, order.Side, order.Price, total, updateId));
            bookChanged = true;
        }
        else
        {
            order.Status = order.Remaining == 0 ? OrderStatus.Filled : OrderStatus.Expired;
            rules.Release(ref order);
        }
        if (bookChanged) book.UpdateId = updateId;

        var state = book.Snapshot(slot);
        Output.Orders.Add(state);
        if (!rests) _orders.Free(slot);
        return new PlaceResult(RejectReason.None, state);
    }

    public CancelResult Cancel(long accountId, int symbolId, long orderId, long now)
    {
        int slot = _index.Find(orderId);
        if (slot < 0 || _orders[slot].SymbolId != symbolId || _ledger.AccountAt(_orders[slot].Account).Id != accountId)
            return new CancelResult(RejectReason.UnknownOrder, default);
        var book = _books[symbolId];
        var result = CancelResting(book, slot, now, book.UpdateId + 1);
        book.UpdateId++;
        return result;
    }

    private CancelResult CancelResting(OrderBook book, int slot, long now, long updateId) => book.Symbol.Market switch
    {
        MarketType.Spot => Cancel(ref _spot, slot, now, updateId),
        MarketType.Option => Cancel(ref _option, slot, now, updateId),
        MarketType.Contract => Cancel(ref _contract, slot, now, updateId),
        _ => throw new InvalidOperationException($"order in {book.Symbol.Name}: no rules for market {book.Symbol.Market}"),
    };

    private CancelResult Cancel<TRules>(ref TRules rules, int slot, long now, long updateId) where TRules : struct, IMarketRules
    {
        ref var order = ref _orders[slot];
        var book = _books[order.SymbolId];
        long price = order.Price;
        var side = order.Side;
        long total = book.Remove(slot);
        Output.AddLevel(new LevelChange(order.SymbolId, side, price, total, updateId));
        order.Status = OrderStatus.Canceled;
        order.UpdateTime = now;
        rules.Release(ref order);
        var state = book.Snapshot(slot);
        Output.Orders.Add(state);
        _matcher.Forget(slot);
        return new CancelResult(RejectReason.None, state);
    }

    private IEnumerable<int> RestingSlots(OrderBook book)
    {
        foreach (var side in new[] { book.Bids, book.Asks })
            for (int l = side.BestSlot; l >= 0; l = side.NextWorse(l))
                for (int o = side.At(l).Head; o >= 0; o = _orders[o].Next)
                    yield return o;
    }

    // ---------------------------------------------------------------- contract market

    /// <summary>The account and contract a contract command names, or why not.</summary>
    private RejectReason FindPosition(long accountId, int symbolId, out Account account, out int contract)
    {
        account = null!;
        contract = ContractOf(symbolId);
        if (contract < 0) return RejectReason.UnknownSymbol;
        if (_ledger.Find(accountId) is not { } a) return RejectReason.UnknownAccount;
        account = a;
        return a.Disabled ? RejectReason.AccountDisabled : RejectReason.None;
    }

    public RejectReason SetLeverage(long accountId, int symbolId, long leverage)
    {
        var reject = FindPosition(accountId, symbolId, out var account, out int c);
        if (reject != RejectReason.None) return reject;
        var result = _contracts.SetLeverage(account.Index, c, (int)Math.Clamp(leverage, 0, int.MaxValue));
        if (result == ContractReject.None) Output.ContractTouched.Add((accountId, symbolId));
        return ContractRules.ToReject(result);
    }

    /// <summary>Moves margin between the spot balance of the contract's margin asset and the position; answers the spot balance after it.</summary>
    public CommandResult TransferMargin(long accountId, int symbolId, long amount, long now)
    {
        var reject = FindPosition(accountId, symbolId, out var account, out int c);
        if (reject != RejectReason.None) return new CommandResult(reject);
        int asset = _contracts.Contracts[c].MarginAsset;
        var result = _contracts.TransferMargin(account.Index, c, amount, _marks[c], account.Free(asset));
        if (result != ContractReject.None) return new CommandResult(ContractRules.ToReject(result));
        if (amount > 0) { _ledger.Lock(account, asset, amount); _ledger.SpendLocked(account, asset, amount); }
        else _ledger.Credit(account, asset, -amount);
        Output.ContractBills.Add(new ContractBill(accountId, symbolId, ContractBillType.Transfer, amount, now));
        Output.ContractTouched.Add((accountId, symbolId));
        return new CommandResult(RejectReason.None, Balance: Balance(accountId, asset));
    }

    /// <summary>Closes the whole position with an IOC market order of its size on the other side (POST contract/liquidation).</summary>
    public PlaceResult ClosePosition(long accountId, int symbolId, long now)
    {
        var reject = FindPosition(accountId, symbolId, out var account, out int c);
        if (reject != RejectReason.None) return new PlaceResult(reject, default);
        var position = _contracts.Position(account.Index, c);
        if (position.IsFlat) return new PlaceResult(RejectReason.PositionNotExists, default);
        var side = position.IsLong ? Side.Sell : Side.Buy;
        if (_books[symbolId].Opposite(side).BestSlot < 0) return new PlaceResult(RejectReason.NoLiquidity, default);
        return Place(new PlaceOrder(accountId, symbolId, side, OrderType.Market, TimeInForce.Ioc, 0, position.Size), now);
    }

    public RejectReason SetMarkPrice(int symbolId, long price, long now)
    {
        int c = ContractOf(symbolId);
        if (c < 0) return RejectReason.UnknownSymbol;
        if (price <= 0) return RejectReason.InvalidAmount;
        _marks[c] = price;
        Output.ContractMarks.Add(new ContractMarkState(symbolId, price, now));
        return RejectReason.None;
    }

    /// <summary>Credits an account's contract balance with new money (fixture or admin): the asset's supply grows with it.</summary>
    public RejectReason ContractDeposit(long accountId, int assetId, long amount)
    {
        if (_ledger.Find(accountId) is not { } account) return RejectReason.UnknownAccount;
        if ((uint)assetId >= (uint)_assets.Length || amount <= 0) return RejectReason.InvalidAmount;
        if (_ledger.Supply(assetId) > Ledger.MaxSupply - amount) return RejectReason.BalanceOverflow;
        if (_contracts.Credit(account.Index, assetId, amount) != ContractReject.None) return RejectReason.BalanceOverflow;
        _ledger.Mint(assetId, amount);
        foreach (var spec in _contracts.Contracts)
            if (spec.MarginAsset == assetId) { Output.ContractTouched.Add((accountId, spec.SymbolId)); break; }
        return RejectReason.None;
    }

    /// <summary>Funds a margin asset's protection fund with new money (fixture): the asset's supply grows with it.</summary>
    public RejectReason ProtectionFundDeposit(int assetId, long amount)
    {
        if ((uint)assetId >= (uint)_assets.Length || amount <= 0) return RejectReason.InvalidAmount;
        if (_ledger.Supply(assetId) > Ledger.MaxSupply - amount) return RejectReason.BalanceOverflow;
        if (_contracts.CreditProtectionFund(assetId, amount) != ContractReject.None) return RejectReason.BalanceOverflow;
        _ledger.Mint(assetId, amount);
        foreach (var spec in _contracts.Contracts)
            if (spec.MarginAsset == assetId) { Output.ContractTouched.Add((FeeAccountId, spec.SymbolId)); break; }
        return RejectReason.None;
    }

    // ---------------------------------------------------------------- recovery

    /// <summary>Recovery: recreates an account with its state as persisted. No output is recorded.</summary>
    public void RestoreAccount(long accountId, bool disabled)
    {
        var account = _ledger.Find(accountId) ?? _ledger.Add(accountId);
        account.Disabled = disabled;
    }

    /// <summary>Recovery: sets a balance. Throws when the asset's total would leave the fixed-point range.</summary>
    public void RestoreBalance(long accountId, int assetId, long free, long locked)
    {
        var account = _ledger.Find(accountId) ?? _ledger.Add(accountId);
        if (!_ledger.Restore(account, assetId, free, locked))
            throw new InvalidOperationException($"balance of account {accountId} asset {_assets[assetId].Name} ({free} free, {locked} locked) is negative or takes the asset's total beyond {Ledger.MaxSupply}");
    }

    /// <summary>Puts a persisted open order back in its book. Call in ascending order id to keep time priority.</summary>
    public void RestoreOrder(OrderState state)
    {
        var account = _ledger.Find(state.AccountId) ?? _ledger.Add(state.AccountId);
        int slot = _orders.Allocate();
        ref var o = ref _orders[slot];
        o.Id = state.Id; o.Account = account.Index; o.SymbolId = (ushort)state.SymbolId; o.Side = state.Side; o.Type = state.Type;
        o.TimeInForce = state.TimeInForce; o.Price = state.Price; o.Quantity = state.Quantity; o.Filled = state.Filled;
        o.CumulativeQuote = state.CumulativeQuote; o.Status = state.Status; o.Time = state.Time; o.UpdateTime = state.UpdateTime;
        o.Locked = state.Locked;
        if (_contractOf[state.SymbolId] is var c and >= 0) _contracts.RestoreOrderHold(account.Index, c, state.Side, state.Remaining, state.Locked);
        _books[state.SymbolId].Rest(slot);
        _index.Add(state.Id, slot);
        account.OrderOpened(state.SymbolId);
        if (state.Id >= FirstContractOrderId) NextContractOrderId = Math.Max(NextContractOrderId, state.Id + 1);
        else if (state.Id >= NextOrderId) NextOrderId = state.Id + 1;
    }

    /// <summary>Recovery: an option writer's position as persisted (call after the balances, which hold its collateral).</summary>
    public void RestoreOptionWriter(long accountId, int symbolId, long released, long backed, long settled) =>
        Options.Restore(_ledger.Find(accountId) ?? _ledger.Add(accountId), symbolId, released, backed, settled);

    /// <summary>Recovery: an option that has settled.</summary>
    public void RestoreOptionSettlement(int symbolId, long price) => Options.RestoreSettlement(symbolId, price);
    /// <summary>Recovery: an account's contract balance (free) of a margin asset.</summary>
    public void RestoreContractBalance(long accountId, int assetId, long free)
    {
        var account = _ledger.Find(accountId) ?? _ledger.Add(accountId);
        _contracts.RestoreBalance(account.Index, assetId, free);
    }

    /// <summary>Recovery: a position (its orders' holds come with <see cref="RestoreOrder"/>).</summary>
    public void RestorePosition(long accountId, int symbolId, in Position position)
    {
        var account = _ledger.Find(accountId) ?? _ledger.Add(accountId);
        _contracts.RestorePosition(account.Index, _contractOf[symbolId], position);
    }

    /// <summary>Recovery: the next contract order id (after every stored contract order, open or closed).</summary>
    public void RestoreContractSequence(long nextContractOrderId) => NextContractOrderId = Math.Max(NextContractOrderId, nextContractOrderId);

    public void RestoreMarkPrice(int symbolId, long price) => _marks[_contractOf[symbolId]] = price;

    /// <summary>
    /// Recovery, last step of the contract market: the pools of each margin asset (the clearing pool follows from the
    /// positions), and the money the contract ledger holds joins the asset's supply.
    /// </summary>
    public void RestoreContractPools(IReadOnlyDictionary<int, (long Fees, long Fund)> pools)
    {
        foreach (int asset in _contracts.Contracts.Select(c => c.MarginAsset).Distinct())
        {
            var (fees, fund) = pools.GetValueOrDefault(asset);
            _contracts.RestorePools(asset, fees, fund);
            _reportedFund[asset] = fund;
            if (_ledger.Mint(asset, _contracts.Holdings(asset)) != RejectReason.None)
                throw new InvalidOperationException($"contract holdings of {_assets[asset].Name} take its total beyond {Ledger.MaxSupply}");
        }
    }

    public void RestoreSequences(long nextOrderId, long nextTradeId)
    {
        NextOrderId = Math.Max(NextOrderId, nextOrderId);
        _matcher.NextTradeId = Math.Max(_matcher.NextTradeId, nextTradeId);
    }

    public void RestoreMarket(int symbolId, long updateId, long lastPrice)
    {
        _books[symbolId].UpdateId = updateId;
        _books[symbolId].LastPrice = lastPrice;
    }

    // ---------------------------------------------------------------- invariants

    /// <summary>
    /// Checks the ledger and the books: no negative balance, no crossed book, every asset's total (free + locked over all
    /// accounts, the fee account included) equal to what was deposited, locked balances equal to what open orders hold,
    /// level totals and counts equal to their orders, and the open-order index matching the books.
    /// Returns the violations found (empty when all hold).
    /// </summary>
    public IReadOnlyList<string> CheckInvariants()
    {
        var problems = new List<string>();
        var total = new Int128[_assets.Length];
        var heldByOrders = new Dictionary<(int Account, int Asset), long>();
        var heldByContract = new Dictionary<(int Account, int Contract, Side Side), long>();
        int resting = 0;
        foreach (var book in _books)
        {
            if (book.IsCrossed) problems.Add($"{book.Symbol.Name} book is crossed");
            foreach (var side in new[] { book.Bids, book.Asks })
            {
                int levels = 0;
                for (int l = side.BestSlot; l >= 0; l = side.NextWorse(l))
                {
                    levels++;
                    ref var level = ref side.At(l);
                    long sum = 0; int n = 0;
                    for (int o = level.Head; o >= 0; o = _orders[o].Next)
                    {
                        ref var order = ref _orders[o];
                        sum += order.Remaining; n++; resting++;
                        if (_index.Find(order.Id) != o) problems.Add($"order {order.Id} rests but is not indexed");
                        int asset = book.Symbol.Market switch { MarketType.Spot => _spot.HeldAsset(order), MarketType.Option => _option.HeldAsset(order), _ => -1 };
                        if (book.Symbol.Market == MarketType.Contract) heldByContract[(order.Account, _contractOf[book.Symbol.Id], order.Side)] =
                            heldByContract.GetValueOrDefault((order.Account, _contractOf[book.Symbol.Id], order.Side)) + order.Locked;
                        var key = (order.Account, asset);
                        heldByOrders[key] = heldByOrders.GetValueOrDefault(key) + order.Locked;
                    }
                    if (sum != level.TotalQuantity || n != level.OrderCount || n == 0)
                        problems.Add($"{book.Symbol.Name} level {level.Price} total {level.TotalQuantity}/{level.OrderCount} but orders sum {sum}/{n}");
                }
                if (levels != side.LevelCount) problems.Add($"{book.Symbol.Name} {side.Side} counts {side.LevelCount} levels but has {levels}");
            }
        }
        if (resting != _index.Count) problems.Add($"{_index.Count} orders indexed but {resting} rest in books");
        Options.AddHeld(heldByOrders);
        Options.Check(problems);
        foreach (var a in _ledger.Accounts)
        {
            for (int i = 0; i < _assets.Length; i++)
            {
                long free = a.Free(i), locked = a.Locked(i);
                if (free < 0) problems.Add($"account {a.Id} {_assets[i].Name} free is negative: {free}");
                if (locked < 0) problems.Add($"account {a.Id} {_assets[i].Name} locked is negative: {locked}");
                long held = heldByOrders.GetValueOrDefault((a.Index, i));
                if (held != locked) problems.Add($"account {a.Id} {_assets[i].Name} locked {locked} but open orders hold {held}");
                total[i] += (Int128)free + locked;
            }
        }
        var marginAssets = _contracts.Contracts.Select(c => c.MarginAsset).ToHashSet();
        for (int i = 0; i < _assets.Length; i++)
        {
            if (marginAssets.Contains(i))
            {
                // Spot balances are the contract ledger's "outside": spot + contract money = supply.
                if (total[i] > long.MaxValue || _contracts.CheckInvariants(i, (long)total[i], _ledger.Supply(i)) is not { } problem) continue;
                problems.Add($"{_assets[i].Name}: {problem}");
            }
            else if (total[i] != _ledger.Supply(i)) problems.Add($"{_assets[i].Name} total {total[i]} differs from supply {_ledger.Supply(i)}");
        }
        // Each contract order's hold is part of what the ledger says the account's orders of that side hold.
        foreach (var a in _ledger.Accounts)
            for (int c = 0; c < _contracts.Contracts.Count; c++)
            {
                var p = _contracts.Position(a.Index, c);
                if (heldByContract.GetValueOrDefault((a.Index, c, Side.Buy)) != p.BuyOrderMargin || heldByContract.GetValueOrDefault((a.Index, c, Side.Sell)) != p.SellOrderMargin)
                    problems.Add($"account {a.Id} {_contracts.Contracts[c].Symbol}: order margin {p.BuyOrderMargin}/{p.SellOrderMargin} but its open orders hold {heldByContract.GetValueOrDefault((a.Index, c, Side.Buy))}/{heldByContract.GetValueOrDefault((a.Index, c, Side.Sell))}");
            }
        return problems;
    }
}
