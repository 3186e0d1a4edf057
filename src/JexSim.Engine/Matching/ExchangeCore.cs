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
public sealed partial class ExchangeCore
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
    // Contract market: the ledger, contract id by symbol id (-1: not a contract), prices and funding by contract id.
    private readonly ContractLedger _contracts;
    private readonly int[] _contractOf;
    private readonly ContractPrices _prices;
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
        _prices = new ContractPrices(contracts.Count);
        _reportedFund = new long[_assets.Length];
        _contract = new ContractRules(_contracts, _ledger, _symbols, _contractOf, _prices.Mark, Output);
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

    /// <summary>A contract symbol's mark price; 0 before its index is set.</summary>
    public long MarkPrice(int symbolId) => ContractOf(symbolId) is var c and >= 0 ? _prices.Mark[c] : 0;

    /// <summary>A contract symbol's index price; 0 before one is set.</summary>
    public long IndexPrice(int symbolId) => ContractOf(symbolId) is var c and >= 0 ? _prices.Index[c] : 0;

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
            case CommandKind.SetIndexPrice:
                return new CommandResult(SetIndexPrice(command.SymbolId, command.Amount, now));
            case CommandKind.ApplyFunding:
                return new CommandResult(ApplyFunding(command.SymbolId, now));
            case CommandKind.PlaceTriggerOrder:
                var trigger = PlaceTrigger(command.Order, command.TriggerType, command.TriggerPrice, now);
                return new CommandResult(trigger.Reject, trigger.Order);
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
}
