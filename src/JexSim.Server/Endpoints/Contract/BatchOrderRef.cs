namespace JexSim.Server.Endpoints.Contract;

/// <summary>One element of ordersJsonArray: the order id (null when the element gave none usable, which answers
/// -2013) and the symbol, when sent.</summary>
public readonly record struct BatchOrderRef(string? Symbol, long? OrderId);
