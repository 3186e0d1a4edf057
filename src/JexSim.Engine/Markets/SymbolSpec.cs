namespace JexSim.Engine.Markets;

/// <summary>
/// A tradable symbol and its trading rules. Every amount is scaled by 10^8 (<see cref="FixedPoint"/>).
/// Fee rates are scaled by 10^8 too: 0.001 (0.1%) is 100_000.
/// </summary>
public sealed record SymbolSpec
{
    public required int Id { get; init; }
    public required string Name { get; init; }
    public required MarketType Market { get; init; }
    public required AssetSpec Base { get; init; }
    public required AssetSpec Quote { get; init; }
    public required long TickSize { get; init; }
    public required long MinPrice { get; init; }
    public required long MaxPrice { get; init; }
    public required long StepSize { get; init; }
    public required long MinQty { get; init; }
    public required long MaxQty { get; init; }
    public long MinNotional { get; init; }
    public long MakerFeeRate { get; init; }
    public long TakerFeeRate { get; init; }
    public bool MarketOrdersAllowed { get; init; } = true;
    public bool Trading { get; init; } = true;
    /// <summary>Option symbols only: the option's terms (its tokens are <see cref="Base"/>).</summary>
    public Option.OptionSpec? Option { get; init; }

    /// <summary>
    /// The symbol's name in the store (orders, trades, candles, markets): unique across markets, since spot and
    /// contracts both list BTCUSDT. Spot and option symbols keep their name; a contract's is "contract:NAME".
    /// </summary>
    public string StoreKey => StoreKeyOf(Name, Market);

    public static string StoreKeyOf(string name, MarketType market) => market == MarketType.Contract ? "contract:" + name : name;

    /// <summary>Decimals a price may have (from the tick size).</summary>
    public int PricePrecision => FixedPoint.DecimalsOf(TickSize);

    /// <summary>Decimals a quantity may have (from the step size).</summary>
    public int QuantityPrecision => FixedPoint.DecimalsOf(StepSize);
}
