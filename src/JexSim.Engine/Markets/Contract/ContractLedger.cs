namespace JexSim.Engine.Markets.Contract;

/// <summary>
/// The money of the contract market: each account's contract balance (free), the order margin its open orders hold,
/// one net position per contract with isolated margin, the fee account, the protection fund and the clearing pool.
/// Accounts are dense indexes (0..n-1) the engine assigns; assets are the engine's dense asset ids.
///
/// Every operation validates first and mutates only when it succeeds, moves integer amounts from one bucket to another
/// (so money is conserved by construction), and allocates nothing except when a new account grows the arrays.
///
/// Conservation (per margin asset; see <see cref="CheckInvariants"/>):
///   outside (spot) + contract free + order margins + position margins + fees + protection fund + clearing = supply,
///   clearing = -Σ signed position cost, and Σ position quantity = 0 per contract.
/// The clearing pool is the market's side of every open position: a close pays its realised PnL from it, so it holds
/// exactly what open positions have not yet realised, and is 0 whenever the market is flat.
/// </summary>
public sealed class ContractLedger
{
    private readonly ContractSpec[] _contracts;
    private readonly int _assetCount;
    private Position[] _positions;
    private long[] _free;
    private long[] _orderMargin;
    private readonly long[] _fees;
    private readonly long[] _fund;
    private readonly long[] _clearing;
    private int _accounts;

    public ContractLedger(IReadOnlyList<ContractSpec> contracts, int assetCount, int accountCapacity = 16)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(assetCount);
        _contracts = [.. contracts];
        for (int i = 0; i < _contracts.Length; i++)
        {
            var c = _contracts[i];
            if (c.Id != i) throw new ArgumentException($"contract {c.Symbol} has id {c.Id}, expected {i} (ids are dense)", nameof(contracts));
            if (c.MarginAsset >= assetCount) throw new ArgumentException($"contract {c.Symbol}: unknown margin asset {c.MarginAsset}", nameof(contracts));
            if (c.Problem() is { } problem) throw new ArgumentException($"contract {c.Symbol}: {problem}", nameof(contracts));
        }
        _assetCount = assetCount;
        accountCapacity = Math.Max(1, accountCapacity);
        _positions = new Position[accountCapacity * Math.Max(1, _contracts.Length)];
        _free = new long[accountCapacity * assetCount];
        _orderMargin = new long[accountCapacity * assetCount];
        _fees = new long[assetCount];
        _fund = new long[assetCount];
        _clearing = new long[assetCount];
    }

    public IReadOnlyList<ContractSpec> Contracts => _contracts;
    public int AccountCount => _accounts;

    /// <summary>Makes accounts 0..<paramref name="account"/> known, each position at its contract's default leverage.</summary>
    public void EnsureAccount(int account)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(account);
        if (account < _accounts) return;
        int needed = account + 1, n = _contracts.Length;
        if (needed * _assetCount > _free.Length)
        {
            int capacity = Math.Max(needed, _free.Length / _assetCount * 2);
            Array.Resize(ref _free, capacity * _assetCount);
            Array.Resize(ref _orderMargin, capacity * _assetCount);
            Array.Resize(ref _positions, capacity * Math.Max(1, n));
        }
        for (int a = _accounts; a < needed; a++)
            for (int c = 0; c < n; c++) _positions[a * n + c].Leverage = _contracts[c].DefaultLeverage;
        _accounts = needed;
    }

    public bool HasAccount(int account) => account >= 0 && account < _accounts;

    /// <summary>Contract balance an account may use for new order margin (the API's contractBalances free).</summary>
    public long Free(int account, int asset) => HasAccount(account) ? _free[account * _assetCount + asset] : 0;

    /// <summary>Margin all the account's open orders hold in this asset (the stream's "o").</summary>
    public long OrderMargin(int account, int asset) => HasAccount(account) ? _orderMargin[account * _assetCount + asset] : 0;

    /// <summary>Margin all the account's positions margined in this asset hold (the stream's "p").</summary>
    public long PositionMargin(int account, int asset)
    {
        if (!HasAccount(account)) return 0;
        long sum = 0;
        for (int c = 0; c < _contracts.Length; c++)
            if (_contracts[c].MarginAsset == asset) sum += _positions[account * _contracts.Length + c].Margin;
        return sum;
    }

    /// <summary>The API's contractBalances locked: order margin plus position margin.</summary>
    public long Locked(int account, int asset) => OrderMargin(account, asset) + PositionMargin(account, asset);

    public long FeeAccount(int asset) => _fees[asset];

    /// <summary>The protection fund. It pays losses beyond a position's margin, so it may go negative in this part
    /// (the venue's loss); part 2 funds it from liquidations and adds auto-deleveraging.</summary>
    public long ProtectionFund(int asset) => _fund[asset];

    /// <summary>What open positions have not yet realised: -Σ signed cost. Zero when the market is flat.</summary>
    public long Clearing(int asset) => _clearing[asset];

    /// <summary>The account's position in a contract (flat and at the default leverage when the account is unknown).</summary>
    public Position Position(int account, int contract)
    {
        if (HasAccount(account) && (uint)contract < (uint)_contracts.Length) return _positions[account * _contracts.Length + contract];
        return new Position(0, 0, 0, (uint)contract < (uint)_contracts.Length ? _contracts[contract].DefaultLeverage : 1);
    }

    /// <summary>Σ long quantity of a contract (equal to Σ short quantity).</summary>
    public long OpenInterest(int contract)
    {
        long sum = 0;
        for (int a = 0; a < _accounts; a++)
        {
            long q = _positions[a * _contracts.Length + contract].Quantity;
            if (q > 0) sum += q;
        }
        return sum;
    }

    /// <summary>Adds to an account's contract balance. The caller accounts the other side: the spot balance it debited
    /// for a transfer, or the supply for an admin or fixture adjustment.</summary>
    public ContractReject Credit(int account, int asset, long amount)
    {
        if (amount <= 0 || (uint)asset >= (uint)_assetCount) return ContractReject.InvalidAmount;
        EnsureAccount(account);
        int w = account * _assetCount + asset;
        if (_free[w] > long.MaxValue - amount) return ContractReject.Overflow;
        _free[w] += amount;
        return ContractReject.None;
    }

    /// <summary>Takes from an account's free contract balance; the caller credits the other side.</summary>
    public ContractReject Debit(int account, int asset, long amount)
    {
        if (amount <= 0 || (uint)asset >= (uint)_assetCount) return ContractReject.InvalidAmount;
        if (Free(account, asset) < amount) return ContractReject.InsufficientBalance;
        _free[account * _assetCount + asset] -= amount;
        return ContractReject.None;
    }

    /// <summary>
    /// Pre-hold for a new order: reserves the initial margin of the part of the order that would open or add (the part
    /// beyond what the position has left to close after the account's other closing orders) at the position's
    /// leverage, plus the larger fee rate on the whole order, both at the order's price and rounded up.
    /// On success the caller stores <paramref name="held"/> on the order and hands it back on fills and on release.
    /// </summary>
    public ContractReject HoldOrderMargin(int account, int contract, Side side, long price, long quantity, out long held)
    {
        var reject = CheckOrderMargin(account, contract, side, price, quantity, out long amount);
        held = 0;
        if (reject != ContractReject.None) return reject;
        EnsureAccount(account);
        var spec = _contracts[contract];
        ref var pos = ref _positions[account * _contracts.Length + contract];
        int w = account * _assetCount + spec.MarginAsset;
        _free[w] -= amount;
        _orderMargin[w] += amount;
        if (side == Side.Buy) { pos.BuyOrderQuantity += quantity; pos.BuyOrderMargin += amount; }
        else { pos.SellOrderQuantity += quantity; pos.SellOrderMargin += amount; }
        held = amount;
        return ContractReject.None;
    }

    /// <summary>What <see cref="HoldOrderMargin"/> would hold, and whether it can; changes nothing (the engine's approval).</summary>
    public ContractReject CheckOrderMargin(int account, int contract, Side side, long price, long quantity, out long amount)
    {
        amount = 0;
        if ((uint)contract >= (uint)_contracts.Length) return ContractReject.UnknownContract;
        if (price <= 0 || quantity <= 0) return ContractReject.InvalidAmount;
        var spec = _contracts[contract];
        var pos = Position(account, contract);
        long closable = side == Side.Buy
            ? (pos.Quantity < 0 ? Math.Max(0, -pos.Quantity - pos.BuyOrderQuantity) : 0)
            : (pos.Quantity > 0 ? Math.Max(0, pos.Quantity - pos.SellOrderQuantity) : 0);
        long opening = quantity - Math.Min(quantity, closable);
        if (!ContractMath.TryValue(price, quantity, spec.Multiplier, roundUp: true, out long value)
            || !ContractMath.TryValue(price, opening, spec.Multiplier, roundUp: true, out long openingValue)
            || value > long.MaxValue - pos.Cost)
            return ContractReject.Overflow;
        long needed = ContractMath.InitialMargin(openingValue, pos.Leverage) + ContractMath.RateOfCeiling(value, spec.ReservedFeeRate);
        long sideQuantity = side == Side.Buy ? pos.BuyOrderQuantity : pos.SellOrderQuantity;
        if (sideQuantity > long.MaxValue - quantity) return ContractReject.Overflow;
        if (Free(account, spec.MarginAsset) < needed) return ContractReject.InsufficientMargin;
        amount = needed;
        return ContractReject.None;
    }

    /// <summary>All the money of a margin asset the ledger holds: contract balances, order and position margins, fees,
    /// the protection fund and the clearing pool (what recovery adds to the asset's supply).</summary>
    public long Holdings(int asset)
    {
        long total = checked(_fees[asset] + _fund[asset] + _clearing[asset]);
        for (int a = 0; a < _accounts; a++)
        {
            total = checked(total + _free[a * _assetCount + asset] + _orderMargin[a * _assetCount + asset]);
            total = checked(total + PositionMargin(a, asset));
        }
        return total;
    }

    /// <summary>
    /// Releases what is left of an order's hold when it closes without filling the rest (cancel, expiry, refusal):
    /// <paramref name="held"/> goes back to the contract balance and <paramref name="remainingQuantity"/> leaves the
    /// side's open quantity. Both must be what the ledger gave the order less what its fills took.
    /// </summary>
    public void ReleaseOrderMargin(int account, int contract, Side side, long remainingQuantity, long held)
    {
        ref var pos = ref PositionSlot(account, contract);
        bool buy = side == Side.Buy;
        if (remainingQuantity < 0 || held < 0 || remainingQuantity > (buy ? pos.BuyOrderQuantity : pos.SellOrderQuantity)
            || held > (buy ? pos.BuyOrderMargin : pos.SellOrderMargin))
            throw new InvalidOperationException($"release of {remainingQuantity} holding {held} exceeds the open {side} orders of account {account} in {_contracts[contract].Symbol}");
        int w = account * _assetCount + _contracts[contract].MarginAsset;
        _orderMargin[w] -= held;
        _free[w] += held;
        if (buy) { pos.BuyOrderQuantity -= remainingQuantity; pos.BuyOrderMargin -= held; }
        else { pos.SellOrderQuantity -= remainingQuantity; pos.SellOrderMargin -= held; }
    }

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
        if (!ContractMath.TryValue(price, quantity, spec.Multiplier, roundUp: false, out long value)) return ContractReject.Overflow;

        int w = account * _assetCount + spec.MarginAsset;
        long release = ContractMath.Share(orderHeld, quantity, orderRemaining);
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
        _orderMargin[w] -= release;
        if (buy) { pos.BuyOrderQuantity -= quantity; pos.BuyOrderMargin -= release; }
        else { pos.SellOrderQuantity -= quantity; pos.SellOrderMargin -= release; }
        pos.Quantity = quantityAfter;
        pos.Cost = cost;
        pos.Margin = margin;
        pos.RealisedPnl = realised;
        pos.FeesPaid = feesPaid;
        _clearing[spec.MarginAsset] = clearing;
        _fund[spec.MarginAsset] = fund;
        _fees[spec.MarginAsset] = fees;
        orderHeld -= release;

        settlement = new FillSettlement
        {
            Value = value, ClosedQuantity = closed, OpenedQuantity = opened, RealisedPnl = pnl, Fee = charged,
            FeeWaived = fee - charged, OrderMarginReleased = release, MarginReleased = marginReleased,
            MarginAdded = marginAdded, Shortfall = shortfall, QuantityAfter = quantityAfter,
        };
        return ContractReject.None;
    }

    /// <summary>Sets the leverage of the account's position: 1..max, and refused when an open position's margin is
    /// below its cost / new leverage. Holds of open orders keep the leverage they were placed at.</summary>
    public ContractReject SetLeverage(int account, int contract, int leverage)
    {
        if ((uint)contract >= (uint)_contracts.Length) return ContractReject.UnknownContract;
        if (leverage < 1) return ContractReject.LeverageTooSmall;
        if (leverage > _contracts[contract].MaxLeverage) return ContractReject.LeverageTooLarge;
        EnsureAccount(account);
        ref var pos = ref _positions[account * _contracts.Length + contract];
        if (pos.Quantity != 0 && pos.Margin < ContractMath.RequiredMargin(pos, leverage)) return ContractReject.LeverageNotCovered;
        pos.Leverage = leverage;
        return ContractReject.None;
    }

    /// <summary>
    /// Moves margin between an outside balance (the spot balance, per the spec: "the margin transferred to one specified
    /// contract from coins account balance") and an open position. A positive amount adds margin and needs
    /// <paramref name="outsideFree"/> ≥ amount; a negative one takes margin out, and is refused when what remains would be
    /// below the position's initial margin (cost / leverage) or would not exceed the maintenance margin at
    /// <paramref name="markPrice"/> after its unrealised PnL. The caller moves the outside balance by -amount.
    /// </summary>
    public ContractReject TransferMargin(int account, int contract, long amount, long markPrice, long outsideFree)
    {
        if ((uint)contract >= (uint)_contracts.Length) return ContractReject.UnknownContract;
        if (amount == 0 || amount == long.MinValue || markPrice <= 0) return ContractReject.InvalidAmount;
        if (!HasAccount(account)) return ContractReject.PositionNotExists;
        var spec = _contracts[contract];
        ref var pos = ref _positions[account * _contracts.Length + contract];
        if (pos.Quantity == 0) return ContractReject.PositionNotExists;
        if (amount > 0)
        {
            if (outsideFree < amount) return ContractReject.InsufficientBalance;
            if (pos.Margin > long.MaxValue - amount) return ContractReject.Overflow;
        }
        else
        {
            long after = pos.Margin + amount;
            if (after < ContractMath.RequiredMargin(pos, pos.Leverage)) return ContractReject.MarginBelowRequired;
            if (after + ContractMath.UnrealisedPnl(pos, spec.Multiplier, markPrice) <= ContractMath.MaintenanceMargin(pos, spec, markPrice))
                return ContractReject.MarginBelowRequired;
        }
        pos.Margin += amount;
        return ContractReject.None;
    }

    /// <summary>Mints into the protection fund (a fixture's initial fund); the caller adds it to the supply.</summary>
    public ContractReject CreditProtectionFund(int asset, long amount)
    {
        if (amount <= 0 || (uint)asset >= (uint)_assetCount) return ContractReject.InvalidAmount;
        if (_fund[asset] > long.MaxValue - amount) return ContractReject.Overflow;
        _fund[asset] += amount;
        return ContractReject.None;
    }

    /// <summary>
    /// Rebuilds the ledger from the store, on a fresh ledger: balances and positions first, then every open order's
    /// remaining quantity and hold, then <see cref="RestorePools"/>. <see cref="CheckInvariants"/> proves the result.
    /// </summary>
    public void RestoreBalance(int account, int asset, long free)
    {
        if (free < 0) throw new ArgumentOutOfRangeException(nameof(free), free, "a contract balance is never negative");
        EnsureAccount(account);
        _free[account * _assetCount + asset] = free;
    }

    /// <summary>Restores a position's quantity, cost, margin, leverage, realised PnL and fees (not its orders).</summary>
    public void RestorePosition(int account, int contract, in Position position)
    {
        var spec = _contracts[contract];
        if (position.Leverage < 1 || position.Leverage > spec.MaxLeverage || position.Cost < 0 || position.Margin < 0 || (position.Quantity == 0 && (position.Cost != 0 || position.Margin != 0)))
            throw new ArgumentOutOfRangeException(nameof(position), $"{spec.Symbol}: not a position this ledger can hold");
        EnsureAccount(account);
        ref var pos = ref _positions[account * _contracts.Length + contract];
        pos = new Position(position.Quantity, position.Cost, position.Margin, position.Leverage, position.RealisedPnl, position.FeesPaid);
    }

    /// <summary>Restores one open order: its remaining quantity and what is left of its hold.</summary>
    public void RestoreOrderHold(int account, int contract, Side side, long remainingQuantity, long held)
    {
        if (remainingQuantity <= 0 || held < 0) throw new ArgumentOutOfRangeException(nameof(remainingQuantity), "an open order has a remaining quantity and a hold ≥ 0");
        EnsureAccount(account);
        ref var pos = ref _positions[account * _contracts.Length + contract];
        _orderMargin[account * _assetCount + _contracts[contract].MarginAsset] += held;
        if (side == Side.Buy) { pos.BuyOrderQuantity += remainingQuantity; pos.BuyOrderMargin += held; }
        else { pos.SellOrderQuantity += remainingQuantity; pos.SellOrderMargin += held; }
    }

    /// <summary>Restores the fee account and the protection fund of an asset; the clearing pool follows from the
    /// restored positions (-Σ signed cost).</summary>
    public void RestorePools(int asset, long fees, long fund)
    {
        _fees[asset] = fees;
        _fund[asset] = fund;
        long signedCost = 0;
        for (int a = 0; a < _accounts; a++)
            for (int c = 0; c < _contracts.Length; c++)
                if (_contracts[c].MarginAsset == asset) signedCost = checked(signedCost + _positions[a * _contracts.Length + c].SignedCost);
        _clearing[asset] = -signedCost;
    }

    /// <summary>
    /// Checks the ledger of one margin asset against the balances kept outside it and the asset's supply; returns the
    /// first problem found, or null. See the class summary for the equations.
    /// </summary>
    public string? CheckInvariants(int asset, long outsideTotal, long supply)
    {
        int n = _contracts.Length;
        Int128 total = (Int128)outsideTotal + _fees[asset] + _fund[asset] + _clearing[asset];
        Int128 signedCost = 0;
        for (int a = 0; a < _accounts; a++)
        {
            int w = a * _assetCount + asset;
            if (_free[w] < 0 || _orderMargin[w] < 0) return $"account {a}: negative balance (free {_free[w]}, order margin {_orderMargin[w]})";
            total += _free[w] + _orderMargin[w];
            long held = 0;
            for (int c = 0; c < n; c++)
            {
                if (_contracts[c].MarginAsset != asset) continue;
                var p = _positions[a * n + c];
                string where = $"account {a} {_contracts[c].Symbol}";
                if (p.Margin < 0 || p.Cost < 0) return $"{where}: negative margin {p.Margin} or cost {p.Cost}";
                if ((p.Quantity == 0) != (p.Cost == 0) && p.Quantity == 0) return $"{where}: flat with cost {p.Cost}";
                if (p.Quantity == 0 && p.Margin != 0) return $"{where}: flat with margin {p.Margin}";
                if (p.BuyOrderQuantity < 0 || p.SellOrderQuantity < 0 || p.BuyOrderMargin < 0 || p.SellOrderMargin < 0)
                    return $"{where}: negative order quantity or margin";
                if ((p.BuyOrderQuantity == 0 && p.BuyOrderMargin != 0) || (p.SellOrderQuantity == 0 && p.SellOrderMargin != 0))
                    return $"{where}: order margin held without open orders";
                if (p.Leverage < 1 || p.Leverage > _contracts[c].MaxLeverage) return $"{where}: leverage {p.Leverage}";
                total += p.Margin;
                signedCost += p.SignedCost;
                held += p.BuyOrderMargin + p.SellOrderMargin;
            }
            if (held != _orderMargin[w]) return $"account {a}: order margin {_orderMargin[w]} but its orders hold {held}";
        }
        if (total != supply) return $"asset {asset}: outside + free + order margin + position margin + fees + fund + clearing = {total}, supply {supply}";
        if (_clearing[asset] != -signedCost) return $"asset {asset}: clearing {_clearing[asset]} but open positions' signed cost {signedCost}";
        for (int c = 0; c < n; c++)
        {
            if (_contracts[c].MarginAsset != asset) continue;
            long net = 0;
            for (int a = 0; a < _accounts; a++) net += _positions[a * n + c].Quantity;
            if (net != 0) return $"{_contracts[c].Symbol}: positions sum to {net}, not 0";
        }
        return null;
    }

    private ref Position PositionSlot(int account, int contract)
    {
        if (!HasAccount(account) || (uint)contract >= (uint)_contracts.Length)
            throw new ArgumentOutOfRangeException(nameof(account), $"no position of account {account} in contract {contract}");
        return ref _positions[account * _contracts.Length + contract];
    }
}
