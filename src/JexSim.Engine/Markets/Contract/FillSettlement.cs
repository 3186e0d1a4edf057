namespace JexSim.Engine.Markets.Contract;

/// <summary>
/// What one side of one fill did to an account's position and balances: the values bills, streams and the order
/// record need. Every amount is scaled 10^8, in the contract's margin asset.
/// </summary>
public readonly record struct FillSettlement
{
    /// <summary>price x quantity x multiplier, rounded down; the same for buyer and seller.</summary>
    public long Value { get; init; }
    /// <summary>Part of the fill that reduced an opposite position.</summary>
    public long ClosedQuantity { get; init; }
    /// <summary>Part of the fill that opened or added (after a flip: the new side).</summary>
    public long OpenedQuantity { get; init; }
    /// <summary>PnL realised by the closed part (before fees).</summary>
    public long RealisedPnl { get; init; }
    /// <summary>Fee charged (to the fee account).</summary>
    public long Fee { get; init; }
    /// <summary>Part of the fee the account could not pay and that was not charged.</summary>
    public long FeeWaived { get; init; }
    /// <summary>Order margin released from the order's hold by this fill.</summary>
    public long OrderMarginReleased { get; init; }
    /// <summary>Position margin released by the closed part (before PnL).</summary>
    public long MarginReleased { get; init; }
    /// <summary>Initial margin moved from the contract balance into the position for the opened part.</summary>
    public long MarginAdded { get; init; }
    /// <summary>Loss beyond the position's whole margin, drawn from the protection fund.</summary>
    public long Shortfall { get; init; }
    /// <summary>Signed position quantity after the fill.</summary>
    public long QuantityAfter { get; init; }
}
