namespace JexSim.Engine.Markets.Option;

/// <summary>
/// The spec's <c>releaseOption</c>: what a writer locks per token issued (<c>POST option/release</c>), all scaled by 10^8.
/// One token stands for <see cref="ConvertRatio"/> units of the underlying; it locks
/// <see cref="MarginPerToken"/> = convertRatio x rateMargin of <see cref="MarginAsset"/> (what pays holders at expiry)
/// and <see cref="BasePerToken"/> = rateBase of <see cref="BaseAsset"/> (a bond, always returned whole).
/// The spec's example: 17780 tokens at convertRatio 0.1, rateMargin 0.1, rateBase 1 lock 177.8 BTC and 17780 JEX.
/// </summary>
public sealed record ReleaseTerms(long ConvertRatio, AssetSpec MarginAsset, long RateMargin, AssetSpec BaseAsset, long RateBase)
{
    /// <summary>Margin locked per token: convertRatio x rateMargin (the fixture loader refuses terms where it is not exact at 8 decimals).</summary>
    public long MarginPerToken => FixedPoint.ApplyRate(ConvertRatio, RateMargin);

    /// <summary>Base locked per token: rateBase.</summary>
    public long BasePerToken => RateBase;
}
