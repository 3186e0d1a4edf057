namespace JexSim.Engine.Markets.Contract;

/// <summary>
/// One account's net position in one contract, with isolated margin. All amounts are scaled 10^8 and in the contract's
/// margin asset. <see cref="Quantity"/> is signed: positive long, negative short, zero flat.
/// </summary>
public struct Position
{
    /// <summary>A position as a snapshot or the store describes it (open orders are restored order by order).</summary>
    public Position(long quantity, long cost, long margin, int leverage, long realisedPnl = 0, long feesPaid = 0)
    {
        Quantity = quantity;
        Cost = cost;
        Margin = margin;
        Leverage = leverage;
        RealisedPnl = realisedPnl;
        FeesPaid = feesPaid;
    }

    /// <summary>Signed net quantity (contracts).</summary>
    public long Quantity { get; internal set; }

    /// <summary>Entry value of the open quantity (always ≥ 0): the sum of fill values opened, less the cost released by reductions.</summary>
    public long Cost { get; internal set; }

    /// <summary>Isolated margin the position holds.</summary>
    public long Margin { get; internal set; }

    /// <summary>Leverage new orders and opening fills are margined at (1..max); the contract's default until the account sets one.</summary>
    public int Leverage { get; internal set; }

    /// <summary>Cumulative realised PnL of closes and flips (fees not included).</summary>
    public long RealisedPnl { get; internal set; }

    /// <summary>Cumulative fees paid on fills of this contract.</summary>
    public long FeesPaid { get; internal set; }

    /// <summary>Remaining quantity of the account's open buy orders in this contract.</summary>
    public long BuyOrderQuantity { get; internal set; }

    /// <summary>Remaining quantity of the account's open sell orders in this contract.</summary>
    public long SellOrderQuantity { get; internal set; }

    /// <summary>Order margin held for open buy orders (the API's buyOrderCost).</summary>
    public long BuyOrderMargin { get; internal set; }

    /// <summary>Order margin held for open sell orders (the API's sellOrderCost).</summary>
    public long SellOrderMargin { get; internal set; }

    public readonly bool IsLong => Quantity > 0;
    public readonly bool IsShort => Quantity < 0;
    public readonly bool IsFlat => Quantity == 0;

    /// <summary>Unsigned size of the position.</summary>
    public readonly long Size => Quantity < 0 ? -Quantity : Quantity;

    /// <summary>Cost with the position's sign: + for a long, - for a short. Summed over all positions it equals the realised PnL paid out so far.</summary>
    public readonly long SignedCost => Quantity < 0 ? -Cost : Cost;

    /// <summary>Whether the position shows anywhere: it holds quantity, margin or orders.</summary>
    public readonly bool IsActive => Quantity != 0 || Margin != 0 || BuyOrderQuantity != 0 || SellOrderQuantity != 0;
}
