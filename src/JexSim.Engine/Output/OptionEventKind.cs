namespace JexSim.Engine.Output;

/// <summary>
/// What happened to an account's option position; the numeric values are the record status of
/// <c>GET /api/v1/option/record</c> (the spec's example shows 2 for a redemption).
/// </summary>
public enum OptionEventKind : byte
{
    /// <summary>Tokens issued against collateral (option/release).</summary>
    Release = 1,
    /// <summary>Tokens redeemed, collateral released pro rata (option/back).</summary>
    Back = 2,
    /// <summary>Expiry, writer side: the outstanding tokens' collateral less what holders were paid comes back.</summary>
    ExpireWriter = 3,
    /// <summary>Expiry, holder side: tokens burned, the payoff credited.</summary>
    ExpireHolder = 4,
}
