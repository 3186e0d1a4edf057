using JexSim.Engine;
using JexSim.Engine.Markets.Contract;

namespace JexSim.Server.Endpoints.Contract;

/// <summary>A contract order as the read side describes it. Amounts scaled 10^8; <see cref="Id"/> is the engine's id;
/// <see cref="ExecutedPrice"/> is the average fill price, 0 before the first fill; <see cref="FilledValue"/> the sum of
/// the fills' values. Quantities are unsigned here; the shapes apply the API's sign convention.</summary>
public sealed record ContractOrderView(
    string Symbol, long Id, Side Side, ContractOrderType Type, long Price, long Quantity, long Filled, long ExecutedPrice,
    long FilledValue, ContractOrderStatus Status, long Time, long UpdateTime, string? Reject = null);
