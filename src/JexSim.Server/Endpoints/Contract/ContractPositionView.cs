using JexSim.Engine;
using JexSim.Engine.Markets.Contract;

namespace JexSim.Server.Endpoints.Contract;

/// <summary>One position as GET contract/position and the contractPositions stream show it, valued at a mark price.</summary>
public sealed record ContractPositionView(
    string Symbol, long Quantity, int Leverage, int MaxLeverage, long Margin, long Cost, decimal CostPrice, decimal LiquidationPrice,
    long Profit, decimal ProfitRate, long MaintenanceMarginRate, long BuyOrderCost, long SellOrderCost)
{
    public static ContractPositionView From(in Position position, ContractSpec spec, long markPrice)
    {
        long profit = ContractMath.UnrealisedPnl(position, spec.Multiplier, markPrice);
        return new ContractPositionView(spec.Symbol, position.Quantity, position.Leverage, spec.MaxLeverage, position.Margin, position.Cost,
            ContractMath.CostPrice(position, spec.Multiplier), ContractMath.LiquidationPrice(position, spec), profit,
            ContractMath.ProfitRate(profit, position.Margin), spec.MaintenanceMarginRate, position.BuyOrderMargin, position.SellOrderMargin);
    }

    /// <summary>Initial margin rate: 1 / leverage (the example's "0.1000" at leverage 10).</summary>
    public decimal InitialMarginRate => Math.Round(1m / Leverage, 8, MidpointRounding.AwayFromZero);
}
