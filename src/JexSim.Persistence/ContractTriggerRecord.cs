using JexSim.Engine;
using JexSim.Engine.Markets.Contract;

namespace JexSim.Persistence;

/// <summary>A stop or take-profit order waiting for its trigger; <paramref name="Waiting"/> false removes it (fired or cancelled).</summary>
public sealed record ContractTriggerRecord(
    long Id, long AccountId, string Symbol, Side Side, OrderType Type, long Price, long Quantity, long Time,
    TriggerPriceType TriggerType, long TriggerPrice, bool FiresAbove, bool Waiting = true);
