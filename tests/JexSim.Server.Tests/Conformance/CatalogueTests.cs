using System.Net;
using System.Text.Json;
using JexSim.Server.Api.Catalogue;
using JexSim.Server.OpenApi;
using JexSim.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace JexSim.Server.Tests.Conformance;

/// <summary>The catalogue is the JEX surface: the routes, the weights of the spec, the OpenAPI document and README agree with it.</summary>
public sealed class CatalogueTests
{
    [Fact]
    public void Catalogue_and_registered_JEX_routes_are_the_same_set()
    {
        using var venue = new JexSimFactory();
        _ = venue.Services; // builds the host
        var routes = venue.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        var jexRoutes = routes
            .Where(r => r.RoutePattern.RawText is { } p && (p.StartsWith("/api/", StringComparison.Ordinal) || p.StartsWith("/wapi/", StringComparison.Ordinal)))
            .SelectMany(r => r.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {r.RoutePattern.RawText}"))
            .Order().ToList();
        var withCatalogueEntry = routes.Select(r => r.Metadata.GetMetadata<JexEndpoint>()).OfType<JexEndpoint>().Select(e => e.Key).Order().ToList();
        var catalogue = JexCatalogue.Endpoints.Select(e => e.Key).Order().ToList();

        Assert.Equal(catalogue.Count, catalogue.Distinct().Count());
        Assert.Equal(catalogue, jexRoutes);
        Assert.Equal(catalogue, withCatalogueEntry);
    }

    /// <summary>Weights as rest-api.md and wapi.md state them (the oracle is the spec, not the catalogue).</summary>
    public static TheoryData<string, int, int> SpecWeights => WithContracts(new()
    {
        { "GET /api/v1/ping", 1, 1 },
        { "GET /api/v1/time", 1, 1 },
        { "GET /api/v1/exchangeInfo", 1, 1 },
        { "GET /api/v1/spot/depth", 1, 1 },
        { "GET /api/v1/spot/trades", 1, 1 },
        { "GET /api/v1/spot/historicalTrades", 5, 5 },
        { "GET /api/v1/spot/klines", 1, 1 },
        { "GET /api/v1/spot/avgPrice", 1, 1 },
        { "GET /api/v1/spot/ticker/24hr", 1, 40 },
        { "GET /api/v1/spot/ticker/price", 1, 2 },
        { "GET /api/v1/spot/ticker/bookTicker", 1, 2 },
        { "POST /api/v1/spot/order", 1, 1 },
        { "POST /api/v1/spot/order/test", 1, 1 },
        { "GET /api/v1/spot/order", 1, 1 },
        { "DELETE /api/v1/spot/order", 1, 1 },
        { "GET /api/v1/spot/openOrders", 5, 5 },
        { "GET /api/v1/spot/historyOrders", 5, 5 },
        { "GET /api/v1/account", 1, 1 },
        { "GET /api/v1/optionInfo", 1, 1 },
        { "GET /api/v1/option/depth", 1, 1 },
        { "GET /api/v1/option/trades", 1, 1 },
        { "GET /api/v1/option/historicalTrades", 5, 5 },
        { "GET /api/v1/option/klines", 1, 1 },
        { "GET /api/v1/option/avgPrice", 1, 1 },
        { "GET /api/v1/option/ticker/24hr", 1, 40 },
        { "GET /api/v1/option/ticker/price", 1, 2 },
        { "GET /api/v1/option/ticker/bookTicker", 1, 2 },
        { "POST /api/v1/option/order", 1, 1 },
        { "POST /api/v1/option/order/test", 1, 1 },
        { "GET /api/v1/option/order", 1, 1 },
        { "DELETE /api/v1/option/order", 1, 1 },
        { "GET /api/v1/option/openOrders", 5, 5 },
        { "GET /api/v1/option/historyOrders", 5, 5 },
        { "POST /api/v1/option/release", 1, 1 },
        { "POST /api/v1/option/back", 1, 1 },
        { "GET /api/v1/option/position", 2, 2 },
        { "GET /api/v1/option/info", 1, 1 },
        { "GET /api/v1/option/record", 5, 5 },
        // wapi.md
        { "GET /wapi/v1/assetDetail", 1, 1 },
        { "GET /wapi/v1/depositAddress", 1, 1 },
        { "GET /wapi/v1/depositHistory", 5, 5 },
        { "GET /wapi/v1/tradeFee", 1, 1 },
        { "GET /wapi/v1/withdraw", 1, 1 },
        { "POST /wapi/v1/withdraw", 1, 1 },
        { "GET /wapi/v1/withdrawHistory", 5, 5 },
    });

    /// <summary>The contract rows of rest-api.md, as <see cref="Contract.ContractCatalogueTests.Spec"/> lists them.</summary>
    private static TheoryData<string, int, int> WithContracts(TheoryData<string, int, int> rows)
    {
        foreach (var row in Contract.ContractCatalogueTests.Spec) rows.Add((string)row[0], (int)row[2], (int)row[3]);
        return rows;
    }

    [Theory, MemberData(nameof(SpecWeights))]
    public void Weights_are_the_spec_weights(string key, int withSymbol, int withoutSymbol)
    {
        var endpoint = Assert.Single(JexCatalogue.Endpoints, e => e.Key == key);
        Assert.Equal(withSymbol, endpoint.Weight.For(hasSymbol: true));
        Assert.Equal(withoutSymbol, endpoint.Weight.For(hasSymbol: false));
    }

    [Fact]
    public void Only_order_placement_counts_against_the_ORDERS_limits()
    {
        Assert.Equal(["POST /api/v1/spot/order", "POST /api/v1/option/order", "POST /api/v1/contract/order", "POST /api/v1/contract/liquidation"],
            JexCatalogue.Endpoints.Where(e => e.PlacesOrder).Select(e => e.Key));
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_every_catalogue_endpoint_with_its_parameters_and_the_admin_routes()
    {
        using var venue = new JexSimFactory();
        using var response = await venue.CreateClient().GetAsync(JexOpenApi.DocumentPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");

        foreach (var endpoint in JexCatalogue.Endpoints)
        {
            Assert.True(paths.TryGetProperty(endpoint.Path, out var item), $"{endpoint.Path} missing from the OpenAPI document");
            Assert.True(item.TryGetProperty(endpoint.Method.ToLowerInvariant(), out var operation), $"{endpoint.Key} missing from the OpenAPI document");
            Assert.Equal(endpoint.Key, operation.GetProperty("operationId").GetString());
            Assert.Single(operation.GetProperty("tags").EnumerateArray());
            var parameters = operation.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
            Assert.Equal(endpoint.AllParameters.Select(s => (s.Name, s.Mandatory)).Order(),
                parameters.Select(x => (x.GetProperty("name").GetString()!, x.TryGetProperty("required", out var r) && r.GetBoolean())).Order());
            Assert.Equal(endpoint.Security.NeedsApiKey(), operation.TryGetProperty("security", out _));
            foreach (var spec in endpoint.AllParameters.Where(s => s.Kind == ParamKind.Enum))
            {
                var schema = parameters.Single(x => x.GetProperty("name").GetString() == spec.Name).GetProperty("schema");
                Assert.Equal(spec.Allowed, schema.GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
            }
        }
        Assert.True(paths.TryGetProperty("/admin/v1/accounts", out var admin) && admin.TryGetProperty("post", out _), "admin routes missing");
    }

    [Fact]
    public void README_endpoint_table_is_the_one_generated_from_the_catalogue()
    {
        string expected = EndpointTable.Markdown(JexCatalogue.Endpoints);
        string? path = FindReadme();
        Assert.True(path is not null, $"README.md not found next to JexSim.sln; it must hold this table between {EndpointTable.StartMarker} and {EndpointTable.EndMarker}:\n{expected}");
        string readme = File.ReadAllText(path).ReplaceLineEndings("\n");
        int start = readme.IndexOf(EndpointTable.StartMarker, StringComparison.Ordinal);
        int end = readme.IndexOf(EndpointTable.EndMarker, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start,
            $"README.md has no {EndpointTable.StartMarker} ... {EndpointTable.EndMarker} block; put this table between them " +
            $"(or run the server with --print-endpoint-table):\n{expected}");
        string actual = readme[(start + EndpointTable.StartMarker.Length)..end].Trim('\n');
        Assert.True(expected.Trim('\n') == actual, $"README.md's endpoint table is out of date; replace it with:\n{expected}");
    }

    private static string? FindReadme()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "README.md");
            if (File.Exists(Path.Combine(dir.FullName, "JexSim.sln"))) return File.Exists(candidate) ? candidate : null;
        }
        return null;
    }
}
