using JexSim.Server.Configuration;
using JexSim.Server.Fixtures;
using Microsoft.Extensions.Options;

namespace JexSim.Server.Simulation;

public static class SimulationServices
{
    /// <summary>
    /// The venue clock (virtual when JexSim:Clock=virtual, starting at JexSim:ClockStart or the fixture's startTime),
    /// the scheduler with the fixture's feeds and agents, index prices, fault injection and the request journal.
    /// Call after the venue's own registrations: the simulation starts after the venue has seeded or recovered.
    /// </summary>
    public static IServiceCollection AddSimulation(this IServiceCollection services)
    {
        services.AddOptions<SimulationOptions>().BindConfiguration(JexSimOptions.Section);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<SimulationOptions>>().Value;
            var clock = new VenueClock();
            if (options.VirtualClock) clock.SetVirtual(options.ClockStartMs() ?? FixtureStart(sp) ?? clock.NowMs);
            return clock;
        });
        services.AddSingleton<SimulationScheduler>();
        services.AddSingleton<IndexPrices>();
        services.AddSingleton<RequestJournal>();
        services.AddSingleton<IRequestJournal>(sp => sp.GetRequiredService<RequestJournal>());
        services.AddSingleton(sp => new FaultInjector(
            sp.GetRequiredService<IOptions<SimulationOptions>>().Value.FaultSeed ?? sp.GetRequiredService<Venue.ExchangeVenue>().Fixture.Seed));
        services.AddSingleton<IFaultPolicy>(sp => sp.GetRequiredService<FaultInjector>());
        services.AddSingleton<SimulationControl>();
        services.AddHostedService<SimulationHost>();
        return services;
    }

    /// <summary>Fault injection for JEX routes; add it before the endpoints.</summary>
    public static IApplicationBuilder UseSimulation(this IApplicationBuilder app) => app.UseMiddleware<FaultInjectionMiddleware>();

    private static long? FixtureStart(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<JexSimOptions>>().Value;
        var path = FixtureLoader.Resolve(options.Fixture, sp.GetRequiredService<IHostEnvironment>().ContentRootPath);
        try { return FixtureLoader.Load(path).StartTime?.ToUnixTimeMilliseconds(); }
        catch (FixtureException) { return null; } // the venue reports the fixture's problem
    }
}
