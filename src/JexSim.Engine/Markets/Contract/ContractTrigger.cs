namespace JexSim.Engine.Markets.Contract;

/// <summary>
/// A stop or take-profit order waiting for its trigger: the limit order it becomes (side, price, quantity, type
/// StopLimit or ProfitLimit, its id and time) and the trigger (the price watched, the trigger price, and whether it
/// fires when that price rises to the trigger or falls to it, fixed when it was placed).
/// </summary>
public readonly record struct ContractTrigger(
    long Id, long AccountId, int SymbolId, Side Side, OrderType Type, long Price, long Quantity, long Time,
    TriggerPriceType TriggerType, long TriggerPrice, bool FiresAbove)
{
    /// <summary>Whether <paramref name="current"/> has reached the trigger price.</summary>
    public bool Fires(long current) => current > 0 && (FiresAbove ? current >= TriggerPrice : current <= TriggerPrice);
}
