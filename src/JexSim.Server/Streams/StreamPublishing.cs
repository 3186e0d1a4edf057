using System.Diagnostics;
using System.Net.WebSockets;
using JexSim.Server.Venue;
using Microsoft.Extensions.Options;

namespace JexSim.Server.Streams;

/// <summary>
/// Runs the streams in the host: attaches the <see cref="StreamCommitTap"/> to the writer, hands each
/// <see cref="StreamCommit"/> to the publishers in commit order, runs the push cadences and the expiry checks, and on
/// shutdown closes every socket with 1001 before the server waits for its requests to end.
/// </summary>
public sealed class StreamPublishing(
    ExchangeVenue venue, StreamCommitTap tap, StreamHub hub, MarketDataPublisher marketData, UserDataPublisher userData,
    IOptions<StreamOptions> options, ILogger<StreamPublishing> log) : IHostedLifecycleService, IAsyncDisposable
{
    /// <summary>Close reason every socket gets when the server stops (status 1001, going away).</summary>
    public const string ShutdownReason = "Server shutting down";

    /// <summary>How long a shutdown waits for clients to answer the close frame before it aborts their sockets.</summary>
    public static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(1);

    private readonly StreamOptions _options = options.Value;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = new();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Registered before the venue starts its writer (see AddJexStreams), so no commit is missed.
        venue.Sequencer.AddObserver(tap);
        _loops.Add(Task.Run(ConsumeCommitsAsync));
        _loops.Add(Every(_options.TradeIntervalMs, marketData.PushTrades));
        _loops.Add(Every(_options.SnapshotIntervalMs, marketData.PushSnapshots));
        _loops.Add(Every(_options.DiffDepthIntervalMs, marketData.PushDiffDepth));
        _loops.Add(Every(_options.HousekeepingIntervalMs, Housekeeping));
        return Task.CompletedTask;
    }

    /// <summary>Runs before any hosted service stops (the web server included), so open sockets do not hold the shutdown.</summary>
    public Task StoppingAsync(CancellationToken cancellationToken) => CloseAllAsync(cancellationToken);

    /// <summary>
    /// Closes every WebSocket with 1001 ("Server shutting down") and waits up to <see cref="ShutdownGrace"/> for the
    /// closing handshakes; sockets still open then are aborted. Safe to call more than once.
    /// </summary>
    public async Task CloseAllAsync(CancellationToken cancellationToken = default)
    {
        hub.CloseAll(WebSocketCloseStatus.EndpointUnavailable, ShutdownReason);
        var grace = Stopwatch.StartNew();
        try
        {
            while (hub.ConnectionCount > 0 && grace.Elapsed < ShutdownGrace)
                await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) { }
        foreach (var c in hub.Connections) c.Abort();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stop.IsCancellationRequested) return;
        _stop.Cancel();
        tap.Complete();
        hub.CloseAll(WebSocketCloseStatus.EndpointUnavailable, ShutdownReason);
        try { await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false); }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException) { }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ConsumeCommitsAsync()
    {
        var reader = tap.Commits;
        try
        {
            while (await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var commit))
                {
                    try { Dispatch(commit); }
                    catch (Exception e) { log.LogError(e, "Publishing a commit to streams failed"); }
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    private void Dispatch(StreamCommit commit)
    {
        if (commit.DepthBaselines is { } books) marketData.OnStateReplaced(books, commit.BooksGeneration);
        marketData.OnTrades(commit.Trades);
        // User data goes out as soon as it is committed: every order state change, then the balances after it.
        userData.Publish(commit);
        userData.CloseDisabled(commit.DisabledAccounts);
    }

    private void Housekeeping()
    {
        userData.ExpireListenKeys();
        hub.CloseOlderThan(venue.Now, _options.MaxConnectionMinutes * 60_000L);
    }

    private Task Every(int intervalMs, Action tick) => Task.Run(async () =>
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Max(1, intervalMs)));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                try { tick(); }
                catch (Exception e) { log.LogError(e, "Stream push {Tick} failed", tick.Method.Name); }
            }
        }
        catch (OperationCanceledException) { }
    });
}
