using System.Net.WebSockets;
using JexSim.Server.Api;
using JexSim.Server.Simulation;
using JexSim.Server.Venue;
using Microsoft.Extensions.Options;

namespace JexSim.Server.Streams;

/// <summary>Wires the WebSocket streams into the host: services, and the /ws and /stream endpoints.</summary>
public static class StreamEndpoints
{
    /// <summary>
    /// Registers the stream services. Call before the venue's start-up service, so the commit tap observes every commit.
    /// <see cref="StreamPublishing"/> is also resolvable on its own: <see cref="StreamPublishing.CloseAllAsync"/> closes every socket with 1001.
    /// </summary>
    public static IServiceCollection AddJexStreams(this IServiceCollection services)
    {
        services.AddOptions<StreamOptions>().BindConfiguration(StreamOptions.Section);
        services.AddSingleton<ListenKeys>();
        services.AddSingleton<StreamHub>();
        services.AddSingleton<StreamCommitTap>();
        services.AddSingleton<MarketDataPublisher>();
        services.AddSingleton<UserDataPublisher>();
        services.AddSingleton<StreamPublishing>();
        services.AddHostedService(sp => sp.GetRequiredService<StreamPublishing>());
        return services;
    }

    /// <summary>Raw streams at /ws/&lt;streamName&gt; (or a listenKey), combined streams at /stream?streams=a/b/c.</summary>
    public static void MapJexStreams(this IEndpointRouteBuilder routes)
    {
        routes.Map("/ws/{**name}", (HttpContext http, string? name) => ServeAsync(http, combined: false, string.IsNullOrEmpty(name) ? [] : [name]));
        routes.Map("/ws", (HttpContext http) => ServeAsync(http, combined: false, []));
        routes.Map("/stream", (HttpContext http) =>
        {
            string streams = http.Request.Query["streams"].ToString();
            return ServeAsync(http, combined: true, streams.Length == 0 ? [] : streams.Split('/'));
        });
    }

    private static async Task ServeAsync(HttpContext http, bool combined, string[] names)
    {
        var hub = http.RequestServices.GetRequiredService<StreamHub>();
        var venue = http.RequestServices.GetRequiredService<ExchangeVenue>();
        var options = hub.Options;
        IReadOnlyList<StreamKey> keys;
        try
        {
            // Stream names are checked first, so a plain GET shows the same error a WebSocket handshake gets.
            if (names.Length > options.MaxStreamsPerConnection) throw new JexException(StreamErrors.TooManyStreams(options.MaxStreamsPerConnection, names.Length));
            keys = hub.Resolve(names);
            if (!http.WebSockets.IsWebSocketRequest) throw new JexException(StreamErrors.NotWebSocket);
        }
        catch (JexException e)
        {
            await JexResults.Error(e.Error).ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        // Subscribe before the handshake is answered: a client whose ConnectAsync returned may act at once (place an
        // order), and every event committed from then on must reach it. What is published meanwhile waits in the queue.
        var faults = http.RequestServices.GetRequiredService<IFaultPolicy>();
        string path = http.Request.Path.Value + http.Request.QueryString.Value;
        var connection = new StreamConnection(hub, options, faults, path, combined, venue.Now);
        hub.Register(connection);
        try
        {
            hub.Subscribe(connection, keys);
            using var socket = await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
            {
                KeepAliveInterval = TimeSpan.FromSeconds(options.PingIntervalSeconds),
                KeepAliveTimeout = TimeSpan.FromSeconds(options.PongTimeoutSeconds),
            }).ConfigureAwait(false);
            await connection.RunAsync(socket).ConfigureAwait(false);
        }
        finally
        {
            hub.Unregister(connection);
        }
    }
}
