namespace JexSim.Server.Fixtures;

/// <summary>A perpetual contract: a symbol's trading rules plus its margin, leverage and reference-price terms.</summary>
public sealed record ContractSymbolFixture : SymbolFixture
{
    /// <summary>The asset margin, PnL and fees are paid in; the quote asset when left out.</summary>
    public string? MarginAsset { get; init; }
    /// <summary>Contract size (1 = quantities in units of the base asset).</summary>
    public decimal Multiplier { get; init; } = 1;
    public int MaxLeverage { get; init; } = 100;
    public int DefaultLeverage { get; init; } = 10;
    /// <summary>Maintenance margin as a share of the position's value; must be below 1 / maxLeverage.</summary>
    public decimal MaintenanceMarginRate { get; init; } = 0.005m;
    /// <summary>Milliseconds between fundings, on multiples of it since the Unix epoch.</summary>
    public long FundingInterval { get; init; } = 28_800_000;
    /// <summary>1: the mark is the index; 2: the index plus the smoothed basis of the contract book.</summary>
    public int MarkMethod { get; init; } = 2;
    /// <summary>The funding rate's interest component per interval.</summary>
    public decimal InterestRate { get; init; } = 0.0001m;
    /// <summary>The funding rate's bound either way per interval.</summary>
    public decimal MaxFundingRate { get; init; } = 0.0075m;
    /// <summary>The largest position value (entry cost) an account may hold; 0 = none.</summary>
    public decimal RiskLimit { get; init; }
    /// <summary>The spot symbol the index follows (null: only the admin API moves it).</summary>
    public string? IndexSymbol { get; init; }
    /// <summary>With indexSymbol: "reference" (its reference price: its random-walk or replay feed, or the admin API) or
    /// "mid" (its spot book's mid).</summary>
    public string IndexSource { get; init; } = "reference";
    /// <summary>With indexSymbol: how often (ms of venue time) the index is taken.</summary>
    public long IndexIntervalMs { get; init; } = 1000;
    /// <summary>"ENABLE" or "DISABLE".</summary>
    public string AutoDeleveraging { get; init; } = "DISABLE";
    /// <summary>The starting index (and mark) price.</summary>
    public decimal ReferencePrice { get; init; }
    /// <summary>The margin asset's protection fund this contract brings (minted into the supply).</summary>
    public decimal ProtectionFund { get; init; }
}
