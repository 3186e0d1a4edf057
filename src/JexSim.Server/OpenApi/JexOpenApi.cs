using System.Globalization;
using System.Text.Json.Nodes;
using JexSim.Server.Api;
using JexSim.Server.Api.Catalogue;
using JexSim.Server.RateLimiting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace JexSim.Server.OpenApi;

/// <summary>
/// The OpenAPI document at <see cref="DocumentPath"/>. ASP.NET Core's generator lists every mapped route (the JEX
/// catalogue and /admin); a document transformer then describes each catalogue endpoint from its entry: parameters
/// with type, mandatory flag, allowed values and range, security type, weight and the cross-parameter rules.
/// </summary>
public static class JexOpenApi
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string ApiKeyScheme = "JexApiKey";

    public static IServiceCollection AddJexOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options => options.AddDocumentTransformer((document, _, _) =>
        {
            Describe(document);
            return Task.CompletedTask;
        }));

    public static IEndpointConventionBuilder MapJexOpenApi(this IEndpointRouteBuilder routes) => routes.MapOpenApi("/openapi/{documentName}.json");

    private static void Describe(OpenApiDocument document)
    {
        document.Info = new OpenApiInfo
        {
            Title = "JexSim — simulated JEX REST API",
            Version = DocumentName,
            Description = "Generated from JexSim's endpoint catalogue. SIGNED endpoints (TRADE, USER_DATA) take timestamp, recvWindow and an HMAC SHA256 signature; "
                + "POST/PUT/DELETE parameters may be sent in the query string or as an application/x-www-form-urlencoded body.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = JexPipeline.ApiKeyHeader,
            Description = "API key of MARKET_DATA, USER_STREAM, TRADE and USER_DATA endpoints.",
        };

        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var endpoint in JexCatalogue.Endpoints)
        {
            if (document.Paths?.GetValueOrDefault(endpoint.Path) is not { Operations: { } operations }
                || !operations.TryGetValue(HttpMethod.Parse(endpoint.Method), out var operation))
                continue;
            operation.OperationId = endpoint.Key;
            string family = Family(endpoint);
            if (!document.Tags.Any(t => t.Name == family)) document.Tags.Add(new OpenApiTag { Name = family });
            operation.Tags = new HashSet<OpenApiTagReference> { new(family, document) };
            operation.Summary = endpoint.Summary;
            operation.Description = $"Security: {endpoint.Security.ToSpec()}. Weight: {endpoint.Weight}."
                + (endpoint.PlacesOrder ? " Counts against the ORDERS rate limits." : "")
                + (endpoint.Rules.Count > 0 ? $" Rules: {string.Join("; ", endpoint.Rules)}." : "");
            operation.Parameters = [.. endpoint.AllParameters.Select(Parameter)];
            if (endpoint.Security.NeedsApiKey())
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] }];
            operation.Responses ??= new OpenApiResponses();
            operation.Responses["default"] = new OpenApiResponse
            {
                Description = "JEX error {\"code\": -1100, \"msg\": \"...\"} (a negative code): 4xx request errors, 401/403 key, signature and permission, "
                    + "429 rate limit (with Retry-After), 418 IP ban, 5xx venue faults.",
            };
        }
    }

    /// <summary>The tag an endpoint is listed under: its market and whether it trades ("spot trading", "spot market data", "general", "account").</summary>
    private static string Family(JexEndpoint e)
    {
        var segments = e.Path.Split('/', StringSplitOptions.RemoveEmptyEntries); // api, v1, [market], name...
        if (segments.Length <= 3) return e.Security.IsSigned() ? "account" : e.Security == SecurityType.UserStream ? "user data stream" : "general";
        return $"{segments[2]} {(e.Security.IsSigned() ? "trading" : "market data")}";
    }

    private static OpenApiParameter Parameter(ParamSpec p)
    {
        var schema = new OpenApiSchema
        {
            Type = p.Kind switch
            {
                ParamKind.Int or ParamKind.Long => JsonSchemaType.Integer,
                _ => JsonSchemaType.String,
            },
            Format = p.Kind switch { ParamKind.Long => "int64", ParamKind.Int => "int32", ParamKind.Decimal => "decimal", _ => null },
            Pattern = p.Kind == ParamKind.Decimal ? "^[0-9]{1,20}(\\.[0-9]{1,20})?$" : p.Pattern,
        };
        if (p.Allowed is { } allowed)
            schema.Enum = [.. allowed.Select(a => p.Kind is ParamKind.Int or ParamKind.Long ? JsonValue.Create(long.Parse(a, CultureInfo.InvariantCulture)) : (JsonNode)JsonValue.Create(a))];
        if (p.Min is { } min) schema.Minimum = min.ToString(CultureInfo.InvariantCulture);
        if (p.Max is { } max) schema.Maximum = max.ToString(CultureInfo.InvariantCulture);
        if (p.Default is { } def) schema.Default = JsonValue.Create(def);
        if (p.Kind == ParamKind.String) schema.MaxLength = p.MaxLength;
        return new OpenApiParameter
        {
            Name = p.Name,
            In = ParameterLocation.Query,
            Required = p.Mandatory,
            Description = p.Description ?? (p.Kind == ParamKind.Symbol ? "Symbol, any case." : null),
            Schema = schema,
        };
    }
}
