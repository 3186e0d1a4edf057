using System.Globalization;
using System.Text.RegularExpressions;
using JexSim.Engine;
using JexSim.Engine.Markets;
using JexSim.Server.Api.Catalogue;
using JexSim.Server.Venue;

namespace JexSim.Server.Api;

/// <summary>
/// Checks a request's parameters against its catalogue entry, in a fixed order:
/// <list type="number">
/// <item>the set of names: more than the endpoint declares (-1101), a name JEX does not know (-1103), a JEX parameter
/// this endpoint does not read (-1104);</item>
/// <item>each declared parameter in catalogue order, the symbol first (a price's precision depends on it): mandatory and
/// missing or empty (-1102), optional and empty (-1105), then its value (<see cref="CheckValue"/>);</item>
/// <item>the endpoint's <see cref="ParamRule"/>s, in declaration order.</item>
/// </list>
/// </summary>
public static partial class ParameterValidator
{
    [GeneratedRegex("^[0-9]{1,20}(\\.[0-9]{1,20})?$")]
    private static partial Regex DecimalPattern();

    [GeneratedRegex("^-?[0-9]{1,19}$")]
    private static partial Regex IntegerPattern();

    private const string DecimalLegal = "^([0-9]{1,20})(\\.[0-9]{1,20})?$";
    private const string IntegerLegal = "^[0-9]{1,20}$";
    private const int MaxEchoedName = 64;

    private static HashSet<string>? _vocabulary;

    /// <summary>Every parameter name some JEX endpoint reads (what tells -1104 from -1103).</summary>
    public static IReadOnlySet<string> Vocabulary => _vocabulary ??=
        JexCatalogue.Endpoints.SelectMany(e => e.AllParameters).Concat(Params.SignedParameters).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

    internal static JexRequest Validate(HttpContext http, JexEndpoint endpoint, ExchangeVenue venue, ApiKey? key, RequestParameters parameters)
    {
        var values = parameters.Values;
        var specs = endpoint.AllParameters;
        CheckNames(specs, values);

        SymbolSpec? symbol = null;
        var scaled = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            if (!values.TryGetValue(spec.Name, out var value) || value.Length == 0)
            {
                if (spec.Mandatory) throw new JexException(JexErrors.MandatoryMissing(spec.Name));
                if (value is not null) throw new JexException(JexErrors.EmptyParameter(spec.Name));
                continue;
            }
            CheckValue(spec, value, venue, ref symbol, scaled);
        }
        // Past the loop every sent name is declared and non-empty: the values are the request's parameters as they are.
        foreach (var rule in endpoint.Rules)
            if (rule.Check(values) is { } error) throw new JexException(error);
        return new JexRequest(http, endpoint, venue, key, values, scaled, symbol);
    }

    private static void CheckNames(IReadOnlyList<ParamSpec> specs, IReadOnlyDictionary<string, string> values)
    {
        if (values.Count > specs.Count) throw new JexException(JexErrors.TooManyParameters(specs.Count, values.Count));
        int notRead = 0;
        foreach (var name in values.Keys)
        {
            if (Declares(specs, name)) continue;
            if (!Vocabulary.Contains(name))
                throw new JexException(JexErrors.UnknownParameter(name.Length > MaxEchoedName ? name[..MaxEchoedName] + "..." : name));
            notRead++;
        }
        if (notRead > 0) throw new JexException(JexErrors.NotAllRead(values.Count - notRead, values.Count));
    }

    private static bool Declares(IReadOnlyList<ParamSpec> specs, string name)
    {
        foreach (var s in specs)
            if (s.Name == name) return true;
        return false;
    }

    /// <summary>
    /// One value against its spec. Symbols: form (-1100), then existence (-1121). Enums: the allowed set (the spec's own
    /// code, else -1100). Integers: form, allowed set, range (-1100). Decimals: form (-1100), more than 8 decimals (-1111),
    /// more than the symbol's precision (-1129), representable (-1100); a zero price or quantity is left to the symbol's
    /// filters (below minPrice/minQty: -9000).
    /// Strings: length and form (-1100).
    /// </summary>
    private static void CheckValue(ParamSpec spec, string value, ExchangeVenue venue, ref SymbolSpec? symbol, Dictionary<string, long> scaled)
    {
        switch (spec.Kind)
        {
            case ParamKind.Symbol:
                CheckPattern(spec, value);
                symbol = venue.FindSymbol(value, spec.Market!.Value) ?? throw new JexException(spec.InvalidValue ?? JexErrors.InvalidSymbol);
                break;
            case ParamKind.Enum:
                if (!spec.Allowed!.Contains(value, StringComparer.Ordinal))
                    throw new JexException(spec.InvalidValue ?? JexErrors.IllegalCharacters(spec.Name, spec.LegalRange!));
                break;
            case ParamKind.Long or ParamKind.Int:
                CheckInteger(spec, value);
                break;
            case ParamKind.Decimal:
                scaled[spec.Name] = CheckDecimal(spec, value, symbol);
                break;
            case ParamKind.String:
                if (value.Length > spec.MaxLength) throw new JexException(JexErrors.IllegalCharacters(spec.Name, $"at most {spec.MaxLength} characters"));
                CheckPattern(spec, value);
                break;
        }
    }

    private static void CheckPattern(ParamSpec spec, string value)
    {
        if (spec.PatternRegex is { } pattern && (value.Length > spec.MaxLength || !pattern.IsMatch(value)))
            throw new JexException(JexErrors.IllegalCharacters(spec.Name, spec.Pattern!));
    }

    private static void CheckInteger(ParamSpec spec, string value)
    {
        if (!IntegerPattern().IsMatch(value) || !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v))
            throw new JexException(JexErrors.IllegalCharacters(spec.Name, IntegerLegal));
        if (spec.Allowed is { } allowed && !allowed.Contains(v.ToString(CultureInfo.InvariantCulture)))
            throw new JexException(JexErrors.IllegalCharacters(spec.Name, spec.LegalRange!));
        if ((spec.Min is { } min && v < min) || (spec.Max is { } max && v > max))
            throw new JexException(JexErrors.IllegalCharacters(spec.Name, spec.LegalRange!));
    }

    private static long CheckDecimal(ParamSpec spec, string value, SymbolSpec? symbol)
    {
        if (!DecimalPattern().IsMatch(value)) throw new JexException(JexErrors.IllegalCharacters(spec.Name, DecimalLegal));
        int dot = value.IndexOf('.');
        int scale = dot < 0 ? 0 : value.Length - dot - 1;
        // Trailing zeros carry no precision: "0.10000000" is as precise as "0.1".
        while (scale > 0 && value[dot + scale] == '0') scale--;
        if (scale > FixedPoint.Decimals) throw new JexException(JexErrors.PrecisionTooHigh);
        if (symbol is not null && spec.Scale != ScaleRule.None)
        {
            int max = spec.Scale == ScaleRule.PricePrecision ? symbol.PricePrecision : symbol.QuantityPrecision;
            if (scale > max) throw new JexException(JexErrors.ScaleTooHigh(spec.Name, max));
        }
        var d = decimal.Parse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        if (!FixedPoint.TryFromDecimal(d, out long v)) throw new JexException(JexErrors.IllegalValue(spec.Name, value));
        return v;
    }
}
