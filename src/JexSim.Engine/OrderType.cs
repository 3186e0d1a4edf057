namespace JexSim.Engine;

public enum OrderType : byte { Limit = 0, Market = 1 }
