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
/// it in X-JEXSIM-ADMIN-TOKEN; without one it is local-only (<see cref="AdminGuard"/>). Bad input is answered with 400
/// and {"code":-1100,"msg":"field: why"}: unknown fields included; a body over <see cref="MaxBodyBytes"/> gets 413.
/// </summary>
public static class AdminEndpoints
{
    public const string TokenHeader = "X-JEXSIM-ADMIN-TOKEN";

    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/admin/v1").AddEndpointFilter(AdminGuard.Check).AddEndpointFilter(AnswerBadInput).WithTags("Admin");
        admin.MapAdminAccounts();
        admin.MapAdminWallet();
        admin.MapAdminSimulation();
        admin.MapAdminFaults();
        admin.MapAdminReports();
        return admin;
    }

    private static async ValueTask<object?> AnswerBadInput(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try { return await next(context); }
        catch (AdminInputException e) { return Invalid(e.Field, e.Message, e.Status); }
        catch (FixtureException e) { return Invalid("fixture", e.Message); }
    }

    /// <summary>400 in JEX's error shape, the message starting with the field at fault: {"code":-1100,"msg":"amount: ..."}.</summary>
    public static IResult Invalid(string field, string msg, int status = StatusCodes.Status400BadRequest) =>
        JexResults.Error(new JexError(-1100, $"{field}: {msg}", status));

    public static IResult NotFound(string field, string msg) => Invalid(field, msg, StatusCodes.Status404NotFound);

    /// <summary>400 with a message as it is (account creation keeps the messages it has always had).</summary>
    public static IResult BadRequest(string msg) => JexResults.Error(new JexError(-1100, msg));

    /// <summary>Largest admin body read (a fixture path, a fault rule, an account's balances fit many times over).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>
    /// The JSON body as an object (an empty body is an empty object), refusing any top-level field not in
    /// <paramref name="fields"/> ("latencyMS" is not "latencyMs") and any body over <see cref="MaxBodyBytes"/> (413).
    /// </summary>
    public static async Task<JsonElement> ReadBody(HttpRequest http, params string[] fields)
    {
        if (http.ContentLength > MaxBodyBytes) throw TooLarge(http.ContentLength.Value);
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await http.Body.ReadAsync(chunk, http.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) throw TooLarge(buffer.Length + read);
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) return JsonDocument.Parse("{}").RootElement;
        JsonElement root;
        try { root = JsonDocument.Parse(buffer.ToArray()).RootElement; }
        catch (JsonException e) { throw new AdminInputException("body", $"is not valid JSON: {e.Message}"); }
        if (root.ValueKind != JsonValueKind.Object) throw new AdminInputException("body", "must be a JSON object.");
        RefuseUnknownFields(root, fields);
        return root;
    }

    /// <summary>An object's fields must all be known: a misspelt one is refused, never ignored.</summary>
    public static void RefuseUnknownFields(JsonElement obj, IReadOnlyCollection<string> fields, string prefix = "")
    {
        foreach (var p in obj.EnumerateObject())
            if (!fields.Contains(p.Name, StringComparer.Ordinal))
                throw new AdminInputException(prefix + p.Name, fields.Count == 0 ? "unknown field: this call takes no body fields."
                    : $"unknown field; this call takes {string.Join(", ", fields)}.");
    }

    private static AdminInputException TooLarge(long bytes) =>
        new("body", $"is larger than {MaxBodyBytes} bytes ({bytes} or more), the admin API's limit.") { Status = StatusCodes.Status413PayloadTooLarge };

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
