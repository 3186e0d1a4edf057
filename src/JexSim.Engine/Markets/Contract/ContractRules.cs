using JexSim.Engine.Accounts;
using JexSim.Engine.Books;
using JexSim.Engine.Commands;
using JexSim.Engine.Output;

namespace JexSim.Engine.Markets.Contract;

/// <summary>
/// Perpetual contracts: the engine's seam onto <see cref="ContractLedger"/>. An order holds order margin (the opening
/// part's initial margin at the position's leverage plus a fee reserve) in <see cref="OrderSlot.Locked"/>; each fill
/// settles both sides' positions (close, realise PnL, open, fee) at the maker's price and writes their bills; a closed
/// order releases what it still holds. A MARKET order (a position close) is held at the mark price; a FLAT order (a liquidation) holds nothing and pays no fee.
/// An account whose position is at or beyond its liquidation price cannot place orders in that contract.
/// The ledger's account index is the engine's dense account index.
/// </summary>
public readonly struct ContractRules(ContractLedger ledger, Ledger accounts, SymbolSpec[] symbols, int[] contractOf, long[] marks, BatchOutput output)
    : IMarketRules
{
    public RejectReason Approve(ref OrderSlot order, OrderBook book)
    {
        int c = contractOf[order.SymbolId];
        if (order.Type == OrderType.Flat) { order.Locked = 0; return RejectReason.None; }
        if (ContractMath.IsBeyondLiquidation(ledger.Position(order.Account, c), ledger.Contracts[c], marks[c])) return RejectReason.PositionLiquidating;
        long price = HoldPrice(order, c);
        if (price <= 0) return RejectReason.NoLiquidity;
        var reject = ledger.CheckOrderMargin(order.Account, c, order.Side, price, order.Quantity, out long amount);
        if (reject != ContractReject.None) return ToReject(reject);
        order.Locked = amount;
        return RejectReason.None;
    }

    public void Hold(ref OrderSlot order)
    {
        int c = contractOf[order.SymbolId];
        if (order.Type == OrderType.Flat)
        {
            ledger.HoldClosingOrder(order.Account, c, order.Side, order.Quantity);
            return;
        }
        var reject = ledger.HoldOrderMargin(order.Account, c, order.Side, HoldPrice(order, c), order.Quantity, out long held);
        if (reject != ContractReject.None || held != order.Locked)
            throw new InvalidOperationException($"order {order.Id}: the margin approved ({order.Locked}) could not be held ({reject}, {held})");
        output.ContractTouched.Add((accounts.AccountAt(order.Account).Id, order.SymbolId));
    }

    public void Settle(ref OrderSlot taker, ref OrderSlot maker, long price, long quantity, long quote, out long buyerFee, out long sellerFee)
    {
        var symbol = symbols[taker.SymbolId];
        int c = contractOf[taker.SymbolId];
        long time = taker.UpdateTime;
        // A liquidation (FLAT) order pays no fee: what the position has left goes to the protection fund.
        var takerFill = Fill(ref taker, c, price, quantity, taker.Type == OrderType.Flat ? 0 : symbol.TakerFeeRate, time);
        var makerFill = Fill(ref maker, c, price, quantity, symbol.MakerFeeRate, time);
        bool takerBuys = taker.Side == Side.Buy;
        buyerFee = takerBuys ? takerFill.Fee : makerFill.Fee;
        sellerFee = takerBuys ? makerFill.Fee : takerFill.Fee;
    }

    private FillSettlement Fill(ref OrderSlot order, int c, long price, long quantity, long feeRate, long time)
    {
        var reject = ledger.ApplyFill(order.Account, c, order.Side, price, quantity, feeRate, ref order.Locked, order.Remaining, out var s);
        if (reject != ContractReject.None) throw new InvalidOperationException($"order {order.Id}: fill of {quantity} @ {price} refused by the contract ledger ({reject})");
        long accountId = accounts.AccountAt(order.Account).Id;
        int symbolId = order.SymbolId;
        output.ContractBills.Add(new ContractBill(accountId, symbolId, ContractBillType.PositionSize, order.Side == Side.Buy ? quantity : -quantity, time));
        if (s.ClosedQuantity > 0) output.ContractBills.Add(new ContractBill(accountId, symbolId, ContractBillType.ClosePosition, s.RealisedPnl, time));
        if (s.Fee > 0) output.ContractBills.Add(new ContractBill(accountId, symbolId, ContractBillType.Fee, -s.Fee, time));
        output.ContractTouched.Add((accountId, symbolId));
        return s;
    }

    public void Release(ref OrderSlot order)
    {
        if (order.Remaining == 0 && order.Locked == 0) return;
        ledger.ReleaseOrderMargin(order.Account, contractOf[order.SymbolId], order.Side, order.Remaining, order.Locked);
        order.Locked = 0;
        output.ContractTouched.Add((accounts.AccountAt(order.Account).Id, order.SymbolId));
    }

    /// <summary>Order margin is held in the contract ledger, not in a spot balance.</summary>
    public int HeldAsset(in OrderSlot order) => -1;

    /// <summary>The price an order's margin is computed at: its limit, or for a MARKET order the reference price.</summary>
    private long HoldPrice(in OrderSlot order, int c) => order.Type == OrderType.Market ? marks[c] : order.Price;

    public static RejectReason ToReject(ContractReject reject) => reject switch
    {
        ContractReject.None => RejectReason.None,
        ContractReject.InsufficientMargin => RejectReason.InsufficientMargin,
        ContractReject.InsufficientBalance => RejectReason.InsufficientBalance,
        ContractReject.LeverageTooLarge => RejectReason.LeverageTooLarge,
        ContractReject.LeverageTooSmall => RejectReason.LeverageTooSmall,
        ContractReject.LeverageNotCovered => RejectReason.LeverageNotCovered,
        ContractReject.PositionNotExists => RejectReason.PositionNotExists,
        ContractReject.MarginBelowRequired => RejectReason.MarginBelowRequired,
        ContractReject.Overflow => RejectReason.NotionalTooLarge,
        ContractReject.RiskLimit => RejectReason.RiskLimitReached,
        ContractReject.UnknownContract => RejectReason.UnknownSymbol,
        _ => RejectReason.InvalidAmount,
    };
}
