namespace JexSim.Server.Venue;

/// <summary>Recovers or seeds the venue before the server takes requests.</summary>
public sealed class VenueStartup(ExchangeVenue venue) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => venue.StartAsync();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
