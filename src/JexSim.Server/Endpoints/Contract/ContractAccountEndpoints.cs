using System.Globalization;
using JexSim.Engine;
using JexSim.Engine.Accounts;
using JexSim.Engine.Markets;
using JexSim.Persistence;
using JexSim.Server.Api;
using JexSim.Server.Api.Catalogue;
using static JexSim.Server.Endpoints.Contract.ContractMarketDataEndpoints;

namespace JexSim.Server.Endpoints.Contract;

/// <summary>Positions, leverage, margin transfers, bills and the account's own fills in the contract market.</summary>
public static class ContractAccountEndpoints
{
    private const MarketType Market = MarketType.Contract;
    private const string Prefix = "/api/v1/contract";

    /// <summary>Whole leverages; "20" and "20.00" (the form GET position prints) are both accepted.</summary>
    public const string LeveragePattern = "^[0-9]{1,3}(\\.0{1,2})?$";

    /// <summary>A signed amount: positive moves spot balance into the position's margin, negative takes margin out.</summary>
    public const string AmountPattern = "^-?[0-9]{1,12}(\\.[0-9]{1,8})?$";

    public static IEnumerable<JexEndpoint> All =>
    [
        new("GET", $"{Prefix}/position", SecurityType.UserData, 2, [Params.Symbol(Market, mandatory: false)], "The account's contract positions.", Positions),
        new("POST", $"{Prefix}/position/leverage", SecurityType.UserData, 1,
            [Params.Symbol(Market), Params.String("leverage", true, LeveragePattern, "1 up to the contract's maximum.")],
            "Set the leverage of a contract position.", SetLeverage),
        new("POST", $"{Prefix}/transferMargin", SecurityType.UserData, 1,
            [Params.Symbol(Market), Params.String("amount", true, AmountPattern, "Signed: + from the spot balance into the position's margin, - back.")],
            "Move margin between the spot balance and a position.", TransferMargin),
        new("GET", $"{Prefix}/bill", SecurityType.UserData, 1,
            [Params.Long("fromId", false, "Only bills after this id."), Params.Limit(100, 100), Params.Long("startTime", false), Params.Long("endTime", false)],
            "The account's contract bills (transfer, fee, funding, closPosition, liquidation, adl, autoMargin, positionSize).", Bills)
            { Rules = [ParamRule.TimeRange()] },
        new("GET", $"{Prefix}/userHistoricalTrades", SecurityType.UserData, 1,
            [Params.Symbol(Market), Params.Long("endId", false, "Only fills with a smaller id."), Params.Limit(1000, 1000)],
            "The account's contract fills (signed quantities, fee rate).", UserTrades),
    ];

    private static ValueTask<IResult> Positions(JexRequest r) =>
        ValueTask.FromResult(JexResults.Ok(ContractMarket(r).Positions(r.AccountId, r.SymbolOrNull?.Name).Select(ContractJson.Position).ToArray()));

    private static async ValueTask<IResult> SetLeverage(JexRequest r)
    {
        int leverage = ParseLeverage(r.String("leverage")!);
        if (await ContractMarket(r).SetLeverageAsync(r.AccountId, r.Symbol, leverage).ConfigureAwait(false) is { } error) throw new JexException(error);
        return JexResults.Empty();
    }

    /// <summary>A leverage the pattern admitted, as an integer (at most 999; the market checks its own range).</summary>
    public static int ParseLeverage(string value) => int.Parse(value.AsSpan(0, value.IndexOf('.') is var dot and >= 0 ? dot : value.Length), CultureInfo.InvariantCulture);

    private static async ValueTask<IResult> TransferMargin(JexRequest r)
    {
        long amount = ParseAmount(r.String("amount")!);
        var balance = (await ContractMarket(r).TransferMarginAsync(r.AccountId, r.Symbol, amount).ConfigureAwait(false)).Unwrap();
        return JexResults.Ok(ContractJson.TransferMargin(balance.Asset, balance.Free, balance.Locked));
    }

    /// <summary>A signed amount the pattern admitted, scaled 10^8; zero is refused (-1100).</summary>
    public static long ParseAmount(string value)
    {
        var d = decimal.Parse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        if (d == 0 || !FixedPoint.TryFromDecimal(d, out long scaled)) throw new JexException(JexErrors.IllegalValue("amount", value));
        return scaled;
    }

    private static ValueTask<IResult> Bills(JexRequest r)
    {
        var q = new OrderQuery(r.OptionalLong("fromId"), r.OptionalLong("startTime"), r.OptionalLong("endTime"), r.Int("limit"));
        return ValueTask.FromResult(JexResults.Ok(ContractMarket(r).Bills(r.AccountId, q).Select(ContractJson.Bill).ToArray()));
    }

    private static ValueTask<IResult> UserTrades(JexRequest r) =>
        ValueTask.FromResult(JexResults.Ok(ContractMarket(r).UserTrades(r.AccountId, r.Symbol.Name, r.OptionalLong("endId"), r.Int("limit"))
            .Select(ContractJson.UserTrade).ToArray()));

    /// <summary>GET /api/v1/account's contractBalances, for the account endpoint to use once the market is wired.</summary>
    public static object[] Balances(JexRequest r)
    {
        bool canTrade = r.ApiKey!.Permissions.HasFlag(Permissions.Trade);
        return [.. ContractMarket(r).Balances(r.AccountId).Select(b => ContractJson.Balance(b, canTrade))];
    }
}
