using JexSim.Engine;
using JexSim.Engine.Matching;

namespace JexSim.Server.Admin;

/// <summary>
/// The most of one asset the whole venue may hold: 92233720368 whole units, the integer part of the largest fixed-point
/// amount (long.MaxValue / 10^8). Credits (admin and fixture) are refused past it, so every balance, lock, fee and
/// transfer of a later trade, each a part of that supply, fits the engine's 64-bit fixed point.
/// </summary>
public static class BalanceLimit
{
    public const long WholeUnits = 92_233_720_368;
    public const long Scaled = WholeUnits * FixedPoint.Scale;

    public static string Describe => $"{WholeUnits} (the venue's balance limit)";

    /// <summary>How much more of an asset may be credited, venue-wide.</summary>
    public static long Headroom(ExchangeCore core, int assetId) => Math.Max(0, Scaled - core.Supply(assetId));

    /// <summary>"must be at most 92233720368 (the venue's balance limit)…", with what is already held when that matters.</summary>
    public static string Refusal(string asset, long alreadyHeld) => alreadyHeld == 0
        ? $"must be at most {Describe}."
        : $"must be at most {Describe} in total over all accounts: {FixedPoint.Format(alreadyHeld)} {asset} is held already, so at most {FixedPoint.Format(Math.Max(0, Scaled - alreadyHeld))} more can be credited.";
}
