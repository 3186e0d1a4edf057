namespace JexSim.Engine.Commands;

/// <summary>A request to place an order, already parsed into scaled integers.</summary>
public readonly record struct PlaceOrder(
    long AccountId, int SymbolId, Side Side, OrderType Type, TimeInForce TimeInForce, long Price, long Quantity);
