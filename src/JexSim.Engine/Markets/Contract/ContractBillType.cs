namespace JexSim.Engine.Markets.Contract;

/// <summary>The kinds of contract bill, as the spec's "Endpoints for futures account" enum lists them.</summary>
public enum ContractBillType : byte
{
    /// <summary>Margin moved between the spot balance and a position (transferMargin), signed: + into the position.</summary>
    Transfer = 0,
    /// <summary>A fill's fee, negative.</summary>
    Fee = 1,
    /// <summary>A funding payment, signed (part 2).</summary>
    Funding = 2,
    /// <summary>Realised PnL of a close, signed.</summary>
    ClosePosition = 3,
    /// <summary>Margin a liquidation took (part 2).</summary>
    Liquidation = 4,
    /// <summary>A position reduced by auto-deleveraging (part 2).</summary>
    Adl = 5,
    /// <summary>Margin added automatically (part 2).</summary>
    AutoMargin = 6,
    /// <summary>The position's size changed by a fill: the signed quantity.</summary>
    PositionSize = 7,
}
