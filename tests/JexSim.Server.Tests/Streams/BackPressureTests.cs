using System.Net.Sockets;
using System.Text;
using JexSim.Server.Streams;
using JexSim.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace JexSim.Server.Tests.Streams;

/// <summary>
/// Back-pressure over real TCP (Kestrel on loopback): a client that stops reading fills its socket buffers and then its
/// bounded queue. Its market data is dropped, a user data overflow disconnects it, and a healthy client on the same
/// streams gets everything meanwhile.
/// </summary>
public sealed class BackPressureTests : IDisposable
{
    private const int QueueCapacity = 8;
    private readonly JexSimFactory _venue;
    private readonly Uri _ws;

    public BackPressureTests()
    {
        _venue = FastStreams.Venue(QueueCapacity);
        _venue.UseKestrel(0);
        _venue.StartServer();
        var address = _venue.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _ws = new Uri(address.Replace("http://", "ws://"));
    }

    public void Dispose() => _venue.Dispose();

    /// <summary>Opens a WebSocket by hand over a socket with a tiny receive buffer, then never reads again.</summary>
    private async Task<Socket> StalledClientAsync(string path)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        using var timeout = new CancellationTokenSource(StreamSocket.DefaultTimeout);
        await socket.ConnectAsync(_ws.Host == "localhost" ? "127.0.0.1" : _ws.Host, _ws.Port, timeout.Token);
        string request = $"GET {path} HTTP/1.1\r\nHost: {_ws.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                         "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(request), timeout.Token);
        var buffer = new byte[1];
        var head = new StringBuilder();
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            int n = await socket.ReceiveAsync(buffer, timeout.Token);
            if (n == 0) throw new IOException("closed during the handshake");
            head.Append((char)buffer[0]);
        }
        Assert.StartsWith("HTTP/1.1 101", head.ToString());
        return socket;
    }

    [Fact]
    public async Task A_stalled_client_does_not_delay_a_healthy_one_loses_market_data_and_is_cut_off_on_user_data()
    {
        var hub = _venue.Services.GetRequiredService<StreamHub>();
        var keys = _venue.Services.GetRequiredService<ListenKeys>();
        string listenKey = keys.Start(1, Engine.Accounts.Permissions.All).Key;
        const string market = "btcusdt@spotTrade";

        using var stalledMarket = await StalledClientAsync("/ws/" + market);
        using var stalledUser = await StalledClientAsync("/ws/" + listenKey);
        await using var healthy = await StreamSocket.ConnectAsync(new Uri(_ws, "/stream?streams=" + market + "/" + listenKey));
        Assert.Equal(3, hub.ConnectionCount);

        var userDisconnected = new TaskCompletionSource<StreamConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Which connection went is checked below: the two left must be the healthy one and the stalled market-data one.
        hub.Disconnected += c => userDisconnected.TrySetResult(c);

        // 64 KB payloads: a few hundred of them are far more than loopback socket buffers hold.
        const int messages = 300;
        var payload = Encoding.UTF8.GetBytes("[\"" + new string('x', 64 * 1024) + "\"]");
        var receivedMarket = 0;
        var receivedUser = 0;
        var reading = Task.Run(async () =>
        {
            while (receivedMarket < messages || receivedUser < messages)
            {
                string text = await healthy.ReceiveTextAsync(TimeSpan.FromSeconds(20)) ?? throw new InvalidOperationException("healthy client was closed");
                if (text.StartsWith("{\"stream\":\"" + market, StringComparison.Ordinal)) receivedMarket++;
                else receivedUser++;
            }
        });

        for (int i = 0; i < messages; i++)
        {
            hub.PublishRaw(market, payload, mustDeliver: false);
            hub.PublishRaw(listenKey, payload, mustDeliver: true);
            // Pace the publisher to the healthy reader, so only the stalled clients fall behind.
            while (2 * (i + 1) - Volatile.Read(ref receivedMarket) - Volatile.Read(ref receivedUser) > QueueCapacity / 2 && !reading.IsCompleted) await Task.Yield();
        }
        await reading.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(messages, receivedMarket);
        Assert.Equal(messages, receivedUser);

        // The stalled user-data client was disconnected; the stalled market-data client is still there, minus what it missed.
        await userDisconnected.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var remaining = hub.Connections.ToList();
        Assert.Equal(2, remaining.Count);
        var stalled = Assert.Single(remaining, c => !c.Combined);
        Assert.True(stalled.Dropped > 0, "the stalled market-data client should have lost messages");
        Assert.False(stalled.IsClosing);
    }
}
