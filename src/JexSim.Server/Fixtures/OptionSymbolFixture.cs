namespace JexSim.Server.Fixtures;

/// <summary>
/// An option symbol: its tokens (<see cref="SymbolFixture.BaseAsset"/>, an asset of their own) trade against
/// <see cref="SymbolFixture.QuoteAsset"/> as premium; at <see cref="ExertionTime"/> they settle against
/// <see cref="Underlying"/>'s reference price. Without <see cref="ReleaseOption"/> nobody can issue it (canRelease false).
/// </summary>
public sealed record OptionSymbolFixture : SymbolFixture
{
    /// <summary>"CALL" or "PUT".</summary>
    public required string Type { get; init; }
    /// <summary>A spot symbol of the fixture; its reference price settles the option.</summary>
    public required string Underlying { get; init; }
    /// <summary>The strike, in the underlying's quote asset.</summary>
    public required decimal Strike { get; init; }
    /// <summary>Expiry (ISO-8601): trading, issue and redemption stop and the tokens settle.</summary>
    public required DateTimeOffset ExertionTime { get; init; }
    public string OptionDesc { get; init; } = "";
    public ReleaseOptionFixture? ReleaseOption { get; init; }
}

/// <summary>The spec's releaseOption: per token, convertRatio x rateMargin of the margin asset and rateBase of the base asset.</summary>
public sealed record ReleaseOptionFixture
{
    public required decimal ConvertRatio { get; init; }
    public required string AssetMarginName { get; init; }
    public required decimal RateMargin { get; init; }
    public decimal RateBase { get; init; }
    public required string AssetBaseName { get; init; }
}

/// <summary>Tokens an account issues when the fixture is seeded (as POST option/release would).</summary>
public sealed record ReleaseFixture
{
    public required long Account { get; init; }
    public required string Symbol { get; init; }
    public required decimal Amount { get; init; }
}
