using JexSim.Engine.Accounts;
using JexSim.Engine.Books;
using JexSim.Engine.Markets;
using JexSim.Engine.Output;

namespace JexSim.Engine.Matching;

/// <summary>
/// Takes an order and walks the opposite side of its book in price-time priority, emitting one fill per maker touched.
/// It knows no money: each fill goes to the market's <see cref="IMarketRules.Settle"/>, and a maker that fills up is
/// closed through <see cref="IMarketRules.Release"/>. The same code serves every market (the rules are a generic
/// struct parameter, so there is no virtual call and no market branch here).
/// </summary>
internal sealed class Matcher(OrderStore orders, OrderIndex index, Ledger ledger, BatchOutput output)
{
    public long NextTradeId = 1;

    /// <summary>Matches the taker in <paramref name="takerSlot"/>; returns true when the book changed.</summary>
    public bool Match<TRules>(ref TRules rules, OrderBook book, int takerSlot, long now, long updateId) where TRules : struct, IMarketRules
    {
        ref var taker = ref orders[takerSlot];
        var opposite = book.Opposite(taker.Side);
        bool limit = taker.Type != OrderType.Market;
        bool changed = false;
        int symbolId = taker.SymbolId;
        long takerAccountId = ledger.AccountAt(taker.Account).Id;
        while (taker.Remaining > 0)
        {
            int levelSlot = opposite.BestSlot;
            if (levelSlot < 0) break;
            ref var level = ref opposite.At(levelSlot);
            long price = level.Price;
            if (limit && !opposite.Crosses(price, taker.Price)) break;

            bool emptied = false;
            int m = level.Head;
            while (m >= 0 && taker.Remaining > 0)
            {
                ref var maker = ref orders[m];
                int next = maker.Next;
                long qty = Math.Min(taker.Remaining, maker.Remaining);
                long quote = FixedPoint.Notional(price, qty);
                rules.Settle(ref taker, ref maker, price, qty, quote, out long buyerFee, out long sellerFee);
                level.TotalQuantity -= qty;
                maker.Filled += qty;
                maker.CumulativeQuote += quote;
                maker.UpdateTime = now;
                taker.Filled += qty;
                taker.CumulativeQuote += quote;

                long makerAccountId = ledger.AccountAt(maker.Account).Id;
                bool buyerMaker = taker.Side == Side.Sell;
                output.AddTrade(buyerMaker
                    ? new Trade(NextTradeId++, symbolId, price, qty, quote, now, maker.Id, taker.Id, makerAccountId, takerAccountId, true, buyerFee, sellerFee)
                    : new Trade(NextTradeId++, symbolId, price, qty, quote, now, taker.Id, maker.Id, takerAccountId, makerAccountId, false, buyerFee, sellerFee));

                if (maker.Remaining == 0)
                {
                    emptied = level.OrderCount == 1;
                    book.Remove(m, levelSlot);
                    maker.Status = OrderStatus.Filled;
                    rules.Release(ref maker);
                    output.Orders.Add(book.Snapshot(m));
                    Forget(m);
                }
                else
                {
                    maker.Status = OrderStatus.PartiallyFilled;
                    output.Orders.Add(book.Snapshot(m));
                }
                m = next;
            }
            output.AddLevel(new LevelChange(symbolId, opposite.Side, price, emptied ? 0 : level.TotalQuantity, updateId));
            changed = true;
            book.LastPrice = price;
        }
        taker.UpdateTime = now;
        return changed;
    }

    /// <summary>Drops a closed order that is out of its book: off the open-order index, its slot back to the pool.</summary>
    public void Forget(int slot)
    {
        ref var o = ref orders[slot];
        index.Remove(o.Id);
        ledger.AccountAt(o.Account).OrderClosed(o.SymbolId);
        orders.Free(slot);
    }

    /// <summary>Whether the opposite side holds enough within the order's limit to fill it whole (fill-or-kill).</summary>
    public static bool CanFillCompletely(OrderBook book, in OrderSlot order)
    {
        var side = book.Opposite(order.Side);
        long available = 0;
        for (int l = side.BestSlot; l >= 0; l = side.NextWorse(l))
        {
            ref var level = ref side.At(l);
            if (order.Type == OrderType.Limit && !side.Crosses(level.Price, order.Price)) break;
            available += level.TotalQuantity;
            if (available >= order.Quantity) return true;
        }
        return false;
    }
}
