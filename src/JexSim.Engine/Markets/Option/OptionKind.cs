namespace JexSim.Engine.Markets.Option;

/// <summary>What an option token pays at expiry: a CALL the underlying's rise above the strike, a PUT its fall below.</summary>
public enum OptionKind : byte { Call = 0, Put = 1 }
