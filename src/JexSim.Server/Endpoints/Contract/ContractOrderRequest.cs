using JexSim.Engine;
using JexSim.Engine.Markets;
using JexSim.Engine.Markets.Contract;

namespace JexSim.Server.Endpoints.Contract;

/// <summary>A validated POST contract/order. Quantity is unsigned (the side carries the sign); TriggerType and
/// TriggerPrice are set only for stopLimit and profitLimit. Test: validate and pre-check, place nothing.</summary>
public sealed record ContractOrderRequest(
    long AccountId, SymbolSpec Symbol, Side Side, ContractOrderType Type, long Price, long Quantity,
    string? TriggerType, long TriggerPrice, bool Test);
