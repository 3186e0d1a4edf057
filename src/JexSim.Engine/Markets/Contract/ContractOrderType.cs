namespace JexSim.Engine.Markets.Contract;

/// <summary>The spec's contract order types: LIMIT (part 1), stopLimit and profitLimit (part 2), the market order of a
/// close (POST contract/liquidation) and FLAT, the venue's liquidation order.</summary>
public enum ContractOrderType : byte
{
    Limit = 0,
    Market = 1,
    StopLimit = 2,
    ProfitLimit = 3,
    Flat = 4,
}
