namespace JexSim.Engine.Markets.Contract;

/// <summary>The kinds of contract bill, as the spec's "Endpoints for futures account" enum lists them.</summary>
public enum ContractBillType : byte
{
    /// <summary>Margin moved between the spot balance and a position (transferMargin), signed: + into the position.</summary>
    Transfer = 0,
    /// <summary>A fill's fee, negative.</summary>
    Fee = 1,
    /// <summary>A funding payment, signed: - paid, + received.</summary>
    Funding = 2,
    /// <summary>Realised PnL of a close, signed.</summary>
    ClosePosition = 3,
    /// <summary>What a liquidation left of the margin, moved to the protection fund (negative).</summary>
    Liquidation = 4,
    /// <summary>PnL realised by a position auto-deleveraging reduced (the counterparty of a liquidation).</summary>
    Adl = 5,
    /// <summary>Margin added automatically (listed by the spec; the simulator never adds margin by itself).</summary>
    AutoMargin = 6,
    /// <summary>The position's size changed by a fill: the signed quantity.</summary>
    PositionSize = 7,
}
