using System.Globalization;
using System.Text.RegularExpressions;
using JexSim.Engine;
using JexSim.Engine.Accounts;
using JexSim.Engine.Markets;
using JexSim.Server.Api.Catalogue;
using JexSim.Server.Venue;

namespace JexSim.Server.Api;

/// <summary>
/// The one request path every JEX endpoint shares, driven by its catalogue entry: API key, parameters
/// (presence, type, allowed values, range, precision), timestamp window, signature, permissions, then the handler.
/// Handlers never re-check what the catalogue declares.
/// </summary>
public static partial class JexPipeline
{
    [GeneratedRegex("^[0-9]{1,20}(\\.[0-9]{1,20})?$")]
    private static partial Regex DecimalPattern();

    [GeneratedRegex("^-?[0-9]{1,19}$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex("^[A-Za-z0-9]{1,128}$")]
    private static partial Regex ApiKeyPattern();

    public const string ApiKeyHeader = "X-JEX-APIKEY";
    private const string DecimalLegal = "^([0-9]{1,20})(\\.[0-9]{1,20})?$";
    private const string IntegerLegal = "^[0-9]{1,20}$";

    public static IEndpointConventionBuilder MapJex(this IEndpointRouteBuilder routes, JexEndpoint endpoint) =>
        routes.MapMethods(endpoint.Path, [endpoint.Method], (Func<HttpContext, Task<IResult>>)(http => HandleAsync(http, endpoint)))
            .WithName(endpoint.Key)
            .WithSummary(endpoint.Summary)
            .WithMetadata(endpoint);

    public static async Task<IResult> HandleAsync(HttpContext http, JexEndpoint endpoint)
    {
        ApiKey? key = null;
        RequestParameters? parameters = null;
        JexError? outcome = null;
        try
        {
            var venue = http.RequestServices.GetRequiredService<ExchangeVenue>();
            key = endpoint.Security.NeedsApiKey() ? Authenticate(http, venue) : null;
            parameters = await RequestParameters.ReadAsync(http.Request).ConfigureAwait(false);
            var request = Validate(http, endpoint, venue, key, parameters);
            if (endpoint.Security.IsSigned())
            {
                CheckTimestamp(request, venue.Now);
                if (!Signature.Verify(key!.Secret, parameters.SignedPayload, parameters.Values["signature"]))
                    throw new JexException(JexErrors.BadSignature);
                var needed = endpoint.Security == SecurityType.Trade ? Permissions.Trade : Permissions.Read;
                if ((key.Permissions & needed) != needed) throw new JexException(JexErrors.PermissionDenied);
            }
            return await endpoint.Handler(request).ConfigureAwait(false);
        }
        catch (JexException e)
        {
            outcome = e.Error;
            return JexResults.Error(e.Error);
        }
        finally
        {
            http.RequestServices.GetService<Simulation.IRequestJournal>()?.Record(http, endpoint, key, parameters, outcome);
        }
    }

    private static ApiKey Authenticate(HttpContext http, ExchangeVenue venue)
    {
        var header = http.Request.Headers[ApiKeyHeader];
        if (header.Count != 1 || header[0] is not { } value || !ApiKeyPattern().IsMatch(value))
            throw new JexException(JexErrors.ApiKeyFormat);
        if (!venue.Keys.TryGet(value, out var key)) throw new JexException(JexErrors.InvalidApiKey);
        var account = venue.Sequencer.Core.FindAccount(key.AccountId);
        if (account is null || account.Disabled) throw new JexException(JexErrors.InvalidApiKey);
        return key;
    }

    private static void CheckTimestamp(JexRequest request, long serverTime)
    {
        long timestamp = request.Long("timestamp");
        long window = request.Long("recvWindow");
        if (timestamp >= serverTime + 1000) throw new JexException(JexErrors.TimestampAhead(timestamp, serverTime));
        if (serverTime - timestamp > window) throw new JexException(JexErrors.TimestampOutsideWindow(timestamp, serverTime, window));
    }

    private static JexRequest Validate(HttpContext http, JexEndpoint endpoint, ExchangeVenue venue, ApiKey? key, RequestParameters parameters)
    {
        var specs = endpoint.AllParameters.ToList();
        foreach (var name in parameters.Values.Keys)
            if (!specs.Exists(p => p.Name == name)) throw new JexException(JexErrors.UnknownParameter(name));

        SymbolSpec? symbol = null;
        var scaled = new Dictionary<string, long>(StringComparer.Ordinal);
        var present = new Dictionary<string, string>(StringComparer.Ordinal);
        // The symbol first: a price's precision depends on it.
        foreach (var spec in specs.OrderBy(p => p.Kind == ParamKind.Symbol ? 0 : 1))
        {
            if (!parameters.Values.TryGetValue(spec.Name, out var value) || value.Length == 0)
            {
                if (spec.Mandatory) throw new JexException(JexErrors.MandatoryMissing(spec.Name));
                if (value is not null) throw new JexException(JexErrors.EmptyParameter(spec.Name));
                continue;
            }
            switch (spec.Kind)
            {
                case ParamKind.Symbol:
                    symbol = venue.FindSymbol(value, spec.Market!.Value) ?? throw new JexException(JexErrors.InvalidSymbol);
                    break;
                case ParamKind.Enum:
                    if (!spec.Allowed!.Contains(value, StringComparer.Ordinal))
                        throw new JexException(spec.InvalidValue ?? JexErrors.IllegalCharacters(spec.Name, string.Join(", ", spec.Allowed!)));
                    break;
                case ParamKind.Long or ParamKind.Int:
                    CheckInteger(spec, value);
                    break;
                case ParamKind.Decimal:
                    scaled[spec.Name] = CheckDecimal(spec, value, symbol);
                    break;
                case ParamKind.String:
                    if (value.Length > 256) throw new JexException(JexErrors.IllegalCharacters(spec.Name, "at most 256 characters"));
                    break;
            }
            present[spec.Name] = value;
        }
        foreach (var rule in endpoint.Rules)
        {
            if (present.GetValueOrDefault(rule.When) != rule.Is) continue;
            bool sent = present.ContainsKey(rule.Param);
            if (rule.Required && !sent) throw new JexException(JexErrors.MandatoryMissing(rule.Param));
            if (!rule.Required && sent) throw new JexException(JexErrors.NotRequired(rule.Param));
        }
        return new JexRequest(http, endpoint, venue, key, present, scaled, symbol);
    }

    private static void CheckInteger(ParamSpec spec, string value)
    {
        if (!IntegerPattern().IsMatch(value) || !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v))
            throw new JexException(JexErrors.IllegalCharacters(spec.Name, IntegerLegal));
        if (spec.Allowed is { } allowed && !allowed.Contains(v.ToString(CultureInfo.InvariantCulture)))
            throw new JexException(JexErrors.IllegalCharacters(spec.Name, string.Join(", ", allowed)));
        if ((spec.Min is { } min && v < min) || (spec.Max is { } max && v > max))
            throw new JexException(JexErrors.IllegalCharacters(spec.Name, $"{spec.Min ?? long.MinValue} - {spec.Max ?? long.MaxValue}"));
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
