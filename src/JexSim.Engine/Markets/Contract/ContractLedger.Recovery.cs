namespace JexSim.Engine.Markets.Contract;

/// <summary>Recovery from the store, and the invariants that prove the ledger whole.</summary>
public sealed partial class ContractLedger
{
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
}
