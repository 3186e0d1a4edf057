using System.Globalization;
using System.Text.Json;
using JexSim.Engine;
using JexSim.Server.Api;
using JexSim.Server.Configuration;
using JexSim.Server.Fixtures;
using JexSim.Server.Simulation;
using Microsoft.Extensions.Options;

namespace JexSim.Server.Admin;

/// <summary>
/// JexSim's own control surface under /admin/v1 (not part of JEX). When JexSim:AdminToken is set every call must carry
/// it in X-JEXSIM-ADMIN-TOKEN. Bad input is answered with 400 and {"code":-1100,"msg":"field: why"}.
/// </summary>
public static class AdminEndpoints
{
    public const string TokenHeader = "X-JEXSIM-ADMIN-TOKEN";

    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/admin/v1").AddEndpointFilter(RequireToken).AddEndpointFilter(AnswerBadInput).WithTags("Admin");
        admin.MapAdminAccounts();
        admin.MapAdminSimulation();
        admin.MapAdminFaults();
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

    private static async ValueTask<object?> AnswerBadInput(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try { return await next(context); }
        catch (AdminInputException e) { return Invalid(e.Field, e.Message); }
        catch (FixtureException e) { return Invalid("fixture", e.Message); }
    }

    /// <summary>400 in JEX's error shape, the message starting with the field at fault: {"code":-1100,"msg":"amount: ..."}.</summary>
    public static IResult Invalid(string field, string msg, int status = StatusCodes.Status400BadRequest) =>
        JexResults.Error(new JexError(-1100, $"{field}: {msg}", status));

    public static IResult NotFound(string field, string msg) => Invalid(field, msg, StatusCodes.Status404NotFound);

    /// <summary>400 with a message as it is (account creation keeps the messages it has always had).</summary>
    public static IResult BadRequest(string msg) => JexResults.Error(new JexError(-1100, msg));

    /// <summary>The JSON body as an object; an empty body is an empty object.</summary>
    public static async Task<JsonElement> ReadBody(HttpRequest http)
    {
        using var buffer = new MemoryStream();
        await http.Body.CopyToAsync(buffer);
        if (buffer.Length == 0) return JsonDocument.Parse("{}").RootElement;
        try
        {
            var root = JsonDocument.Parse(buffer.ToArray()).RootElement;
            return root.ValueKind == JsonValueKind.Object ? root : throw new AdminInputException("body", "must be a JSON object.");
        }
        catch (JsonException e) { throw new AdminInputException("body", $"is not valid JSON: {e.Message}"); }
    }

    public static string? String(JsonElement body, string field)
    {
        if (!body.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw new AdminInputException(field, "must be a string.");
    }

    /// <summary>A decimal given as a string ("100.5") or a number, scaled to the engine's fixed point.</summary>
    public static long? Decimal(JsonElement body, string field)
    {
        if (!body.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        string text = v.ValueKind switch
        {
            JsonValueKind.String => v.GetString()!,
            JsonValueKind.Number => v.GetRawText(),
            _ => throw new AdminInputException(field, "must be a decimal string such as \"100.5\"."),
        };
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d)
            || !FixedPoint.TryFromDecimal(Math.Abs(d), out long scaled))
            throw new AdminInputException(field, Math.Abs(d) > BalanceLimit.WholeUnits
                ? $"must be at most {BalanceLimit.Describe}, not '{text}'."
                : $"'{text}' is not a decimal with at most {FixedPoint.Decimals} decimals.");
        return d < 0 ? -scaled : scaled;
    }

    public static long? Long(JsonElement body, string field)
    {
        if (!body.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long l) ? l : throw new AdminInputException(field, "must be an integer.");
    }

    public static double? Double(JsonElement body, string field)
    {
        if (!body.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out double d) ? d : throw new AdminInputException(field, "must be a number.");
    }
}
