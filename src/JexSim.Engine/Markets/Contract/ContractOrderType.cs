namespace JexSim.Engine.Markets.Contract;

/// <summary>The spec's contract order types: LIMIT, stopLimit and profitLimit (limit orders waiting for a trigger), the market order of a
/// close (POST contract/liquidation) and FLAT, the venue's liquidation order.</summary>
public enum ContractOrderType : byte
{
    Limit = 0,
    Market = 1,
    StopLimit = 2,
    ProfitLimit = 3,
    Flat = 4,
}
