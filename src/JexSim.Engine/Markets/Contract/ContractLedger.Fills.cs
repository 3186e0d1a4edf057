namespace JexSim.Engine.Markets.Contract;

/// <summary>Fills: each side of a trade closes, realises, opens and pays its fee.</summary>
public sealed partial class ContractLedger
{
    /// <summary>
    /// Settles one side of one fill. The order's hold is released in proportion (<paramref name="quantity"/> of
    /// <paramref name="orderRemaining"/>, rounded down; the last fill releases the rest) and
    /// <paramref name="orderHeld"/> is reduced by it. Then, in this order:
    /// 1. close: the part against an opposite position releases cost and margin in proportion (rounded down; a full
    ///    close releases all); realised PnL = exit value - cost (long) or cost - exit value (short), paid from the
    ///    clearing pool. Margin + PnL goes to the contract balance; a loss beyond the released margin is taken from the
    ///    position's remaining margin, then from the protection fund (<see cref="FillSettlement.Shortfall"/>);
    /// 2. open: the rest adds its value to the cost, and its initial margin (value / leverage, rounded up) moves from
    ///    the contract balance into the position, capped at what the balance holds;
    /// 3. fee: value x <paramref name="feeRate"/>, rounded down, from the contract balance, then from the position's
    ///    margin; what neither can pay is waived.
    /// The fill's value is price x quantity x multiplier rounded down, shared by both sides; the close and open parts
    /// split it exactly (open = value - close value). Nothing can go negative except the protection fund.
    /// </summary>
    public ContractReject ApplyFill(int account, int contract, Side side, long price, long quantity, long feeRate,
        ref long orderHeld, long orderRemaining, out FillSettlement settlement)
    {
        settlement = default;
        if ((uint)contract >= (uint)_contracts.Length) return ContractReject.UnknownContract;
        if (price <= 0 || quantity <= 0 || quantity > orderRemaining || orderHeld < 0 || feeRate < 0 || feeRate >= FixedPoint.Scale)
            return ContractReject.InvalidAmount;
        EnsureAccount(account);
        var spec = _contracts[contract];
        ref var pos = ref _positions[account * _contracts.Length + contract];
        bool buy = side == Side.Buy;
        if ((buy ? pos.BuyOrderQuantity : pos.SellOrderQuantity) < orderRemaining || (buy ? pos.BuyOrderMargin : pos.SellOrderMargin) < orderHeld)
            return ContractReject.InvalidAmount;
        long release = ContractMath.Share(orderHeld, quantity, orderRemaining);
        var reject = Settle(account, contract, side, price, quantity, feeRate, release, viaOrder: true, out settlement);
        if (reject == ContractReject.None) orderHeld -= release;
        return reject;
    }

    /// <summary>
    /// Auto-deleveraging and the venue's own closes: reduces the account's position by <paramref name="quantity"/> at
    /// <paramref name="price"/> without an order and without a fee, settling as a fill's close does (margin + PnL to the
    /// contract balance, a loss beyond the margin from the protection fund). Refused unless it only reduces.
    /// </summary>
    public ContractReject Deleverage(int account, int contract, long price, long quantity, out FillSettlement settlement)
    {
        settlement = default;
        if ((uint)contract >= (uint)_contracts.Length) return ContractReject.UnknownContract;
        if (!HasAccount(account) || price <= 0 || quantity <= 0) return ContractReject.InvalidAmount;
        var pos = _positions[account * _contracts.Length + contract];
        if (pos.Size < quantity) return ContractReject.InvalidAmount;
        return Settle(account, contract, pos.IsLong ? Side.Sell : Side.Buy, price, quantity, 0, 0, viaOrder: false, out settlement);
    }

    private ContractReject Settle(int account, int contract, Side side, long price, long quantity, long feeRate, long release, bool viaOrder,
        out FillSettlement settlement)
    {
        settlement = default;
        var spec = _contracts[contract];
        ref var pos = ref _positions[account * _contracts.Length + contract];
        bool buy = side == Side.Buy;
        if (!ContractMath.TryValue(price, quantity, spec.Multiplier, roundUp: false, out long value)) return ContractReject.Overflow;

        int w = account * _assetCount + spec.MarginAsset;
        long free = _free[w] + release;
        long q0 = pos.Quantity, size0 = pos.Size, cost = pos.Cost, margin = pos.Margin;
        bool reducing = q0 != 0 && (q0 > 0) != buy;
        long closed = reducing ? Math.Min(quantity, size0) : 0, opened = quantity - closed;

        long closeValue = 0, pnl = 0, marginReleased = 0, shortfall = 0;
        if (closed > 0)
        {
            if (closed == quantity) closeValue = value;
            else ContractMath.TryValue(price, closed, spec.Multiplier, roundUp: false, out closeValue); // ≤ value: fits
            long costReleased = ContractMath.Share(cost, closed, size0);
            marginReleased = ContractMath.Share(margin, closed, size0);
            pnl = q0 > 0 ? closeValue - costReleased : costReleased - closeValue;
            cost -= costReleased;
            margin -= marginReleased;
            long credit = checked(marginReleased + pnl);
            if (credit >= 0) free = checked(free + credit);
            else
            {
                long fromMargin = Math.Min(-credit, margin);
                margin -= fromMargin;
                shortfall = -credit - fromMargin;
            }
        }

        long marginAdded = 0;
        if (opened > 0)
        {
            long openValue = value - closeValue;
            cost = checked(cost + openValue);
            marginAdded = Math.Min(ContractMath.InitialMargin(openValue, pos.Leverage), free);
            free -= marginAdded;
            margin = checked(margin + marginAdded);
        }

        long fee = ContractMath.RateOf(value, feeRate);
        long feeFromFree = Math.Min(fee, free);
        free -= feeFromFree;
        long feeFromMargin = Math.Min(fee - feeFromFree, margin);
        margin -= feeFromMargin;
        long charged = feeFromFree + feeFromMargin;
        long quantityAfter = buy ? q0 + quantity : q0 - quantity;
        long realised = checked(pos.RealisedPnl + pnl), feesPaid = checked(pos.FeesPaid + charged);
        long clearing = checked(_clearing[spec.MarginAsset] - pnl), fund = checked(_fund[spec.MarginAsset] - shortfall);
        long fees = checked(_fees[spec.MarginAsset] + charged);

        // Commit: nothing above mutated state.
        _free[w] = free;
        if (viaOrder)
        {
            _orderMargin[w] -= release;
            if (buy) { pos.BuyOrderQuantity -= quantity; pos.BuyOrderMargin -= release; }
            else { pos.SellOrderQuantity -= quantity; pos.SellOrderMargin -= release; }
        }
        pos.Quantity = quantityAfter;
        pos.Cost = cost;
        pos.Margin = margin;
        pos.RealisedPnl = realised;
        pos.FeesPaid = feesPaid;
        _clearing[spec.MarginAsset] = clearing;
        _fund[spec.MarginAsset] = fund;
        _fees[spec.MarginAsset] = fees;

        settlement = new FillSettlement
        {
            Value = value, ClosedQuantity = closed, OpenedQuantity = opened, RealisedPnl = pnl, Fee = charged,
            FeeWaived = fee - charged, OrderMarginReleased = release, MarginReleased = marginReleased,
            MarginAdded = marginAdded, Shortfall = shortfall, QuantityAfter = quantityAfter,
        };
        return ContractReject.None;
    }
}
