using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using JexSim.Server.Tests.Infrastructure;

namespace JexSim.Server.Tests.Streams;

/// <summary>A test's WebSocket client: JSON receive with a bounded wait on every call.</summary>
public sealed class StreamSocket(WebSocket socket) : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public WebSocket Socket { get; } = socket;

    /// <summary>Connects to the in-memory test server (path like "/ws/btcusdt@spotTrade").</summary>
    public static async Task<StreamSocket> ConnectAsync(JexSimFactory venue, string path)
    {
        var client = venue.Server.CreateWebSocketClient();
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        var socket = await client.ConnectAsync(new Uri("ws://localhost" + path), timeout.Token);
        return new StreamSocket(socket);
    }

    /// <summary>Connects over real TCP (for a venue started with Kestrel).</summary>
    public static async Task<StreamSocket> ConnectAsync(Uri uri)
    {
        var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        await socket.ConnectAsync(uri, timeout.Token);
        return new StreamSocket(socket);
    }

    /// <summary>The next text message as JSON; null when the server closed the connection.</summary>
    public async Task<JsonElement?> ReceiveAsync(TimeSpan? timeout = null)
    {
        string? text = await ReceiveTextAsync(timeout);
        return text is null ? null : JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<string?> ReceiveTextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await Socket.ReceiveAsync(buffer, cts.Token);
                if (result.MessageType == WebSocketMessageType.Close) return null;
                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage) return Encoding.UTF8.GetString(message.ToArray());
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no message within {(timeout ?? DefaultTimeout).TotalSeconds}s");
        }
    }

    /// <summary>Skips messages until one matches; fails when none does within the time limit.</summary>
    public async Task<JsonElement> NextAsync(Func<JsonElement, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException("no matching message in time");
            var message = await ReceiveAsync(left) ?? throw new InvalidOperationException("the server closed the connection");
            if (match(message)) return message;
        }
    }

    /// <summary>Reads until the server closes; returns the close status.</summary>
    public async Task<WebSocketCloseStatus?> WaitClosedAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException("the connection was not closed in time");
            if (await ReceiveTextAsync(left) is null) return Socket.CloseStatus;
        }
    }

    public Task SendAsync(object message) =>
        Socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try { await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", cts.Token); }
            catch (Exception) { Socket.Abort(); } // a test may leave a read pending; closing then only has to end the connection
        }
        Socket.Dispose();
    }
}

/// <summary>Venue settings that make stream cadences fast enough for tests.</summary>
public static class FastStreams
{
    public static Dictionary<string, string?> Settings(int queueCapacity = 1024) => new()
    {
        ["JexSim:Streams:TradeIntervalMs"] = "20",
        ["JexSim:Streams:SnapshotIntervalMs"] = "40",
        ["JexSim:Streams:DiffDepthIntervalMs"] = "25",
        ["JexSim:Streams:HousekeepingIntervalMs"] = "20",
        ["JexSim:Streams:SendQueueCapacity"] = queueCapacity.ToString(),
    };

    public static JexSimFactory Venue(int queueCapacity = 1024) => new(settings: Settings(queueCapacity));
}
