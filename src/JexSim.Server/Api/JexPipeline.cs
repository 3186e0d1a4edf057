using System.Text.RegularExpressions;
using JexSim.Engine.Accounts;
using JexSim.Server.Api.Catalogue;
using JexSim.Server.RateLimiting;
using JexSim.Server.Venue;

namespace JexSim.Server.Api;

/// <summary>
/// The one request path every JEX endpoint shares, driven by its catalogue entry. The order of the checks is fixed
/// (and documented in README "Validation order"):
/// <list type="number">
/// <item>read the request: body size (-1101), content type and encoding (-1100), duplicate names (-1101);</item>
/// <item>rate limits: IP ban (418), REQUEST_WEIGHT and RAW_REQUESTS (429) — counted even when step 1 failed;</item>
/// <item>API key for every security type but NONE (-2014, -2015);</item>
/// <item>parameters from the catalogue (<see cref="ParameterValidator"/>: -1101, -1103, -1104, -1102, -1105, -1100,
/// -1121, -1115/-1116/-1117/-1120, -1111, -1129, then the cross-parameter rules -1102/-1106/-1128/-1127);</item>
/// <item>SIGNED only: timestamp window (-1021), signature (-1022), permission (403, -2015);</item>
/// <item>order placement only: ORDERS per second and per day (429, -1015);</item>
/// <item>the handler (engine rejects: -2010, -2011, -2013, -2019, -9000 filter failures).</item>
/// </list>
/// Handlers never re-check what the catalogue declares.
/// </summary>
public static partial class JexPipeline
{
    [GeneratedRegex("^[A-Za-z0-9]{1,128}$")]
    private static partial Regex ApiKeyPattern();

    public const string ApiKeyHeader = "X-JEX-APIKEY";

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
            try
            {
                parameters = await RequestParameters.ReadAsync(http.Request).ConfigureAwait(false);
            }
            catch (JexException e)
            {
                outcome = e.Error; // answered after the rate limiter has counted the request
            }

            var limiter = http.RequestServices.GetRequiredService<JexRateLimiter>();
            bool hasSymbol = parameters?.Values.GetValueOrDefault("symbol") is { Length: > 0 };
            var admission = limiter.AdmitRequest(JexRateLimiter.ClientOf(http), endpoint.Weight.For(hasSymbol));
            RateLimitHeaders.Write(http.Response, admission);
            if (admission.Refusal is { } refusal) outcome = refusal;
            if (outcome is not null) return JexResults.Error(outcome);

            var venue = http.RequestServices.GetRequiredService<ExchangeVenue>();
            key = endpoint.Security.NeedsApiKey() ? Authenticate(http, venue) : null;
            var request = ParameterValidator.Validate(http, endpoint, venue, key, parameters!);
            if (endpoint.Security.IsSigned())
            {
                CheckTimestamp(request, venue.Now);
                if (!Signature.Verify(key!.Secret, parameters!.SignedPayload, parameters.Values["signature"]))
                    throw new JexException(JexErrors.BadSignature);
                var needed = endpoint.Security == SecurityType.Trade ? Permissions.Trade : Permissions.Read;
                if ((key.Permissions & needed) != needed) throw new JexException(JexErrors.PermissionDenied);
            }
            if (endpoint.PlacesOrder)
            {
                var orders = limiter.AdmitOrder(request.AccountId);
                RateLimitHeaders.Write(http.Response, orders);
                if (orders.Refusal is { } tooMany) return JexResults.Error(outcome = tooMany);
            }
            return await endpoint.Handler(request).ConfigureAwait(false);
        }
        catch (JexException e)
        {
            outcome = e.Error;
            return JexResults.Error(e.Error);
        }
        catch (WriterUnavailableException e)
        {
            // The change was refused as a whole (a failed commit, say): say why, as JEX's "try again" error.
            outcome = JexErrors.Disconnected(e.Message);
            return JexResults.Error(outcome);
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
        // The registry, not the engine: request threads read only what the writer published after a commit.
        if (!venue.Keys.TryGet(value, out var key) || venue.Keys.IsDisabled(key.AccountId)) throw new JexException(JexErrors.InvalidApiKey);
        return key;
    }

    private static void CheckTimestamp(JexRequest request, long serverTime)
    {
        long timestamp = request.Long("timestamp");
        long window = request.Long("recvWindow");
        if (timestamp >= serverTime + 1000) throw new JexException(JexErrors.TimestampAhead(timestamp, serverTime));
        if (serverTime - timestamp > window) throw new JexException(JexErrors.TimestampOutsideWindow(timestamp, serverTime, window));
    }
}
