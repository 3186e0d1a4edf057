using JexSim.Engine;

namespace JexSim.Server.Venue;

/// <summary>
/// A market maker's quotes: cancel the account's resting orders on the symbol and place the ladder, unless the old
/// quotes are intact (all there, none filled) and <see cref="Force"/> is false. Result: true when it requoted.
/// </summary>
public sealed record RequoteCommand(long AccountId, int SymbolId, long Quantity, IReadOnlyList<(Side Side, long Price)> Ladder, bool Force) : VenueCommand;
