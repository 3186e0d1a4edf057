using JexSim.Server.OpenApi;
using JexSim.Server.Reporting;
using JexSim.Server.Simulation;
using JexSim.Server.Venue;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Scalar.AspNetCore;

namespace JexSim.Server.Dashboard;

/// <summary>
/// The dashboard at / (its files, from wwwroot, embedded in the assembly and served under /ui), the API reference page
/// at /reference (Scalar over /openapi/v1.json, its script served by the server, no CDN or web fonts), the conformance
/// report's bookkeeping, the request log line and the start-up banner.
/// </summary>
public static class DashboardEndpoints
{
    public const string AssetsPath = "/ui";
    public const string ReferencePath = "/reference";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>Call after AddSimulation: the request path's journal also feeds the conformance report.</summary>
    public static IServiceCollection AddJexDashboard(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var activity = ActivatorUtilities.CreateInstance<ClientActivity>(sp);
            // A reset or restore travels on the commit path: the report starts over with the replaced state.
            sp.GetRequiredService<ExchangeVenue>().Sequencer.AddObserver(activity);
            return activity;
        });
        services.Replace(ServiceDescriptor.Singleton<IRequestJournal>(sp =>
            new ObservedRequestJournal(sp.GetRequiredService<RequestJournal>(), sp.GetRequiredService<ClientActivity>())));
        services.AddHostedService<StartupBanner>();
        return services;
    }

    /// <summary>The request log line; add it first, so it times and sees every request.</summary>
    public static IApplicationBuilder UseJexRequestLog(this IApplicationBuilder app) => app.UseMiddleware<RequestLogMiddleware>();

    public static void MapJexDashboard(this IEndpointRouteBuilder routes)
    {
        var files = new EmbeddedFileProvider(typeof(DashboardEndpoints).Assembly, "JexSim.Server.wwwroot");
        routes.MapGet("/", () => Serve(files, "index.html")).ExcludeFromDescription();
        routes.MapGet(AssetsPath + "/{**file}", (string file) => Serve(files, file)).ExcludeFromDescription();
        routes.MapScalarApiReference(ReferencePath, options =>
        {
            options.Title = "JexSim API reference";
            options.OpenApiRoutePattern = JexOpenApi.DocumentPath.Replace(JexOpenApi.DocumentName, "{documentName}", StringComparison.Ordinal);
            // Offline: no CDN fonts, no telemetry, none of the hosted services (AI agent, MCP, developer toolbar).
            options.DefaultFonts = false;
            options.Telemetry = false;
            options.Agent = new ScalarAgentOptions { Disabled = true };
            options.Mcp = new ScalarMcpOptions { Disabled = true };
            options.ShowDeveloperTools = DeveloperToolsVisibility.Never;
            options.DefaultOpenAllTags = true; // every route rendered: parameters, security, weight and errors in one scroll
            options.ShowOperationId = true;
        }).ExcludeFromDescription();
    }

    private static IResult Serve(IFileProvider files, string path)
    {
        if (path.Contains("..", StringComparison.Ordinal)) return Results.NotFound();
        var file = files.GetFileInfo(path.Replace('\\', '/'));
        if (!file.Exists) return Results.NotFound();
        if (!ContentTypes.TryGetContentType(path, out var type)) type = "application/octet-stream";
        return Results.Stream(file.CreateReadStream(), type);
    }
}
