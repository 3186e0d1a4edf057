using JexSim.Engine.Commands;
using JexSim.Engine.Markets;
using JexSim.Engine.Markets.Contract;

namespace JexSim.Engine.Tests.Contract;

/// <summary>
/// The engine the contract engine tests drive through <see cref="ExchangeCore.Apply"/>: assets BTC (0) and USDT (1), a
/// spot BTCUSDT (symbol 0) and a BTCUSDT perpetual (symbol 1: maker 0.02%, taker 0.05%, maintenance 0.5%, max leverage
/// 100, default 10), fee account 99.
/// </summary>
internal static class ContractTestCore
{
    public static readonly AssetSpec Btc = new(0, "BTC"), Usdt = new(1, "USDT");
    public const int Spot = 0, Perp = 1;
    public const long Fee = 99;

    public static long Fp(decimal v) => FixedPoint.FromDecimal(v);

    public static SymbolSpec Symbol(int id, MarketType market) => new()
    {
        Id = id, Name = "BTCUSDT", Market = market, Base = Btc, Quote = Usdt, TickSize = Fp(0.5m), MinPrice = Fp(0.5m), MaxPrice = Fp(1_000_000m),
        StepSize = Fp(0.0001m), MinQty = Fp(0.0001m), MaxQty = Fp(1_000m), MakerFeeRate = Fp(0.0002m), TakerFeeRate = Fp(0.0005m),
    };

    public static ContractSpec Perpetual(bool adl = false, long riskLimit = 0) => new()
    {
        Id = 0, SymbolId = Perp, Symbol = "BTCUSDT", MarginAsset = Usdt.Id, MaxLeverage = 100, DefaultLeverage = 10,
        MaintenanceMarginRate = Fp(0.005m), MakerFeeRate = Fp(0.0002m), TakerFeeRate = Fp(0.0005m), AutoDeleveraging = adl, RiskLimit = riskLimit,
    };

    public static ExchangeCore NewCore(ContractSpec perpetual) =>
        new([Btc, Usdt], [Symbol(Spot, MarketType.Spot), Symbol(Perp, MarketType.Contract)], Fee, null, [perpetual]);

    public static EngineCommand Limit(long account, Side side, decimal price, decimal qty) =>
        EngineCommand.Place(new PlaceOrder(account, Perp, side, OrderType.Limit, TimeInForce.Gtc, Fp(price), Fp(qty)));
}
