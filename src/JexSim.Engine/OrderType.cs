namespace JexSim.Engine;

/// <summary>Limit and market orders; the contract market's liquidation order (Flat: an IOC limit order the venue places
/// on a liquidated position's behalf; it only closes and pays no fee) and its stop and take-profit orders (limit orders
/// that wait for a trigger price, then rest and match as LIMIT orders do).</summary>
public enum OrderType : byte { Limit = 0, Market = 1, Flat = 2, StopLimit = 3, ProfitLimit = 4 }
