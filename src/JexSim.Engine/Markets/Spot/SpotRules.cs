using JexSim.Engine.Accounts;
using JexSim.Engine.Books;
using JexSim.Engine.Commands;

namespace JexSim.Engine.Markets.Spot;

/// <summary>
/// Spot: a cash ledger. A buy holds its quote cost (limit: price x quantity rounded up; market: the exact cost of
/// walking the asks), a sell holds its base quantity. A fill spends the held amounts, credits base to the buyer and
/// quote to the seller, each less its fee (maker or taker rate), and credits the fees to the fee account.
/// </summary>
public readonly struct SpotRules(Ledger ledger, SymbolSpec[] symbols, Account feeAccount) : IMarketRules
{
    public RejectReason Approve(ref OrderSlot order, OrderBook book)
    {
        var symbol = symbols[order.SymbolId];
        var account = ledger.AccountAt(order.Account);
        int asset;
        long amount;
        if (order.Side == Side.Sell)
        {
            asset = symbol.Base.Id;
            amount = order.Quantity;
        }
        else
        {
            asset = symbol.Quote.Id;
            if (order.Type == OrderType.Limit)
            {
                if (!FixedPoint.TryNotionalCeiling(order.Price, order.Quantity, out amount)) return RejectReason.NotionalTooLarge;
            }
            else if (!TryCostToBuy(book, order.Quantity, out amount)) return RejectReason.NotionalTooLarge;
        }
        if (account.Free(asset) < amount) return RejectReason.InsufficientBalance;
        order.Locked = amount;
        return RejectReason.None;
    }

    public void Hold(ref OrderSlot order)
    {
        if (order.Locked != 0) ledger.Lock(ledger.AccountAt(order.Account), HeldAsset(order), order.Locked);
    }

    public void Settle(ref OrderSlot taker, ref OrderSlot maker, long price, long quantity, long quote, out long buyerFee, out long sellerFee)
    {
        var symbol = symbols[taker.SymbolId];
        bool buyerMaker = taker.Side == Side.Sell;
        ref var buy = ref buyerMaker ? ref maker : ref taker;
        ref var sell = ref buyerMaker ? ref taker : ref maker;
        var buyer = ledger.AccountAt(buy.Account);
        var seller = ledger.AccountAt(sell.Account);
        int baseId = symbol.Base.Id, quoteId = symbol.Quote.Id;

        buyerFee = FixedPoint.ApplyRate(quantity, buyerMaker ? symbol.MakerFeeRate : symbol.TakerFeeRate);
        sellerFee = FixedPoint.ApplyRate(quote, buyerMaker ? symbol.TakerFeeRate : symbol.MakerFeeRate);

        buy.Locked -= quote;
        ledger.SpendLocked(buyer, quoteId, quote);
        ledger.Credit(buyer, baseId, quantity - buyerFee);
        sell.Locked -= quantity;
        ledger.SpendLocked(seller, baseId, quantity);
        ledger.Credit(seller, quoteId, quote - sellerFee);
        if (buyerFee != 0) ledger.Credit(feeAccount, baseId, buyerFee);
        if (sellerFee != 0) ledger.Credit(feeAccount, quoteId, sellerFee);
    }

    public void Release(ref OrderSlot order)
    {
        if (order.Locked == 0) return;
        ledger.Unlock(ledger.AccountAt(order.Account), HeldAsset(order), order.Locked);
        order.Locked = 0;
    }

    public int HeldAsset(in OrderSlot order) =>
        order.Side == Side.Buy ? symbols[order.SymbolId].Quote.Id : symbols[order.SymbolId].Base.Id;

    /// <summary>Exact quote cost of a market buy of <paramref name="qty"/> (or of all the asks there are), fill by fill.</summary>
    private static bool TryCostToBuy(OrderBook book, long qty, out long cost)
    {
        cost = 0;
        long remaining = qty;
        var asks = book.Asks;
        for (int l = asks.BestSlot; l >= 0 && remaining > 0; l = asks.NextWorse(l))
        {
            ref var level = ref asks.At(l);
            for (int o = level.Head; o >= 0 && remaining > 0; o = book.Orders[o].Next)
            {
                long take = Math.Min(remaining, book.Orders[o].Remaining);
                if (!FixedPoint.TryNotional(level.Price, take, out long n) || cost > long.MaxValue - n) return false;
                cost += n;
                remaining -= take;
            }
        }
        return true;
    }
}
