using JexSim.Engine;

namespace JexSim.Server.Api.Catalogue;

/// <summary>The parameter vocabulary the endpoint declarations are written in.</summary>
public static class Params
{
    public static readonly string[] KlineIntervals = ["1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "12h", "1d", "3d", "1w"];

    /// <summary>Symbols are matched without regard to case; anything outside this form is -1100, an unknown symbol -1121.</summary>
    public const string SymbolPattern = "^[A-Za-z0-9_.-]{1,20}$";

    public static ParamSpec Symbol(MarketType market, bool mandatory = true) =>
        new("symbol", ParamKind.Symbol, mandatory) { Market = market, InvalidValue = JexErrors.InvalidSymbol, Pattern = SymbolPattern };

    public static ParamSpec Side() =>
        new("side", ParamKind.Enum, true) { Allowed = ["BUY", "SELL"], InvalidValue = JexErrors.InvalidSide };

    public static ParamSpec OrderType(params string[] allowed) =>
        new("type", ParamKind.Enum, true) { Allowed = allowed, InvalidValue = JexErrors.InvalidOrderType };

    public static ParamSpec TimeInForce() =>
        new("timeInForce", ParamKind.Enum, false) { Allowed = ["GTC", "IOC", "FOK"], InvalidValue = JexErrors.InvalidTimeInForce, Description = "Default GTC; not allowed with MARKET." };

    public static ParamSpec Decimal(string name, bool mandatory, string? description = null) =>
        new(name, ParamKind.Decimal, mandatory) { Description = description };

    public static ParamSpec Price(bool mandatory, string? description = null) =>
        new("price", ParamKind.Decimal, mandatory) { Scale = ScaleRule.PricePrecision, Description = description };

    public static ParamSpec Quantity(bool mandatory = true) =>
        new("quantity", ParamKind.Decimal, mandatory) { Scale = ScaleRule.QuantityPrecision };

    public static ParamSpec Long(string name, bool mandatory, string? description = null) =>
        new(name, ParamKind.Long, mandatory) { Min = 0, Description = description };

    public static ParamSpec Limit(int @default, int max, params int[] allowed) =>
        new("limit", ParamKind.Int, false)
        {
            Default = @default, Min = 1, Max = max,
            Allowed = allowed.Length > 0 ? allowed.Select(a => a.ToString()).ToArray() : null,
            Description = allowed.Length > 0 ? $"Default {@default}; one of {string.Join(", ", allowed)}." : $"Default {@default}; max {max}.",
        };

    public static ParamSpec Interval() =>
        new("interval", ParamKind.Enum, true) { Allowed = KlineIntervals, InvalidValue = JexErrors.InvalidInterval };

    public static ParamSpec NewOrderRespType() =>
        new("newOrderRespType", ParamKind.Enum, false) { Allowed = ["ACK", "RESULT"], Description = "Default ACK." };

    public static ParamSpec String(string name, bool mandatory, string? pattern = null, string? description = null) =>
        new(name, ParamKind.String, mandatory) { Pattern = pattern, Description = description };

    public const long MaxRecvWindow = 60_000;
    public const long DefaultRecvWindow = 5_000;

    /// <summary>What every SIGNED endpoint takes besides its own parameters.</summary>
    public static readonly IReadOnlyList<ParamSpec> SignedParameters =
    [
        new("recvWindow", ParamKind.Long, false) { Min = 1, Max = MaxRecvWindow, Default = DefaultRecvWindow, Description = "Default 5000; max 60000." },
        new("timestamp", ParamKind.Long, true) { Min = 0 },
        new("signature", ParamKind.String, true) { MaxLength = 128, Description = "HMAC SHA256 (hex, any case) of the query string concatenated with the body." },
    ];
}
