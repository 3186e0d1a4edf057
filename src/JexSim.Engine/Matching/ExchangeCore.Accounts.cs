using JexSim.Engine.Accounts;
using JexSim.Engine.Books;
using JexSim.Engine.Commands;
using JexSim.Engine.Markets.Option;

namespace JexSim.Engine.Matching;

/// <summary>Accounts: creation, deposits and withdrawals, disabling (with its cancels), and option expiry.</summary>
public sealed partial class ExchangeCore
{
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
            CancelTriggers(accountId, symbolId: -1, now);
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
}
