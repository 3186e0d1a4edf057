namespace JexSim.Engine.Output;

/// <summary>An option symbol settled at its exertion time: trading over, tokens paid out at <paramref name="Price"/>.</summary>
public readonly record struct OptionSettlement(int SymbolId, long Price, long PayoffPerToken, long Time);
