using JexSim.Engine.Books;
using JexSim.Engine.Commands;
using JexSim.Engine.Markets.Contract;
using JexSim.Engine.Output;

namespace JexSim.Engine.Matching;

/// <summary>
/// The contract market's risk: index and mark prices, funding, and liquidation with the protection fund and
/// auto-deleveraging. Every price change and every funding checks the contract's positions against the new mark in the
/// same command, so a price move and its liquidations are one step (one batch, one commit).
/// </summary>
public sealed partial class ExchangeCore
{
    private long[] _fundingAmounts = [];
    private readonly List<int> _liquidationSlots = new();
    private readonly List<(int Account, bool Profitable, Int128 Score)> _adlQueue = new();

    /// <summary>
    /// Sets a contract's index price (price 0: the mid of its index symbol's spot book), moves the basis and the mark,
    /// and liquidates every position the new mark has reached.
    /// </summary>
    public RejectReason SetIndexPrice(int symbolId, long price, long now)
    {
        int c = ContractOf(symbolId);
        if (c < 0) return RejectReason.UnknownSymbol;
        if (price < 0) return RejectReason.InvalidAmount;
        var spec = _contracts.Contracts[c];
        if (price == 0)
        {
            if (spec.IndexSymbolId < 0) return RejectReason.InvalidAmount;
            price = Mid(_books[spec.IndexSymbolId]);
            if (price == 0) return RejectReason.NoLiquidity;
        }
        _prices.Update(spec, price, Mid(_books[symbolId]));
        Output.ContractMarks.Add(MarkState(c, now));
        // Stops first (they may save a position), then liquidations, then what the liquidations' trades reached.
        FireTriggers(c, now);
        Liquidate(c, now);
        FireTriggers(c, now);
        return RejectReason.None;
    }

    /// <summary>
    /// Applies the funding of a contract due at <paramref name="now"/>: the rate from the smoothed premium and the
    /// interest (<see cref="ContractMath.FundingRate"/>), paid between positions at the mark (see
    /// <see cref="ContractLedger.ApplyFunding"/>), one funding bill per position; then liquidates what the payments
    /// pushed past the liquidation price. A time at or before the last funding is refused and changes nothing.
    /// </summary>
    public RejectReason ApplyFunding(int symbolId, long now)
    {
        int c = ContractOf(symbolId);
        if (c < 0) return RejectReason.UnknownSymbol;
        if (now <= _prices.LastFunding[c] || _prices.Index[c] <= 0) return RejectReason.FundingNotDue;
        var spec = _contracts.Contracts[c];
        long rate = ContractMath.FundingRate(spec, _prices.Basis[c], _prices.Index[c]);
        if (_fundingAmounts.Length < _contracts.AccountCount) _fundingAmounts = new long[Math.Max(16, _contracts.AccountCount * 2)];
        long paid = _contracts.ApplyFunding(c, _prices.Mark[c], rate, _fundingAmounts);
        for (int a = 0; a < _contracts.AccountCount; a++)
        {
            long amount = _fundingAmounts[a];
            if (amount == 0) continue;
            long accountId = _ledger.AccountAt(a).Id;
            Output.ContractBills.Add(new ContractBill(accountId, symbolId, ContractBillType.Funding, amount, now));
            Output.ContractTouched.Add((accountId, symbolId));
        }
        _prices.FundingRate[c] = rate;
        _prices.LastFunding[c] = now;
        Output.ContractFundings.Add(new ContractFundingState(symbolId, rate, paid, now));
        Output.ContractMarks.Add(MarkState(c, now));
        Liquidate(c, now);
        FireTriggers(c, now);
        return RejectReason.None;
    }

    /// <summary>The contract's prices and funding state as the output records them.</summary>
    private ContractMarkState MarkState(int c, long now) =>
        new(_contracts.Contracts[c].SymbolId, _prices.Mark[c], now, _prices.Index[c], _prices.Basis[c], _prices.FundingRate[c], _prices.LastFunding[c]);

    /// <summary>(best bid + best ask) / 2, or 0 when a side is empty.</summary>
    private static long Mid(OrderBook book) =>
        book.Bids.BestSlot < 0 || book.Asks.BestSlot < 0 ? 0 : (book.Bids.At(book.Bids.BestSlot).Price + book.Asks.At(book.Asks.BestSlot).Price) / 2;

    /// <summary>Liquidates, in account order, every position of the contract at or beyond its liquidation price.</summary>
    private void Liquidate(int c, long now)
    {
        var spec = _contracts.Contracts[c];
        long mark = _prices.Mark[c];
        for (int a = 0; a < _contracts.AccountCount; a++)
            if (ContractMath.IsBeyondLiquidation(_contracts.Position(a, c), spec, mark)) LiquidatePosition(a, c, now);
    }

    /// <summary>
    /// Takes a position over: cancels the account's open orders in the contract, closes the position with a FLAT order
    /// (IOC, no fee) whose limit is the bankruptcy price extended by what the protection fund can pay
    /// (<see cref="ContractMath.FlatLimit"/>), closes what the book did not take against the ranked opposite positions at
    /// the bankruptcy price when the contract's autoDeleveraging is on, and moves what the account got back into the
    /// protection fund (a loss beyond the margin was drawn from the fund by the fills). With autoDeleveraging off, a
    /// remainder stays open and is tried again at the next price.
    /// </summary>
    private void LiquidatePosition(int a, int c, long now)
    {
        var spec = _contracts.Contracts[c];
        int symbolId = spec.SymbolId, asset = spec.MarginAsset;
        var book = _books[symbolId];
        var symbol = _symbols[symbolId];
        long accountId = _ledger.AccountAt(a).Id;

        CancelTriggers(accountId, symbolId, now);
        _liquidationSlots.Clear();
        foreach (int slot in RestingSlots(book))
            if (_orders[slot].Account == a) _liquidationSlots.Add(slot);
        foreach (int slot in _liquidationSlots)
        {
            CancelResting(book, slot, now, book.UpdateId + 1);
            book.UpdateId++;
        }

        long freeBefore = _contracts.Free(a, asset);
        var position = _contracts.Position(a, c);
        long bankruptcy = ContractMath.BankruptcyPrice(position, spec);
        long limit = ContractMath.FlatLimit(position, spec, bankruptcy, _contracts.ProtectionFund(asset), symbol.TickSize, symbol.MinPrice, symbol.MaxPrice);
        var side = position.IsLong ? Side.Sell : Side.Buy;
        var placed = Place(ref _contract, new PlaceOrder(accountId, symbolId, side, OrderType.Flat, TimeInForce.Ioc, limit, position.Size), now);
        if (!placed.Accepted) throw new InvalidOperationException($"the liquidation of account {accountId} in {spec.Symbol} was refused: {placed.Reject}");

        if (spec.AutoDeleveraging && !_contracts.Position(a, c).IsFlat)
        {
            var (quantity, value) = Deleverage(a, c, now);
            var flat = placed.Order;
            long filled = flat.Filled + quantity;
            Output.Orders.Add(flat with
            {
                Filled = filled, CumulativeQuote = flat.CumulativeQuote + value,
                Status = filled == flat.Quantity ? OrderStatus.Filled : filled > 0 ? OrderStatus.PartiallyFilled : flat.Status,
            });
        }

        long left = _contracts.Free(a, asset) - freeBefore;
        if (left > 0)
        {
            _contracts.MoveToProtectionFund(a, asset, left);
            Output.ContractBills.Add(new ContractBill(accountId, symbolId, ContractBillType.Liquidation, -left, now));
        }
        Output.ContractTouched.Add((accountId, symbolId));
    }

    /// <summary>
    /// Auto-deleveraging: closes what is left of account <paramref name="a"/>'s position at its bankruptcy price
    /// against the opposite positions, the profitable ones first, ranked by unrealised PnL / margin at the mark
    /// (highest first; the lower account on a tie), then the others in the same order. Each counterparty's bill shows
    /// the quantity (positionSize) and the PnL realised (adl). Returns the quantity closed and its value.
    /// </summary>
    private (long Quantity, long Value) Deleverage(int a, int c, long now)
    {
        var spec = _contracts.Contracts[c];
        var position = _contracts.Position(a, c);
        long price = ContractMath.BankruptcyPrice(position, spec);
        if (price <= 0) price = _prices.Mark[c];
        long mark = _prices.Mark[c];
        _adlQueue.Clear();
        for (int b = 0; b < _contracts.AccountCount; b++)
        {
            var p = _contracts.Position(b, c);
            if (b == a || p.Quantity == 0 || p.IsLong == position.IsLong) continue;
            long pnl = ContractMath.UnrealisedPnl(p, spec.Multiplier, mark);
            Int128 score = p.Margin > 0 ? (Int128)pnl * FixedPoint.Scale / p.Margin : pnl > 0 ? Int128.MaxValue : Int128.MinValue;
            _adlQueue.Add((b, pnl > 0, score));
        }
        _adlQueue.Sort(static (x, y) => x.Profitable != y.Profitable ? (x.Profitable ? -1 : 1)
            : x.Score != y.Score ? y.Score.CompareTo(x.Score) : x.Account.CompareTo(y.Account));

        long remaining = position.Size, closed = 0, value = 0;
        int symbolId = spec.SymbolId;
        long liquidatedId = _ledger.AccountAt(a).Id;
        foreach (var (b, _, _) in _adlQueue)
        {
            if (remaining == 0) break;
            long quantity = Math.Min(remaining, _contracts.Position(b, c).Size);
            long counterpartyId = _ledger.AccountAt(b).Id;
            bool liquidatedLong = _contracts.Position(a, c).IsLong;
            if (_contracts.Deleverage(a, c, price, quantity, out var own) != ContractReject.None
                || _contracts.Deleverage(b, c, price, quantity, out var other) != ContractReject.None)
                throw new InvalidOperationException($"auto-deleveraging {quantity} of {spec.Symbol} between accounts {liquidatedId} and {counterpartyId} was refused");
            Output.ContractBills.Add(new ContractBill(liquidatedId, symbolId, ContractBillType.PositionSize, liquidatedLong ? -quantity : quantity, now));
            Output.ContractBills.Add(new ContractBill(liquidatedId, symbolId, ContractBillType.ClosePosition, own.RealisedPnl, now));
            Output.ContractBills.Add(new ContractBill(counterpartyId, symbolId, ContractBillType.PositionSize, liquidatedLong ? quantity : -quantity, now));
            Output.ContractBills.Add(new ContractBill(counterpartyId, symbolId, ContractBillType.Adl, other.RealisedPnl, now));
            Output.ContractTouched.Add((counterpartyId, symbolId));
            remaining -= quantity;
            closed += quantity;
            value += own.Value;
        }
        return (closed, value);
    }
}
