namespace JexSim.Engine.Markets;

/// <summary>Per-account caps from the spec's "Order Count Limits".</summary>
public sealed record OrderLimits
{
    public int MaxOpenOrdersPerSymbol { get; init; } = 200;
    public int MaxConditionalOrdersPerSymbol { get; init; } = 10;
}
