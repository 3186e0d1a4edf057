using System.Text.Json;
using JexSim.Engine;
using JexSim.Server.Api;
using JexSim.Server.Configuration;
using JexSim.Server.Fixtures;
using JexSim.Server.Venue;
using Microsoft.Extensions.Options;

namespace JexSim.Server.Admin;

/// <summary>
/// JexSim's own control surface under /admin/v1 (not part of JEX). When JexSim:AdminToken is set every call must carry
/// it in X-JEXSIM-ADMIN-TOKEN.
/// </summary>
public static class AdminEndpoints
{
    public const string TokenHeader = "X-JEXSIM-ADMIN-TOKEN";

    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/admin/v1").AddEndpointFilter(RequireToken).WithTags("Admin");
        admin.MapPost("/accounts", CreateAccount).WithSummary("Create an account with balances; returns its API key and secret.");
        return admin;
    }

    private static async ValueTask<object?> RequireToken(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<JexSimOptions>>().Value;
        if (!string.IsNullOrEmpty(options.AdminToken))
        {
            var sent = context.HttpContext.Request.Headers[TokenHeader].ToString();
            if (!System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.UTF8.GetBytes(sent), System.Text.Encoding.UTF8.GetBytes(options.AdminToken)))
                return JexResults.Error(JexErrors.Unauthorized($"Admin calls need the {TokenHeader} header with the configured JexSim:AdminToken."));
        }
        return await next(context);
    }

    public sealed record CreateAccountRequest(Dictionary<string, string>? Balances, List<string>? Permissions, string? Name);

    private static async Task<IResult> CreateAccount(HttpRequest http, ExchangeVenue venue)
    {
        CreateAccountRequest? body;
        try
        {
            // No body at all (curl -X POST sends no Content-Length) means no balances, like an explicit empty body.
            using var reader = new StreamReader(http.Body);
            string text = await reader.ReadToEndAsync(http.HttpContext.RequestAborted);
            body = string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize<CreateAccountRequest>(text, JexResults.Json);
        }
        catch (JsonException e)
        {
            return BadRequest($"Body is not valid JSON: {e.Message}");
        }
        body ??= new CreateAccountRequest(null, null, null);

        var balances = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var (asset, amount) in body.Balances ?? new())
        {
            if (venue.FindAsset(asset) is null) return BadRequest($"Unknown asset '{asset}'. Known: {string.Join(", ", venue.Tables.Assets.Select(a => a.Name))}.");
            if (!decimal.TryParse(amount, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var d)
                || !FixedPoint.TryFromDecimal(d, out long scaled) || scaled < 0)
                return BadRequest($"Balance of {asset} must be a non-negative decimal string with at most 8 decimals, not '{amount}'.");
            balances[asset.ToUpperInvariant()] = scaled;
        }
        Engine.Accounts.Permissions permissions;
        try { permissions = body.Permissions is null ? Engine.Accounts.Permissions.All : FixtureLoader.ParsePermissions(body.Permissions, "permissions"); }
        catch (FixtureException e) { return BadRequest(e.Message); }

        var key = ExchangeVenue.NewKey(0, permissions);
        long id = await venue.CreateAccountAsync(null, body.Name, key, balances);
        return JexResults.Ok(new { accountId = id, apiKey = key.Key, secretKey = key.Secret, permissions = Describe(permissions) });
    }

    private static string[] Describe(Engine.Accounts.Permissions p) =>
        new[] { ("read", Engine.Accounts.Permissions.Read), ("trade", Engine.Accounts.Permissions.Trade), ("withdraw", Engine.Accounts.Permissions.Withdraw) }
            .Where(x => p.HasFlag(x.Item2)).Select(x => x.Item1).ToArray();

    private static IResult BadRequest(string msg) => JexResults.Error(new JexError(-1100, msg));
}
