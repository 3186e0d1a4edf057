using JexSim.Engine.Accounts;
using JexSim.Engine.Books;
using JexSim.Engine.Markets;

namespace JexSim.Engine.Matching;

/// <summary>
/// The exchange state machine: books, the ledger and matching. It is single-threaded by design: only the
/// sequencer calls it, one command at a time, so the same command order always yields the same state.
/// Every change it makes is recorded in <see cref="Output"/>.
/// </summary>
public sealed class ExchangeCore
{
    private readonly AssetSpec[] _assets;
    private readonly SymbolSpec[] _symbols;
    private readonly OrderBook[] _books;
    private readonly Dictionary<string, SymbolSpec> _symbolsByName;
    private readonly Dictionary<long, Account> _accounts = new();
    private readonly Dictionary<long, Order> _openOrders = new();
    private readonly long[] _supply;
    private readonly long[] _lastPrice;
    private readonly OrderLimits _limits;
    /// <summary>Closed orders kept for reuse, so the hot path does not allocate one per placement.</summary>
    private readonly Stack<Order> _orderPool = new();
    private const int MaxPooledOrders = 1 << 16;

    public ExchangeCore(IReadOnlyList<AssetSpec> assets, IReadOnlyList<SymbolSpec> symbols, long feeAccountId, OrderLimits? limits = null)
    {
        _assets = assets.OrderBy(a => a.Id).ToArray();
        for (int i = 0; i < _assets.Length; i++)
            if (_assets[i].Id != i) throw new ArgumentException("asset ids must be dense and start at 0", nameof(assets));
        _symbols = symbols.OrderBy(s => s.Id).ToArray();
        for (int i = 0; i < _symbols.Length; i++)
            if (_symbols[i].Id != i) throw new ArgumentException("symbol ids must be dense and start at 0", nameof(symbols));
        _books = _symbols.Select(s => new OrderBook(s)).ToArray();
        _symbolsByName = _symbols.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
        _supply = new long[_assets.Length];
        _lastPrice = new long[_symbols.Length];
        _limits = limits ?? new OrderLimits();
        FeeAccountId = feeAccountId;
        CreateAccountCore(feeAccountId);
    }

    public EngineOutput Output { get; } = new();
    public long FeeAccountId { get; }
    public long NextOrderId { get; private set; } = 1;
    public long NextTradeId { get; private set; } = 1;
    public IReadOnlyList<AssetSpec> Assets => _assets;
    public IReadOnlyList<SymbolSpec> Symbols => _symbols;
    public OrderLimits Limits => _limits;

    public OrderBook Book(int symbolId) => _books[symbolId];
    public SymbolSpec? FindSymbol(string name) => _symbolsByName.GetValueOrDefault(name);
    public Account? FindAccount(long id) => _accounts.GetValueOrDefault(id);
    public IEnumerable<Account> AccountsView => _accounts.Values;
    public Order? FindOpenOrder(long id) => _openOrders.GetValueOrDefault(id);
    public int OpenOrderCount => _openOrders.Count;
    public long LastPrice(int symbolId) => _lastPrice[symbolId];

    // ---------------------------------------------------------------- accounts

    public bool CreateAccount(long accountId)
    {
        if (_accounts.ContainsKey(accountId)) return false;
        CreateAccountCore(accountId);
        Output.NewAccounts.Add(accountId);
        return true;
    }

    private Account CreateAccountCore(long accountId)
    {
        var account = new Account(accountId, _assets.Length, _symbols.Length);
        _accounts.Add(accountId, account);
        return account;
    }

    /// <summary>Credits (positive) or debits (negative) an account's free balance: a deposit or a withdrawal.</summary>
    public RejectReason AdjustBalance(long accountId, int assetId, long amount)
    {
        if (!_accounts.TryGetValue(accountId, out var account)) return RejectReason.UnknownAccount;
        if ((uint)assetId >= (uint)_assets.Length) return RejectReason.InvalidAmount;
        // Free + amount rather than free < -amount: negating long.MinValue overflows back to itself.
        if (amount < 0 && account.Free(assetId) + amount < 0) return RejectReason.InsufficientBalance;
        if (amount > 0 && account.Free(assetId) > long.MaxValue - amount) return RejectReason.InvalidAmount;
        account.Credit(assetId, amount);
        _supply[assetId] += amount;
        Output.TouchBalance(accountId, assetId);
        return RejectReason.None;
    }

    public RejectReason SetAccountDisabled(long accountId, bool disabled)
    {
        if (!_accounts.TryGetValue(accountId, out var account)) return RejectReason.UnknownAccount;
        account.Disabled = disabled;
        return RejectReason.None;
    }

    public BalanceState Balance(long accountId, int assetId)
    {
        var a = _accounts.GetValueOrDefault(accountId);
        return new BalanceState(accountId, assetId, a?.Free(assetId) ?? 0, a?.Locked(assetId) ?? 0);
    }

    // ---------------------------------------------------------------- orders

    /// <summary>Checks an order against the symbol's rules and the account's caps, changing nothing (order/test).</summary>
    public RejectReason Validate(in NewOrder cmd)
    {
        if ((uint)cmd.SymbolId >= (uint)_symbols.Length) return RejectReason.UnknownSymbol;
        var symbol = _symbols[cmd.SymbolId];
        if (!_accounts.TryGetValue(cmd.AccountId, out var account)) return RejectReason.UnknownAccount;
        if (account.Disabled) return RejectReason.AccountDisabled;
        if (!symbol.Trading) return RejectReason.MarketClosed;
        if (cmd.Type == OrderType.Market && !symbol.MarketOrdersAllowed) return RejectReason.MarketOrdersNotSupported;

        if (cmd.Quantity < symbol.MinQty || cmd.Quantity > symbol.MaxQty || cmd.Quantity % symbol.StepSize != 0)
            return RejectReason.LotSize;
        if (cmd.Type == OrderType.Limit)
        {
            if (cmd.Price < symbol.MinPrice || cmd.Price > symbol.MaxPrice || cmd.Price % symbol.TickSize != 0)
                return RejectReason.PriceFilter;
            if (!FixedPoint.TryNotionalCeiling(cmd.Price, cmd.Quantity, out long notional)) return RejectReason.NotionalTooLarge;
            if (notional < symbol.MinNotional || notional == 0) return RejectReason.MinNotional;
            if (account.OpenOrders(cmd.SymbolId) >= _limits.MaxOpenOrdersPerSymbol && cmd.TimeInForce == TimeInForce.Gtc)
                return RejectReason.MaxOpenOrders;
        }
        else if (symbol.MinNotional > 0)
        {
            // A market order is checked against the best opposite price, as Binance checks it against the average price.
            var best = _books[cmd.SymbolId].Opposite(cmd.Side).Best;
            if (best is not null && FixedPoint.TryNotional(best.Price, cmd.Quantity, out long est) && est < symbol.MinNotional)
                return RejectReason.MinNotional;
        }
        return RejectReason.None;
    }

    public PlaceResult Place(in NewOrder cmd, long now)
    {
        var reject = Validate(cmd);
        if (reject != RejectReason.None) return new PlaceResult(reject, default);

        var symbol = _symbols[cmd.SymbolId];
        var book = _books[cmd.SymbolId];
        var account = _accounts[cmd.AccountId];

        int lockAsset;
        long lockAmount;
        if (cmd.Side == Side.Sell)
        {
            lockAsset = symbol.Base.Id;
            lockAmount = cmd.Quantity;
        }
        else
        {
            lockAsset = symbol.Quote.Id;
            if (cmd.Type == OrderType.Limit) FixedPoint.TryNotionalCeiling(cmd.Price, cmd.Quantity, out lockAmount);
            else if (!TryCostToBuy(book, cmd.Quantity, out lockAmount)) return new PlaceResult(RejectReason.NotionalTooLarge, default);
        }
        if (account.Free(lockAsset) < lockAmount) return new PlaceResult(RejectReason.InsufficientBalance, default);

        var order = _orderPool.Count > 0 ? _orderPool.Pop() : new Order();
        order.Id = NextOrderId++; order.AccountId = cmd.AccountId; order.SymbolId = cmd.SymbolId; order.Side = cmd.Side; order.Type = cmd.Type;
        order.TimeInForce = cmd.Type == OrderType.Market ? TimeInForce.Ioc : cmd.TimeInForce;
        order.Price = cmd.Type == OrderType.Limit ? cmd.Price : 0; order.Quantity = cmd.Quantity;
        order.Filled = 0; order.CumulativeQuote = 0; order.Locked = 0;
        order.Status = OrderStatus.New; order.Time = now; order.UpdateTime = now;

        if (order.TimeInForce == TimeInForce.Fok && !CanFillCompletely(book, order))
        {
            order.Status = OrderStatus.Expired;
            var expired = order.Snapshot();
            Output.Orders.Add(expired);
            Recycle(order);
            return new PlaceResult(RejectReason.None, expired);
        }

        account.Lock(lockAsset, lockAmount);
        order.Locked = lockAmount;
        Output.TouchBalance(account.Id, lockAsset);

        long updateId = book.UpdateId + 1;
        bool bookChanged = Match(order, book, symbol, now, updateId);

        if (order.Remaining > 0 && order.Type == OrderType.Limit && order.TimeInForce == TimeInForce.Gtc)
        {
            order.Status = order.Filled > 0 ? OrderStatus.PartiallyFilled : OrderStatus.New;
            var level = book.Rest(order);
            _openOrders.Add(order.Id, order);
            account.OrderOpened(order.SymbolId);
            Output.AddLevel(new LevelChange(symbol.Id, order.Side, level.Price, level.TotalQuantity, updateId));
            bookChanged = true;
        }
        else
        {
            order.Status = order.Remaining == 0 ? OrderStatus.Filled : OrderStatus.Expired;
            ReleaseLock(order, account, symbol);
        }
        if (bookChanged) book.UpdateId = updateId;

        var state = order.Snapshot();
        Output.Orders.Add(state);
        if (!state.Status.IsOpen()) Recycle(order);
        return new PlaceResult(RejectReason.None, state);
    }

    public CancelResult Cancel(long accountId, int symbolId, long orderId, long now)
    {
        if (!_openOrders.TryGetValue(orderId, out var order) || order.AccountId != accountId || order.SymbolId != symbolId)
            return new CancelResult(RejectReason.UnknownOrder, default);
        var book = _books[symbolId];
        var level = order.Level!;
        book.Remove(order);
        long updateId = ++book.UpdateId;
        Output.AddLevel(new LevelChange(symbolId, order.Side, level.Price, level.OrderCount == 0 ? 0 : level.TotalQuantity, updateId));
        Close(order, OrderStatus.Canceled, now);
        var state = order.Snapshot();
        Output.Orders.Add(state);
        Recycle(order);
        return new CancelResult(RejectReason.None, state);
    }

    /// <summary>Matches an incoming order against the opposite side. Returns true when the book changed.</summary>
    private bool Match(Order taker, OrderBook book, SymbolSpec symbol, long now, long updateId)
    {
        var opposite = book.Opposite(taker.Side);
        bool changed = false;
        while (taker.Remaining > 0)
        {
            var level = opposite.Best;
            if (level is null || (taker.Type == OrderType.Limit && !Crosses(taker, level.Price))) break;

            var maker = level.Head;
            while (maker is not null && taker.Remaining > 0)
            {
                var next = maker.Next;
                long qty = Math.Min(taker.Remaining, maker.Remaining);
                Execute(taker, maker, level.Price, qty, symbol, now);
                book.Reduce(maker, qty);
                taker.Filled += qty;
                maker.UpdateTime = now;
                if (maker.Remaining == 0)
                {
                    book.Remove(maker);
                    Close(maker, OrderStatus.Filled, now);
                }
                else
                {
                    maker.Status = OrderStatus.PartiallyFilled;
                }
                Output.Orders.Add(maker.Snapshot());
                if (maker.Remaining == 0) Recycle(maker);
                maker = next;
            }
            Output.AddLevel(new LevelChange(symbol.Id, opposite.Side, level.Price, level.OrderCount == 0 ? 0 : level.TotalQuantity, updateId));
            changed = true;
        }
        taker.UpdateTime = now;
        return changed;
    }

    private static bool Crosses(Order taker, long levelPrice) =>
        taker.Side == Side.Buy ? levelPrice <= taker.Price : levelPrice >= taker.Price;

    private void Execute(Order taker, Order maker, long price, long qty, SymbolSpec symbol, long now)
    {
        var (buy, sell) = taker.Side == Side.Buy ? (taker, maker) : (maker, taker);
        bool buyerMaker = ReferenceEquals(buy, maker);
        var buyer = _accounts[buy.AccountId];
        var seller = _accounts[sell.AccountId];
        var fees = _accounts[FeeAccountId];
        int baseId = symbol.Base.Id, quoteId = symbol.Quote.Id;

        long quote = FixedPoint.Notional(price, qty);
        long buyerFee = FixedPoint.ApplyRate(qty, buyerMaker ? symbol.MakerFeeRate : symbol.TakerFeeRate);
        long sellerFee = FixedPoint.ApplyRate(quote, buyerMaker ? symbol.TakerFeeRate : symbol.MakerFeeRate);

        buy.Locked -= quote;
        buyer.SpendLocked(quoteId, quote);
        buyer.Credit(baseId, qty - buyerFee);
        sell.Locked -= qty;
        seller.SpendLocked(baseId, qty);
        seller.Credit(quoteId, quote - sellerFee);
        if (buyerFee != 0) fees.Credit(baseId, buyerFee);
        if (sellerFee != 0) fees.Credit(quoteId, sellerFee);

        buy.CumulativeQuote += quote;
        sell.CumulativeQuote += quote;
        _lastPrice[symbol.Id] = price;

        Output.TouchBalance(buyer.Id, quoteId);
        Output.TouchBalance(buyer.Id, baseId);
        Output.TouchBalance(seller.Id, baseId);
        Output.TouchBalance(seller.Id, quoteId);
        if (buyerFee != 0) Output.TouchBalance(fees.Id, baseId);
        if (sellerFee != 0) Output.TouchBalance(fees.Id, quoteId);
        Output.AddTrade(new Trade(NextTradeId++, symbol.Id, price, qty, quote, now, buy.Id, sell.Id, buy.AccountId, sell.AccountId, buyerMaker, buyerFee, sellerFee));
    }

    /// <summary>Ends an order's life: unlocks what it still holds and takes it off the open-order index.</summary>
    private void Close(Order order, OrderStatus status, long now)
    {
        var account = _accounts[order.AccountId];
        order.Status = status;
        order.UpdateTime = now;
        ReleaseLock(order, account, _symbols[order.SymbolId]);
        _openOrders.Remove(order.Id);
        account.OrderClosed(order.SymbolId);
    }

    /// <summary>Returns a closed order, already out of its book and the open-order index and snapshotted, for reuse.</summary>
    private void Recycle(Order order)
    {
        if (_orderPool.Count < MaxPooledOrders) _orderPool.Push(order);
    }

    private void ReleaseLock(Order order, Account account, SymbolSpec symbol)
    {
        if (order.Locked == 0) return;
        int asset = order.Side == Side.Buy ? symbol.Quote.Id : symbol.Base.Id;
        account.Unlock(asset, order.Locked);
        order.Locked = 0;
        Output.TouchBalance(account.Id, asset);
    }

    /// <summary>Exact quote cost of a market buy of <paramref name="qty"/> (or of all the asks there are), fill by fill.</summary>
    private static bool TryCostToBuy(OrderBook book, long qty, out long cost)
    {
        cost = 0;
        long remaining = qty;
        foreach (var level in book.Asks.Levels())
        {
            for (var o = level.Head; o is not null && remaining > 0; o = o.Next)
            {
                long take = Math.Min(remaining, o.Remaining);
                if (!FixedPoint.TryNotional(level.Price, take, out long n) || cost > long.MaxValue - n) return false;
                cost += n;
                remaining -= take;
            }
            if (remaining == 0) break;
        }
        return true;
    }

    private static bool CanFillCompletely(OrderBook book, Order order)
    {
        long available = 0;
        foreach (var level in book.Opposite(order.Side).Levels())
        {
            if (order.Type == OrderType.Limit && !Crosses(order, level.Price)) break;
            available += level.TotalQuantity;
            if (available >= order.Quantity) return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- recovery

    /// <summary>Recovery: recreates an account with its state as persisted. No output is recorded.</summary>
    public void RestoreAccount(long accountId, bool disabled)
    {
        if (!_accounts.TryGetValue(accountId, out var account)) account = CreateAccountCore(accountId);
        account.Disabled = disabled;
    }

    public void RestoreBalance(long accountId, int assetId, long free, long locked)
    {
        if (!_accounts.TryGetValue(accountId, out var account)) account = CreateAccountCore(accountId);
        account.SetBalance(assetId, free, locked);
        _supply[assetId] += free + locked;
    }

    /// <summary>Puts a persisted open order back in its book. Call in ascending order id to keep time priority.</summary>
    public void RestoreOrder(OrderState state)
    {
        var order = state.ToOrder();
        _books[order.SymbolId].Rest(order);
        _openOrders.Add(order.Id, order);
        _accounts[order.AccountId].OrderOpened(order.SymbolId);
        if (order.Id >= NextOrderId) NextOrderId = order.Id + 1;
    }

    public void RestoreSequences(long nextOrderId, long nextTradeId)
    {
        NextOrderId = Math.Max(NextOrderId, nextOrderId);
        NextTradeId = Math.Max(NextTradeId, nextTradeId);
    }

    public void RestoreMarket(int symbolId, long updateId, long lastPrice)
    {
        _books[symbolId].UpdateId = updateId;
        _lastPrice[symbolId] = lastPrice;
    }

    // ---------------------------------------------------------------- invariants

    /// <summary>
    /// Checks the ledger and the books: no negative balance, no crossed book, every asset's total (free + locked over all
    /// accounts, the fee account included) equal to what was deposited, and locked balances equal to what open orders hold.
    /// Returns the violations found (empty when all hold).
    /// </summary>
    public IReadOnlyList<string> CheckInvariants()
    {
        var problems = new List<string>();
        var total = new long[_assets.Length];
        var lockedByOrders = new Dictionary<BalanceKey, long>();
        foreach (var o in _openOrders.Values)
        {
            var s = _symbols[o.SymbolId];
            var key = new BalanceKey(o.AccountId, o.Side == Side.Buy ? s.Quote.Id : s.Base.Id);
            lockedByOrders[key] = lockedByOrders.GetValueOrDefault(key) + o.Locked;
        }
        foreach (var a in _accounts.Values)
        {
            for (int i = 0; i < _assets.Length; i++)
            {
                long free = a.Free(i), locked = a.Locked(i);
                if (free < 0) problems.Add($"account {a.Id} {_assets[i].Name} free is negative: {free}");
                if (locked < 0) problems.Add($"account {a.Id} {_assets[i].Name} locked is negative: {locked}");
                long held = lockedByOrders.GetValueOrDefault(new BalanceKey(a.Id, i));
                if (held != locked) problems.Add($"account {a.Id} {_assets[i].Name} locked {locked} but open orders hold {held}");
                total[i] += free + locked;
            }
        }
        for (int i = 0; i < _assets.Length; i++)
            if (total[i] != _supply[i]) problems.Add($"{_assets[i].Name} total {total[i]} differs from supply {_supply[i]}");
        foreach (var b in _books)
        {
            if (b.IsCrossed) problems.Add($"{b.Symbol.Name} book is crossed");
            foreach (var side in new[] { b.Bids, b.Asks })
                foreach (var level in side.Levels())
                {
                    long sum = 0; int n = 0;
                    foreach (var o in level.Orders()) { sum += o.Remaining; n++; }
                    if (sum != level.TotalQuantity || n != level.OrderCount || n == 0)
                        problems.Add($"{b.Symbol.Name} level {level.Price} total {level.TotalQuantity}/{level.OrderCount} but orders sum {sum}/{n}");
                }
        }
        return problems;
    }

    /// <summary>Total of an asset over all accounts, as deposited (for conservation checks).</summary>
    public long Supply(int assetId) => _supply[assetId];
}
