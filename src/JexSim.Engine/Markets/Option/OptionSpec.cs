namespace JexSim.Engine.Markets.Option;

/// <summary>
/// The option terms of an option symbol (<see cref="SymbolSpec.Option"/>). Its tokens are the symbol's base asset and
/// trade against the quote asset as premium. At <see cref="ExertionTime"/> trading stops and the tokens settle against
/// <see cref="Underlying"/>'s reference price (see <see cref="OptionWriters.Expire"/>).
/// </summary>
public sealed record OptionSpec(OptionKind Kind, SymbolSpec Underlying, long Strike, long ExertionTime, ReleaseTerms? Release)
{
    public bool CanRelease => Release is not null;

    /// <summary>
    /// What one token pays at settlement price <paramref name="price"/>, in the margin asset: convertRatio x intrinsic value
    /// (call: price - strike, put: strike - price, never below 0) in the underlying's quote asset, divided by the price when
    /// the margin asset is the underlying's base asset, rounded down, and capped at the margin a token locks.
    /// </summary>
    public long PayoffPerToken(long price)
    {
        if (Release is not { } terms || price <= 0) return 0;
        long intrinsic = Kind == OptionKind.Call ? price - Strike : Strike - price;
        if (intrinsic <= 0) return 0;
        long quote = FixedPoint.ApplyRate(terms.ConvertRatio, intrinsic);
        long payoff = terms.MarginAsset.Id == Underlying.Quote.Id ? quote : (long)((Int128)quote * FixedPoint.Scale / price);
        return Math.Min(payoff, terms.MarginPerToken);
    }
}
