namespace JexSim.Persistence;

/// <summary>Filters of openOrders/historyOrders: orders after an id, inside a time range, newest first up to a limit.</summary>
public readonly record struct OrderQuery(long? FromOrderId, long? StartTime, long? EndTime, int Limit);
