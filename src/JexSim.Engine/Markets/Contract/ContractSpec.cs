namespace JexSim.Engine.Markets.Contract;

/// <summary>
/// A linear, USDT-margined perpetual: one contract of quantity 1 (scaled 10^8) is worth <see cref="Multiplier"/> units
/// of the underlying, so the value of a quantity q at price p is p x q x multiplier (all three scaled 10^8).
/// Rates (fees, maintenance margin) are scaled 10^8 as well: 0.005 is 500_000.
/// </summary>
public sealed record ContractSpec
{
    /// <summary>Dense id of the contract inside its <see cref="ContractLedger"/>, starting at 0.</summary>
    public required int Id { get; init; }

    /// <summary>The engine symbol the contract trades under (its book and filters live there).</summary>
    public required int SymbolId { get; init; }

    public required string Symbol { get; init; }

    /// <summary>The asset margin, PnL and fees are paid in (USDT).</summary>
    public required int MarginAsset { get; init; }

    /// <summary>Contract size, scaled 10^8 (1.0 = quantities are in units of the underlying).</summary>
    public long Multiplier { get; init; } = FixedPoint.Scale;

    public int MaxLeverage { get; init; } = 100;

    /// <summary>The leverage a position starts with until the account sets another.</summary>
    public int DefaultLeverage { get; init; } = 10;

    /// <summary>Maintenance margin as a share of the position's value at the mark price (JEX's example: 0.005).</summary>
    public long MaintenanceMarginRate { get; init; } = 500_000;

    public long MakerFeeRate { get; init; }
    public long TakerFeeRate { get; init; }

    /// <summary>Milliseconds between fundings (contractInfo's fundingInterval), on multiples of it since the Unix epoch.</summary>
    public long FundingInterval { get; init; } = 8 * 3600 * 1000L;

    /// <summary>contractInfo's markMethod: 1 = the mark is the index; 2 (JEX's example) = the index plus the smoothed
    /// basis (see <see cref="ContractMath.NextBasis"/>).</summary>
    public int MarkMethod { get; init; } = 2;

    /// <summary>contractInfo's autoDeleveraging ("ENABLE"/"DISABLE"): whether a liquidation the book and the
    /// protection fund cannot absorb is closed against the most profitable opposite positions.</summary>
    public bool AutoDeleveraging { get; init; }

    /// <summary>The interest component of the funding rate, per funding interval (0.0001 = 0.01%).</summary>
    public long InterestRate { get; init; } = 10_000;

    /// <summary>The largest funding rate either way, per interval (0.0075 = 0.75%).</summary>
    public long MaxFundingRate { get; init; } = 750_000;

    /// <summary>The largest position value (entry cost plus the order's opening value) an account may hold; 0 = no limit
    /// (an order beyond it is refused "reach risk limit").</summary>
    public long RiskLimit { get; init; }

    /// <summary>The spot symbol whose book mid the index may follow (SetIndexPrice with price 0); -1 = none.</summary>
    public int IndexSymbolId { get; init; } = -1;

    /// <summary>The larger of the two fee rates: what an order's hold reserves, since it may fill as maker or taker.</summary>
    public long ReservedFeeRate => Math.Max(MakerFeeRate, TakerFeeRate);

    /// <summary>Why the spec cannot be traded, or null. The initial margin at the highest leverage must exceed maintenance.</summary>
    public string? Problem()
    {
        if (Id < 0 || SymbolId < 0 || MarginAsset < 0) return "ids must not be negative";
        if (Multiplier <= 0 || Multiplier > ContractMath.MaxMultiplier) return $"multiplier must be in (0, {FixedPoint.Format(ContractMath.MaxMultiplier)}]";
        if (MaxLeverage < 1 || MaxLeverage > ContractMath.MaxLeverage) return $"maxLeverage must be 1..{ContractMath.MaxLeverage}";
        if (DefaultLeverage < 1 || DefaultLeverage > MaxLeverage) return "defaultLeverage must be 1..maxLeverage";
        if (MaintenanceMarginRate <= 0) return "maintenanceMarginRate must be positive";
        if ((Int128)MaintenanceMarginRate * MaxLeverage >= FixedPoint.Scale) return "maintenanceMarginRate must be below 1/maxLeverage";
        if (MakerFeeRate < 0 || TakerFeeRate < 0 || ReservedFeeRate >= FixedPoint.Scale) return "fee rates must be in [0, 1)";
        if (FundingInterval <= 0) return "fundingInterval must be positive";
        if (MarkMethod is not (1 or 2)) return "markMethod must be 1 (mark = index) or 2 (index + smoothed basis)";
        if (InterestRate < -MaxFundingRate || InterestRate > MaxFundingRate) return "interestRate must be within ±maxFundingRate";
        if (MaxFundingRate < 0 || MaxFundingRate >= FixedPoint.Scale) return "maxFundingRate must be in [0, 1)";
        if (RiskLimit < 0) return "riskLimit must not be negative";
        return null;
    }
}
