namespace JexSim.Engine.Markets.Contract;

/// <summary>The risk side of the ledger: funding between positions, liquidation orders and the protection fund.</summary>
public sealed partial class ContractLedger
{
    /// <summary>
    /// Applies one funding to every open position of a contract at <paramref name="mark"/> and <paramref name="rate"/>
    /// (positive: longs pay shorts). Each payer pays value(mark) x |rate| (both rounded down) out of its position margin,
    /// capped at that margin; the total is shared among the receivers in proportion to their value, rounded down, and
    /// the remainder of the rounding goes to the receiver with the largest value (the lowest account on a tie), so the
    /// payment is zero-sum across accounts. <paramref name="amounts"/> (one per account, at least <see cref="AccountCount"/>)
    /// receives each account's signed amount (- paid, + received). Returns the total paid.
    /// </summary>
    public long ApplyFunding(int contract, long mark, long rate, Span<long> amounts)
    {
        if ((uint)contract >= (uint)_contracts.Length || amounts.Length < _accounts) throw new ArgumentOutOfRangeException(nameof(contract));
        amounts[.._accounts].Clear();
        if (rate == 0 || mark <= 0) return 0;
        var spec = _contracts[contract];
        int n = _contracts.Length;
        bool longsPay = rate > 0;
        long absRate = Math.Abs(rate);
        Int128 receiving = 0;
        long largest = -1;
        int largestAccount = -1;
        for (int a = 0; a < _accounts; a++)
        {
            var p = _positions[a * n + contract];
            if (p.Quantity == 0 || p.IsLong == longsPay) continue;
            long value = Value(p, spec, mark);
            receiving += value;
            if (value > largest) { largest = value; largestAccount = a; }
        }
        if (receiving == 0) return 0;
        long total = 0;
        for (int a = 0; a < _accounts; a++)
        {
            ref var p = ref _positions[a * n + contract];
            if (p.Quantity == 0 || p.IsLong != longsPay) continue;
            long pay = Math.Min(ContractMath.RateOf(Value(p, spec, mark), absRate), p.Margin);
            p.Margin -= pay;
            amounts[a] = -pay;
            total += pay;
        }
        long shared = 0;
        for (int a = 0; a < _accounts; a++)
        {
            var p = _positions[a * n + contract];
            if (p.Quantity == 0 || p.IsLong == longsPay) continue;
            long share = (long)(total * (Int128)Value(p, spec, mark) / receiving);
            amounts[a] = share;
            shared += share;
        }
        amounts[largestAccount] += total - shared;
        for (int a = 0; a < _accounts; a++)
            if (amounts[a] > 0) _positions[a * n + contract].Margin += amounts[a];
        return total;
    }

    private static long Value(in Position p, ContractSpec spec, long mark) =>
        ContractMath.TryValue(mark, p.Size, spec.Multiplier, roundUp: false, out long value) ? value : 0;

    /// <summary>Registers a liquidation (FLAT) order: it only closes and pays no fee, so it holds no margin.</summary>
    public void HoldClosingOrder(int account, int contract, Side side, long quantity)
    {
        ref var pos = ref PositionSlot(account, contract);
        if (quantity <= 0 || quantity > pos.Size || (pos.IsLong ? Side.Sell : Side.Buy) != side)
            throw new InvalidOperationException($"a closing order of {quantity} does not close account {account}'s position in {_contracts[contract].Symbol}");
        if (side == Side.Buy) pos.BuyOrderQuantity += quantity;
        else pos.SellOrderQuantity += quantity;
    }

    /// <summary>Moves what a liquidation left in the account's contract balance into the protection fund.</summary>
    public void MoveToProtectionFund(int account, int asset, long amount)
    {
        int w = account * _assetCount + asset;
        if (amount < 0 || amount > _free[w]) throw new ArgumentOutOfRangeException(nameof(amount), amount, $"account {account} holds {_free[w]}");
        _free[w] -= amount;
        _fund[asset] = checked(_fund[asset] + amount);
    }
}
