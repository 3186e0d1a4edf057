namespace JexSim.Engine.Markets.Contract;

/// <summary>A contract order's status, as the spec's "contract status" enum names them.</summary>
public enum ContractOrderStatus : byte
{
    /// <summary>Accepted, not yet on the book (a triggered conditional order before it is matched).</summary>
    Entrusting = 0,
    /// <summary>Resting on the book, nothing filled.</summary>
    Entrusted = 1,
    PartFilled = 2,
    Filled = 3,
    /// <summary>Cancelled, or a remainder that could not rest.</summary>
    Cancel = 4,
    /// <summary>Refused; execContractReport's r carries the reason.</summary>
    Fail = 5,
}
