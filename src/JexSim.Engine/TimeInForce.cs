namespace JexSim.Engine;

public enum TimeInForce : byte { Gtc = 0, Ioc = 1, Fok = 2 }
