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
    /// <summary>Milliseconds between fundings (contractInfo; part 2 applies them).</summary>
    public long FundingInterval { get; init; } = 28_800_000;
    public int MarkMethod { get; init; } = 2;
    /// <summary>"ENABLE" or "DISABLE".</summary>
    public string AutoDeleveraging { get; init; } = "DISABLE";
    /// <summary>The starting reference price: mark = index = this until the admin API moves it.</summary>
    public decimal ReferencePrice { get; init; }
    /// <summary>The margin asset's protection fund this contract brings (minted into the supply).</summary>
    public decimal ProtectionFund { get; init; }
}
