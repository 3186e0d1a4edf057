namespace JexSim.Engine;

public enum MarketType : byte { Spot = 0, Option = 1, Contract = 2 }
