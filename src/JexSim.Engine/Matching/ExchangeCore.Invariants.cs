using JexSim.Engine.Accounts;
using JexSim.Engine.Markets.Contract;

namespace JexSim.Engine.Matching;

/// <summary>The ledger invariants, checked by tests after every command and by recovery before the venue opens.</summary>
public sealed partial class ExchangeCore
{
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
