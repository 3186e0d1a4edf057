using System.Text.RegularExpressions;
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
    private Regex? _pattern;

    public IReadOnlyList<string>? Allowed { get; init; }
    public long? Min { get; init; }
    public long? Max { get; init; }
    public long? Default { get; init; }
    public JexError? InvalidValue { get; init; }
    public MarketType? Market { get; init; }
    /// <summary>For prices and quantities: the symbol's precision bounds the decimals (-1129 beyond it).</summary>
    public ScaleRule Scale { get; init; }
    /// <summary>For strings and symbols: the form a value must have (-1100 otherwise).</summary>
    public string? Pattern { get; init; }
    /// <summary>For strings: the longest value accepted (-1100 beyond it).</summary>
    public int MaxLength { get; init; } = 256;
    public string? Description { get; init; }

    internal Regex? PatternRegex => Pattern is null ? null
        : _pattern ??= new Regex(Pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    /// <summary>The range or set a value must be in, as README, OpenAPI and -1100 messages state it.</summary>
    public string? LegalRange => Kind switch
    {
        ParamKind.Enum => string.Join(", ", Allowed ?? []),
        ParamKind.Int or ParamKind.Long when Allowed is { } a => string.Join(", ", a),
        ParamKind.Int or ParamKind.Long when Min is not null || Max is not null => $"{Min ?? long.MinValue} - {Max ?? long.MaxValue}",
        _ => Pattern,
    };
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
    private ParamSpec[]? _all;

    /// <summary>Counts against the ORDERS rate limits.</summary>
    public bool PlacesOrder { get; init; }

    /// <summary>Checks across parameters: dependencies on another parameter's value, exclusive pairs, time ranges.</summary>
    public IReadOnlyList<ParamRule> Rules { get; init; } = [];

    public string Key => $"{Method} {Path}";

    /// <summary>All parameters a request may carry, the SIGNED trio included, in validation order (symbol first).</summary>
    public IReadOnlyList<ParamSpec> AllParameters => _all ??=
        [.. (Security.IsSigned() ? Parameters.Concat(Params.SignedParameters) : Parameters).OrderBy(p => p.Kind == ParamKind.Symbol ? 0 : 1)];
}

/// <summary>
/// A check across the parameters of one request, declared in the catalogue and applied by the pipeline after every
/// parameter passed its own checks. Returns the error to answer with, or null.
/// </summary>
public abstract record ParamRule
{
    public abstract JexError? Check(IReadOnlyDictionary<string, string> sent);

    /// <summary>When <paramref name="when"/> is <paramref name="is"/>, <paramref name="param"/> must be sent (-1102).</summary>
    public static ParamRule Requires(string when, string @is, string param) => new RequiredWhen(when, @is, param);

    /// <summary>When <paramref name="when"/> is <paramref name="is"/>, <paramref name="param"/> must not be sent (-1106; -1114 for timeInForce).</summary>
    public static ParamRule Forbids(string when, string @is, string param) => new ForbiddenWhen(when, @is, param);

    /// <summary>At most one of the parameters may be sent (-1128).</summary>
    public static ParamRule Exclusive(string param, params string[] others) => new NotTogether(param, others);

    /// <summary>endTime not before startTime, and (when <paramref name="maxSpan"/> is set) not further apart than it (-1127).</summary>
    public static ParamRule TimeRange(string start = "startTime", string end = "endTime", TimeSpan? maxSpan = null) => new TimeWindow(start, end, maxSpan);
}

public sealed record RequiredWhen(string When, string Is, string Param) : ParamRule
{
    public override JexError? Check(IReadOnlyDictionary<string, string> sent) =>
        sent.GetValueOrDefault(When) == Is && !sent.ContainsKey(Param) ? JexErrors.MandatoryMissing(Param) : null;

    public override string ToString() => $"{Param} required when {When}={Is}";
}

public sealed record ForbiddenWhen(string When, string Is, string Param) : ParamRule
{
    public override JexError? Check(IReadOnlyDictionary<string, string> sent) =>
        sent.GetValueOrDefault(When) == Is && sent.ContainsKey(Param)
            ? Param == "timeInForce" ? JexErrors.TimeInForceNotRequired : JexErrors.NotRequired(Param)
            : null;

    public override string ToString() => $"{Param} not allowed when {When}={Is}";
}

public sealed record NotTogether(string Param, IReadOnlyList<string> Others) : ParamRule
{
    public override JexError? Check(IReadOnlyDictionary<string, string> sent) =>
        sent.ContainsKey(Param) && Others.Any(sent.ContainsKey) ? JexErrors.InvalidCombination : null;

    public override string ToString() => $"{Param} not combined with {string.Join("/", Others)}";
}

public sealed record TimeWindow(string Start, string End, TimeSpan? MaxSpan) : ParamRule
{
    public override JexError? Check(IReadOnlyDictionary<string, string> sent)
    {
        if (!sent.TryGetValue(Start, out var s) || !sent.TryGetValue(End, out var e)) return null;
        long start = long.Parse(s, System.Globalization.CultureInfo.InvariantCulture), end = long.Parse(e, System.Globalization.CultureInfo.InvariantCulture);
        if (end < start) return JexErrors.StartAfterEnd;
        if (MaxSpan is { } max && end - start > (long)max.TotalMilliseconds) return JexErrors.TimeRangeTooLong(max);
        return null;
    }

    public override string ToString() => MaxSpan is { } max ? $"{End} >= {Start}, at most {JexErrors.Describe(max)} apart" : $"{End} >= {Start}";
}
