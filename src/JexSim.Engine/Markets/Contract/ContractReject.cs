namespace JexSim.Engine.Markets.Contract;

/// <summary>Why the contract ledger refused an operation. Nothing changed when it did.</summary>
public enum ContractReject : byte
{
    None = 0,
    UnknownContract,
    /// <summary>A quantity, price or amount that is zero, negative or beyond a checked range.</summary>
    InvalidAmount,
    /// <summary>The value would not fit 64 bits.</summary>
    Overflow,
    /// <summary>The contract balance cannot pay the order margin (JEX -7008 "margin not enough", stream r "insufficient Available").</summary>
    InsufficientMargin,
    /// <summary>The balance a transfer draws on is too small (JEX -7007 "asset not enough").</summary>
    InsufficientBalance,
    /// <summary>Above the contract's maximum (JEX -7010).</summary>
    LeverageTooLarge,
    /// <summary>Below 1 (JEX -7011).</summary>
    LeverageTooSmall,
    /// <summary>The position's margin would not cover the initial margin at the new leverage (JEX -7002).</summary>
    LeverageNotCovered,
    /// <summary>No open position to move margin in or out of, or to close (JEX -7020).</summary>
    PositionNotExists,
    /// <summary>Taking the margin out would leave less than the position requires (JEX -7001).</summary>
    MarginBelowRequired,
    /// <summary>The position's cost plus the order's opening value would exceed the contract's risk limit.</summary>
    RiskLimit,
}
