using JexSim.Server.Admin;
using JexSim.Server.Cli;
using JexSim.Server.Api;
using JexSim.Server.Api.Catalogue;
using JexSim.Server.Configuration;
using JexSim.Server.Dashboard;
using JexSim.Server.OpenApi;
using JexSim.Server.RateLimiting;
using JexSim.Server.Simulation;
using JexSim.Server.Streams;
using JexSim.Server.Venue;

if (HealthCheck.Requested(args)) return await HealthCheck.RunAsync(args);
if (args.Contains("--print-endpoint-table"))
{
    // README's endpoint table, generated from the catalogue (the README drift test compares against the same generator).
    Console.Write(EndpointTable.Markdown(JexCatalogue.Endpoints));
    return 0;
}

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
    builder.WebHost.UseUrls("http://localhost:8080");

builder.Services.AddOptions<JexSimOptions>().BindConfiguration(JexSimOptions.Section);
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = VenueStartup.ShutdownTimeout);
builder.Services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<VenueClock>());
builder.Services.AddSingleton<ExchangeVenue>();
builder.Services.AddSingleton(sp => new MarketStatistics(sp.GetRequiredService<ExchangeVenue>().StoreReader));
builder.Services.AddContractMarket<ContractMarket>();
builder.Services.AddJexRateLimits();
builder.Services.AddJexOpenApi();
builder.Services.AddJexStreams(); // before VenueStartup: the stream hub must observe the writer from its first commit
builder.Services.AddHostedService<VenueStartup>();
builder.Services.AddSimulation(); // VenueClock, feeds and agents, faults, journal: after the venue
builder.Services.AddJexDashboard(); // conformance report, request log, start-up banner: after the simulation

var app = builder.Build();
app.UseJexRequestLog(); // first: one log line per request, whatever answers it

// Unknown routes and wrong methods answer in JEX's JSON error shape, never with an empty or HTML body.
app.UseStatusCodePages(async context =>
{
    var http = context.HttpContext;
    var error = http.Response.StatusCode switch
    {
        StatusCodes.Status404NotFound => JexErrors.UnsupportedOperation($"Unknown endpoint: {http.Request.Method} {http.Request.Path}."),
        StatusCodes.Status405MethodNotAllowed => JexErrors.MethodNotAllowed(http.Request.Method, http.Request.Path),
        int status => new JexError(-1000, $"HTTP {status}.", status),
    };
    await JexResults.Error(error).ExecuteAsync(http);
});
app.UseExceptionHandler(errors => errors.Run(async http =>
{
    http.Response.StatusCode = StatusCodes.Status500InternalServerError;
    await JexResults.Error(JexErrors.Unknown("An unknown error occurred while processing the request.")).ExecuteAsync(http);
}));

app.UseJexRateLimits(); // counts /api requests no catalogue endpoint answers; the pipeline counts the rest
app.UseSimulation(); // fault injection on JEX routes
app.UseWebSockets();
app.MapJexCatalogue();
app.MapJexStreams();
app.MapJexOpenApi();
app.MapAdmin();
app.MapJexDashboard(); // the dashboard at /, the API reference at /reference
app.MapHealth();
AdminGuard.WarnWhenExposed(app);

// In WebApplicationFactory's in-memory host a refusal must reach the test as the exception it is.
bool inMemoryTestHost = app.Services.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>()?.GetType().Name == "TestServer";
try
{
    // The venue takes the database's lock and loads the fixture here, so a refusal is one line, not a host stack trace.
    app.Services.GetRequiredService<ExchangeVenue>();
    await app.RunAsync();
}
catch (Exception e) when (e is StartupRefusedException or JexSim.Server.Fixtures.FixtureException && !inMemoryTestHost)
{
    Console.Error.WriteLine($"JexSim cannot start: {e.Message}");
    return 2;
}
return 0;

/// <summary>The entry point, public for WebApplicationFactory.</summary>
public partial class Program;
