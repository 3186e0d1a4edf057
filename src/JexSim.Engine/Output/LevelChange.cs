namespace JexSim.Engine.Output;

/// <summary>A price level's new total after a command (0 = the level is gone), tagged with the book's update id.</summary>
public readonly record struct LevelChange(int SymbolId, Side Side, long Price, long Quantity, long UpdateId);
