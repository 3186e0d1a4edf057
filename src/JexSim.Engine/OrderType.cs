namespace JexSim.Engine;

/// <summary>Limit and market orders; Flat is the contract market's liquidation order, an IOC limit order the venue
/// places on a liquidated position's behalf (it only closes and pays no fee).</summary>
public enum OrderType : byte { Limit = 0, Market = 1, Flat = 2 }
