namespace JexSim.Engine;

public enum Side : byte { Buy = 0, Sell = 1 }
