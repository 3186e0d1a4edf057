namespace JexSim.Server.Venue;

/// <summary>
/// Recovers or seeds the venue before the server takes requests; on shutdown (SIGTERM), after the web server has
/// stopped taking requests, lets the writer finish every queued command and commit it, then closes the store and
/// releases the database's lock (a restart in the same process, as tests do, finds the database free).
/// </summary>
public sealed class VenueStartup(ExchangeVenue venue) : IHostedService
{
    /// <summary>
    /// How long a shutdown may take in all (HostOptions.ShutdownTimeout): open connections, WebSockets included, are
    /// aborted after it, so the process exits within 5 s of SIGTERM, inside Docker's 10 s grace period.
    /// </summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(3);

    public Task StartAsync(CancellationToken cancellationToken) => venue.StartAsync();

    public Task StopAsync(CancellationToken cancellationToken) => venue.CloseAsync();
}
