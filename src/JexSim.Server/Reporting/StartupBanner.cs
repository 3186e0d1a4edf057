using JexSim.Server.Configuration;
using JexSim.Server.Simulation;
using JexSim.Server.Venue;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace JexSim.Server.Reporting;

/// <summary>Once the server listens, one Information line says where and how it runs.</summary>
public sealed class StartupBanner(
    IHostApplicationLifetime lifetime, IServer server, ExchangeVenue venue, VenueClock clock, IOptions<JexSimOptions> options, ILogger<StartupBanner> log)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => log.LogInformation("{Banner}", Text()));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>"JexSim listening on http://127.0.0.1:8080 (dashboard /, API reference /reference) | fixture ... | database ... | clock ... | durability ..."</summary>
    public string Text()
    {
        var urls = server.Features.Get<IServerAddressesFeature>()?.Addresses is { Count: > 0 } a ? string.Join(", ", a) : "(in memory)";
        var o = options.Value;
        return $"JexSim listening on {urls} (dashboard /, API reference {Dashboard.DashboardEndpoints.ReferencePath}) | fixture {venue.Fixture.Name} ({venue.FixturePath}) "
            + $"| database {Path.GetFullPath(o.Database)} | clock {clock.Mode} at {clock.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ}"
            + (clock.IsVirtual ? $" speed {clock.Speed}" : "") + $" | durability {o.Durability}"
            + (string.IsNullOrEmpty(o.AdminToken) ? " | admin API open" : " | admin API needs the token");
    }
}
