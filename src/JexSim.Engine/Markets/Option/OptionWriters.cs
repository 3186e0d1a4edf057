using JexSim.Engine.Accounts;
using JexSim.Engine.Commands;
using JexSim.Engine.Output;

namespace JexSim.Engine.Markets.Option;

/// <summary>
/// The option market's own ledger: who wrote which tokens against which collateral, and which options have settled.
/// Tokens are the option symbol's base asset; they enter only through <see cref="Issue"/> and leave only through
/// <see cref="Redeem"/> and <see cref="Expire"/>, so an option's token supply always equals the tokens its writers have
/// outstanding, and each writer's collateral sits in their locked balances (see <see cref="AddHeld"/>).
/// Every amount is exact: tokens are whole (the loader requires an integral step size), and the collateral per token
/// has at most 8 decimals.
/// </summary>
public sealed class OptionWriters
{
    private readonly Ledger _ledger;
    private readonly SymbolSpec[] _symbols;
    private readonly BatchOutput _output;
    private readonly Account _feeAccount;
    private readonly Dictionary<(int Account, int Symbol), WriterPosition> _positions = new();
    private readonly long[] _settlementPrice;
    private readonly bool[] _settled;
    private readonly bool[] _isToken;

    internal OptionWriters(Ledger ledger, SymbolSpec[] symbols, int assetCount, Account feeAccount, BatchOutput output)
    {
        _feeAccount = feeAccount;
        _ledger = ledger;
        _symbols = symbols;
        _output = output;
        _settlementPrice = new long[symbols.Length];
        _settled = new bool[symbols.Length];
        _isToken = new bool[assetCount];
        foreach (var s in symbols)
            if (s.Option is not null) _isToken[s.Base.Id] = true;
    }

    /// <summary>Whether the asset is an option token (its supply moves only by issue, redeem and expiry).</summary>
    public bool IsToken(int assetId) => (uint)assetId < (uint)_isToken.Length && _isToken[assetId];

    public bool IsSettled(int symbolId) => _settled[symbolId];

    /// <summary>Closed for trading, issue and redemption: settled, or at or past its exertion time.</summary>
    public bool IsClosed(int symbolId, long now) =>
        _symbols[symbolId].Option is { } o && (_settled[symbolId] || now >= o.ExertionTime);

    public WriterPosition? Position(long accountId, int symbolId) =>
        _ledger.Find(accountId) is { } a ? _positions.GetValueOrDefault((a.Index, symbolId)) : null;

    public IEnumerable<WriterPosition> Positions => _positions.Values;

    /// <summary>Issues <paramref name="amount"/> tokens to the writer, locking their collateral.</summary>
    internal RejectReason Issue(long accountId, int symbolId, long amount, long now)
    {
        var reject = Check(accountId, symbolId, amount, now, out var account, out var terms);
        if (reject != RejectReason.None) return reject;
        if (!Collateral(amount, terms!, out long margin, out long @base)) return RejectReason.NotionalTooLarge;
        int marginId = terms!.MarginAsset.Id, baseId = terms.BaseAsset.Id;
        bool enough = marginId == baseId
            ? (Int128)margin + @base <= account!.Free(marginId)
            : margin <= account!.Free(marginId) && @base <= account.Free(baseId);
        if (!enough) return RejectReason.InsufficientCollateral;
        int token = _symbols[symbolId].Base.Id;
        if (_ledger.CheckAdjust(account, token, amount) != RejectReason.None) return RejectReason.BalanceOverflow;

        if (margin != 0) _ledger.Lock(account, marginId, margin);
        if (@base != 0) _ledger.Lock(account, baseId, @base);
        _ledger.Adjust(account, token, amount);
        var key = (account.Index, symbolId);
        if (!_positions.TryGetValue(key, out var position)) _positions.Add(key, position = new WriterPosition(accountId, symbolId));
        position.Released += amount;
        _output.OptionEvents.Add(new OptionEvent(accountId, symbolId, OptionEventKind.Release, amount, margin, @base, 0, 0, now));
        return RejectReason.None;
    }

    /// <summary>Burns <paramref name="amount"/> of the writer's tokens and gives back their collateral pro rata.</summary>
    internal RejectReason Redeem(long accountId, int symbolId, long amount, long now)
    {
        var reject = Check(accountId, symbolId, amount, now, out var account, out var terms);
        if (reject != RejectReason.None) return reject;
        if (!_positions.TryGetValue((account!.Index, symbolId), out var position) || position.Outstanding == 0) return RejectReason.NothingReleased;
        if (amount > position.Outstanding) return RejectReason.RedeemExceedsReleased;
        int token = _symbols[symbolId].Base.Id;
        if (account.Free(token) < amount) return RejectReason.InsufficientBalance;
        Collateral(amount, terms!, out long margin, out long @base);

        _ledger.Adjust(account, token, -amount);
        if (margin != 0) _ledger.Unlock(account, terms!.MarginAsset.Id, margin);
        if (@base != 0) _ledger.Unlock(account, terms!.BaseAsset.Id, @base);
        position.Backed += amount;
        _output.OptionEvents.Add(new OptionEvent(accountId, symbolId, OptionEventKind.Back, amount, margin, @base, 0, 0, now));
        return RejectReason.None;
    }

    /// <summary>
    /// Settles an option whose book is already empty: each writer pays <see cref="OptionSpec.PayoffPerToken"/> per outstanding
    /// token out of their locked margin and gets the rest of their collateral back; each holder's tokens are burned and
    /// the payoff credited, rounded down. Writers first, in account order, then holders, in account order: deterministic.
    /// Writers pay exactly (whole tokens); holders may hold fractions (spot fees are taken in tokens), so what rounding
    /// leaves (under 10^-8 per holder) goes to the fee account, and the margin asset's supply is unchanged.
    /// </summary>
    internal RejectReason Expire(int symbolId, long price, long now)
    {
        if ((uint)symbolId >= (uint)_symbols.Length || _symbols[symbolId].Option is not { } option) return RejectReason.UnknownSymbol;
        if (_settled[symbolId]) return RejectReason.OptionExpired;
        if (price <= 0) return RejectReason.InvalidAmount;
        long payoff = option.PayoffPerToken(price);
        int token = _symbols[symbolId].Base.Id;
        if (option.Release is { } terms)
        {
            int marginId = terms.MarginAsset.Id, baseId = terms.BaseAsset.Id;
            long dust = 0;
            foreach (var (key, position) in _positions.Where(p => p.Key.Symbol == symbolId && p.Value.Outstanding > 0).OrderBy(p => p.Key.Account))
            {
                var writer = _ledger.AccountAt(key.Account);
                long outstanding = position.Outstanding;
                Collateral(outstanding, terms, out long margin, out long @base);
                long paid = FixedPoint.ApplyRate(outstanding, payoff);
                dust += paid;
                if (paid != 0) _ledger.SpendLocked(writer, marginId, paid);
                if (margin - paid != 0) _ledger.Unlock(writer, marginId, margin - paid);
                if (@base != 0) _ledger.Unlock(writer, baseId, @base);
                position.Settled += outstanding;
                _output.OptionEvents.Add(new OptionEvent(writer.Id, symbolId, OptionEventKind.ExpireWriter, outstanding, margin - paid, @base, price, paid, now));
            }
            foreach (var holder in _ledger.Accounts)
            {
                long held = holder.Free(token);
                if (held == 0) continue;
                long received = FixedPoint.ApplyRate(held, payoff);
                dust -= received;
                _ledger.Adjust(holder, token, -held);
                if (received != 0) _ledger.Credit(holder, marginId, received);
                _output.OptionEvents.Add(new OptionEvent(holder.Id, symbolId, OptionEventKind.ExpireHolder, held, 0, 0, price, received, now));
            }
            if (dust != 0) _ledger.Credit(_feeAccount, marginId, dust);
        }
        _settled[symbolId] = true;
        _settlementPrice[symbolId] = price;
        _output.OptionSettlements.Add(new OptionSettlement(symbolId, price, payoff, now));
        return RejectReason.None;
    }

    private RejectReason Check(long accountId, int symbolId, long amount, long now, out Account? account, out ReleaseTerms? terms)
    {
        account = null;
        terms = null;
        if ((uint)symbolId >= (uint)_symbols.Length || _symbols[symbolId].Option is not { } option) return RejectReason.UnknownSymbol;
        if ((account = _ledger.Find(accountId)) is null) return RejectReason.UnknownAccount;
        if (account.Disabled) return RejectReason.AccountDisabled;
        if (IsClosed(symbolId, now)) return RejectReason.OptionExpired;
        if ((terms = option.Release) is null) return RejectReason.OptionNotReleasable;
        if (amount <= 0 || amount % FixedPoint.Scale != 0) return RejectReason.InvalidAmount;
        return RejectReason.None;
    }

    /// <summary>The collateral <paramref name="tokens"/> lock; false when it leaves the fixed-point range.</summary>
    private static bool Collateral(long tokens, ReleaseTerms terms, out long margin, out long @base)
    {
        Int128 m = (Int128)tokens * terms.MarginPerToken / FixedPoint.Scale, b = (Int128)tokens * terms.BasePerToken / FixedPoint.Scale;
        bool fits = m <= long.MaxValue && b <= long.MaxValue;
        margin = fits ? (long)m : long.MaxValue;
        @base = fits ? (long)b : long.MaxValue;
        return fits;
    }

    /// <summary>Adds every writer's locked collateral to <paramref name="held"/> (the engine's invariant check).</summary>
    internal void AddHeld(Dictionary<(int Account, int Asset), long> held)
    {
        foreach (var (key, position) in _positions)
        {
            if (position.Outstanding == 0 || _symbols[key.Symbol].Option?.Release is not { } terms) continue;
            Collateral(position.Outstanding, terms, out long margin, out long @base);
            var m = (key.Account, terms.MarginAsset.Id);
            held[m] = held.GetValueOrDefault(m) + margin;
            var b = (key.Account, terms.BaseAsset.Id);
            held[b] = held.GetValueOrDefault(b) + @base;
        }
    }

    /// <summary>Each option's token supply against its writers' outstanding tokens (the engine's invariant check).</summary>
    internal void Check(List<string> problems)
    {
        foreach (var s in _symbols)
        {
            if (s.Option is null) continue;
            long outstanding = _positions.Where(p => p.Key.Symbol == s.Id).Sum(p => p.Value.Outstanding);
            if (_ledger.Supply(s.Base.Id) != outstanding)
                problems.Add($"{s.Name} token supply {_ledger.Supply(s.Base.Id)} differs from the {outstanding} tokens its writers have outstanding");
        }
    }

    /// <summary>Recovery: a writer's position as persisted (its collateral comes back with the balances).</summary>
    internal void Restore(Account account, int symbolId, long released, long backed, long settled)
    {
        var key = (account.Index, symbolId);
        if (!_positions.TryGetValue(key, out var position)) _positions.Add(key, position = new WriterPosition(account.Id, symbolId));
        position.Released = released;
        position.Backed = backed;
        position.Settled = settled;
    }

    /// <summary>Recovery: the option settled at <paramref name="price"/>.</summary>
    internal void RestoreSettlement(int symbolId, long price)
    {
        _settled[symbolId] = true;
        _settlementPrice[symbolId] = price;
    }

    public long SettlementPrice(int symbolId) => _settlementPrice[symbolId];
}
