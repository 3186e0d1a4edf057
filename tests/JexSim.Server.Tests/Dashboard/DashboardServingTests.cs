using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using JexSim.Server.Api.Catalogue;
using JexSim.Server.Tests.Infrastructure;
using AdminApi = JexSim.Server.Tests.Simulation.Admin;

namespace JexSim.Server.Tests.Dashboard;

/// <summary>The dashboard's files, the API reference page and the read-only admin routes behind the dashboard.</summary>
public class DashboardServingTests
{
    private static readonly string[] PageFiles = ["/", "/ui/app.js", "/ui/api.js", "/ui/markets.js", "/ui/admin.js", "/ui/app.css"];

    [Fact]
    public async Task The_dashboard_is_served_at_the_root_and_loads_nothing_from_outside()
    {
        using var venue = new JexSimFactory();
        var http = venue.CreateClient();
        var page = await http.GetAsync("/");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        string html = await page.Content.ReadAsStringAsync();
        Assert.Contains("/ui/vendor/lightweight-charts.standalone.production.js", html);
        Assert.Contains("href=\"/reference\"", html);
        Assert.Contains("id=\"report\"", html);

        foreach (var file in PageFiles)
        {
            var response = await http.GetAsync(file);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            string text = await response.Content.ReadAsStringAsync();
            Assert.DoesNotMatch(new Regex(@"(src|href)\s*=\s*[""']?(https?:)?//|@import|url\(\s*['""]?https?:|fonts\.googleapis", RegexOptions.IgnoreCase), text);
        }
        var chart = await http.GetAsync("/ui/vendor/lightweight-charts.standalone.production.js");
        Assert.Equal("text/javascript", chart.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("/*!\n * @license\n * TradingView Lightweight Charts™ v5.2.1", await chart.Content.ReadAsStringAsync());
        Assert.Contains("Apache License", await http.GetStringAsync("/ui/vendor/lightweight-charts.LICENSE.txt"));
    }

    [Fact]
    public async Task Unknown_or_escaping_file_names_get_404()
    {
        using var venue = new JexSimFactory();
        var http = venue.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/ui/missing.js")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/ui/..%2Fappsettings.json")).StatusCode);
    }

    [Fact]
    public async Task The_API_reference_page_uses_the_bundled_script_and_no_web_fonts()
    {
        using var venue = new JexSimFactory();
        var http = venue.CreateClient();
        string html = await http.GetStringAsync("/reference/");
        Assert.Contains("<script src=\"scalar.js\"></script>", html);
        Assert.Contains("\"withDefaultFonts\":false", html);
        Assert.Contains("\"telemetry\":false", html);
        Assert.Contains("\"url\":\"openapi/v1.json\"", html); // relative: this server's own document
        Assert.DoesNotMatch(new Regex(@"(src|href)\s*=\s*[""']https?:"), html);
        var script = await http.GetAsync("/reference/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 100_000);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_JEX_route_and_the_admin_routes_the_dashboard_uses()
    {
        using var venue = new JexSimFactory();
        var doc = JsonDocument.Parse(await venue.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = doc.GetProperty("paths");
        foreach (var endpoint in JexCatalogue.Endpoints)
        {
            var operation = paths.GetProperty(endpoint.Path).GetProperty(endpoint.Method.ToLowerInvariant());
            string description = operation.GetProperty("description").GetString()!;
            Assert.Contains($"Security: {endpoint.Security.ToSpec()}. Weight: {endpoint.Weight}.", description);
            Assert.True(operation.GetProperty("responses").TryGetProperty("default", out _), endpoint.Key);
            Assert.Equal(endpoint.AllParameters.Count, operation.TryGetProperty("parameters", out var ps) ? ps.GetArrayLength() : 0);
        }
        foreach (var (path, method) in new[] { ("/admin/v1/report", "get"), ("/admin/v1/accounts/{accountId}/orders", "get"), ("/admin/v1/faults/{id}", "delete"), ("/admin/v1/journal", "get"), ("/admin/v1/clock/advance", "post") })
            Assert.False(string.IsNullOrEmpty(paths.GetProperty(path).GetProperty(method).GetProperty("summary").GetString()), path);
        Assert.False(paths.TryGetProperty("/", out _)); // the page itself is not an API route
    }

    [Fact]
    public async Task Open_orders_of_an_account_on_every_symbol_newest_first()
    {
        using var venue = new JexSimFactory();
        var admin = new AdminApi(venue.CreateClient());
        var alice = venue.Alice();
        await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=29000");
        await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=ETHUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=0.5&price=2100");
        var orders = (await admin.Ok(HttpMethod.Get, "/accounts/1/orders")).Json.EnumerateArray().ToList();
        Assert.Equal(["ETHUSDT", "BTCUSDT"], orders.Select(o => o.GetProperty("symbol").GetString()));
        Assert.Equal("SELL", orders[0].GetProperty("side").GetString());
        Assert.Equal("2100.00000000", orders[0].GetProperty("price").GetString());
        Assert.Equal("NEW", orders[1].GetProperty("status").GetString());
        Assert.Equal(-1100, (await admin.Get("/accounts/99/orders")).Code);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Get("/accounts/99/orders")).Status);
    }

    [Fact]
    public async Task One_fault_rule_is_deleted_by_id_and_the_others_stay()
    {
        using var venue = new JexSimFactory();
        var admin = new AdminApi(venue.CreateClient());
        long first = (await admin.Ok(HttpMethod.Post, "/faults", new { route = "/api/v1/ping", status = 503 })).Json.GetProperty("id").GetInt64();
        long second = (await admin.Ok(HttpMethod.Post, "/faults", new { route = "/api/v1/time", status = 503 })).Json.GetProperty("id").GetInt64();
        await admin.Ok(HttpMethod.Delete, $"/faults/{first}");
        var left = (await admin.Ok(HttpMethod.Get, "/faults")).Json.EnumerateArray().Select(f => f.GetProperty("id").GetInt64());
        Assert.Equal([second], left);
        var http = venue.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/ping")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/api/v1/time")).StatusCode);
        var missing = await admin.Delete($"/faults/{first}");
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Equal($"id: No fault rule {first}.", missing.Msg);
    }
}
