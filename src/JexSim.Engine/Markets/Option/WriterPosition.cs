namespace JexSim.Engine.Markets.Option;

/// <summary>
/// What one account wrote of one option (all token amounts scaled by 10^8): tokens issued, tokens redeemed, and tokens
/// settled at expiry. The tokens still outstanding lock <see cref="ReleaseTerms.MarginPerToken"/> and
/// <see cref="ReleaseTerms.BasePerToken"/> each, held in the writer's locked balances.
/// </summary>
public sealed class WriterPosition(long accountId, int symbolId)
{
    public long AccountId { get; } = accountId;
    public int SymbolId { get; } = symbolId;
    public long Released { get; internal set; }
    public long Backed { get; internal set; }
    public long Settled { get; internal set; }
    public long Outstanding => Released - Backed - Settled;
}
