using JexSim.Engine;

namespace JexSim.Server.Api.Catalogue;

/// <summary>The spec's security types. SIGNED ones (TRADE, USER_DATA) need timestamp and signature.</summary>
public enum SecurityType { None, MarketData, UserStream, Trade, UserData }

public static class SecurityTypeExtensions
{
    public static bool NeedsApiKey(this SecurityType s) => s != SecurityType.None;
    public static bool IsSigned(this SecurityType s) => s is SecurityType.Trade or SecurityType.UserData;
    public static string ToSpec(this SecurityType s) => s switch
    {
        SecurityType.MarketData => "MARKET_DATA",
        SecurityType.UserStream => "USER_STREAM",
        SecurityType.Trade => "TRADE",
        SecurityType.UserData => "USER_DATA",
        _ => "NONE",
    };
}

public enum ParamKind { String, Enum, Decimal, Long, Int, Symbol }

public enum ScaleRule { None, PricePrecision, QuantityPrecision }

/// <summary>
/// One parameter of an endpoint: its type, whether it is mandatory, its allowed values or range, and the JEX error a
/// bad value gets (for enums whose errors have their own codes: side -1117, type -1116, timeInForce -1115, interval -1120).
/// </summary>
public sealed record ParamSpec(string Name, ParamKind Kind, bool Mandatory)
{
    public IReadOnlyList<string>? Allowed { get; init; }
    public long? Min { get; init; }
    public long? Max { get; init; }
    public long? Default { get; init; }
    public JexError? InvalidValue { get; init; }
    public MarketType? Market { get; init; }
    /// <summary>For prices and quantities: the symbol's precision bounds the decimals (-1129 beyond it).</summary>
    public ScaleRule Scale { get; init; }
    public string? Description { get; init; }
}

/// <summary>Weight of a request: fixed, or larger when the symbol parameter is left out (a whole-market query).</summary>
public sealed record RequestWeight(int Value, int WithoutSymbol = 0)
{
    public int For(bool hasSymbol) => !hasSymbol && WithoutSymbol > 0 ? WithoutSymbol : Value;

    public override string ToString() => WithoutSymbol > 0 ? $"{Value} ({WithoutSymbol} without symbol)" : Value.ToString();

    public static implicit operator RequestWeight(int value) => new(value);
}

public delegate ValueTask<IResult> JexHandler(JexRequest request);

/// <summary>One endpoint of the JEX surface, declared once: routing, validation, weights, docs all read it.</summary>
public sealed record JexEndpoint(string Method, string Path, SecurityType Security, RequestWeight Weight, IReadOnlyList<ParamSpec> Parameters, string Summary, JexHandler Handler)
{
    /// <summary>Counts against the ORDERS rate limits.</summary>
    public bool PlacesOrder { get; init; }

    /// <summary>Parameters that depend on another parameter's value (price with LIMIT, no timeInForce with MARKET).</summary>
    public IReadOnlyList<ParamRule> Rules { get; init; } = [];

    public string Key => $"{Method} {Path}";

    /// <summary>All parameters a request may carry, the SIGNED trio included.</summary>
    public IEnumerable<ParamSpec> AllParameters => Security.IsSigned() ? Parameters.Concat(Params.SignedParameters) : Parameters;
}

/// <summary>
/// A dependency between parameters: when <see cref="When"/> has the value <see cref="Equals"/>, the parameter
/// <see cref="Param"/> is required (-1102 when missing) or forbidden (-1106 when sent).
/// </summary>
public sealed record ParamRule(string When, string Is, string Param, bool Required)
{
    public static ParamRule Requires(string when, string @is, string param) => new(when, @is, param, true);
    public static ParamRule Forbids(string when, string @is, string param) => new(when, @is, param, false);

    public override string ToString() => Required ? $"{Param} required when {When}={Is}" : $"{Param} not allowed when {When}={Is}";
}
