using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using JexSim.Server.Api;
using JexSim.Server.Simulation;

namespace JexSim.Server.Streams;

/// <summary>
/// One WebSocket client. A bounded queue sits between the publishers and the socket; one loop sends, one loop reads
/// control messages. Publishers never wait: when the queue is full a market-data message is dropped (counted), and a
/// user-data message closes the connection (1008), so a slow client never slows the venue or other clients.
/// </summary>
public sealed class StreamConnection
{
    /// <summary>Set by <see cref="RunAsync"/>: the connection subscribes before the handshake is answered, so it exists before its socket.</summary>
    private volatile WebSocket? _socket;
    private readonly StreamHub _hub;
    private readonly StreamOptions _options;
    private readonly IFaultPolicy _faults;
    private readonly Channel<OutboundMessage> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private readonly Dictionary<string, StreamKey> _streams = new(StringComparer.Ordinal);
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;
    private string _closeReason = "";
    private long _dropped;
    private bool _aborted;

    public StreamConnection(StreamHub hub, StreamOptions options, IFaultPolicy faults, string path, bool combined, long openedAt)
    {
        _hub = hub;
        _options = options;
        _faults = faults;
        Path = path;
        Combined = combined;
        OpenedAt = openedAt;
        _queue = Channel.CreateBounded<OutboundMessage>(new BoundedChannelOptions(Math.Max(1, options.SendQueueCapacity))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite fails when full; nobody ever waits
        });
    }

    /// <summary>The request path the client connected to, query included (e.g. /ws/btcusdt@spotDepth, /stream?streams=a/b): what fault rules match.</summary>
    public string Path { get; }

    /// <summary>Combined connections (/stream) get payloads wrapped as {"stream":...,"data":...}.</summary>
    public bool Combined { get; }

    /// <summary>Venue time (Unix ms) the connection opened; it closes after the configured lifetime.</summary>
    public long OpenedAt { get; }

    /// <summary>Market-data messages dropped because this client fell behind.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public bool IsClosing => _stop.IsCancellationRequested;

    public IReadOnlyCollection<StreamKey> Streams { get { lock (_gate) return _streams.Values.ToArray(); } }

    internal bool TryAddStream(StreamKey key) { lock (_gate) return _streams.TryAdd(key.Name, key); }

    internal bool RemoveStream(string name) { lock (_gate) return _streams.Remove(name); }

    /// <summary>Queues a message without waiting; when the queue is full, drops it (market data) or closes the connection (user data).</summary>
    public void Enqueue(OutboundMessage message)
    {
        if (_queue.Writer.TryWrite(message) || IsClosing) return;
        if (message.MustDeliver) Close(WebSocketCloseStatus.PolicyViolation, "Client too slow: user data queue overflow");
        else Interlocked.Increment(ref _dropped);
    }

    /// <summary>Asks the connection to close (sending a close frame with this status once pending sends stop).</summary>
    public void Close(WebSocketCloseStatus status, string reason)
    {
        lock (_gate)
        {
            if (_stop.IsCancellationRequested) return;
            _closeStatus = status;
            _closeReason = reason;
        }
        _stop.Cancel();
    }

    /// <summary>Ends the connection at once, without a closing handshake (a shutdown whose grace has run out).</summary>
    public void Abort()
    {
        Close(WebSocketCloseStatus.EndpointUnavailable, "");
        Volatile.Write(ref _aborted, true);
        _socket?.Abort();
    }

    /// <summary>
    /// Runs the connection on its accepted socket until it closes. Messages queued before (between the subscription and
    /// the handshake's answer) are sent first.
    /// </summary>
    public async Task RunAsync(WebSocket socket)
    {
        _socket = socket;
        if (Volatile.Read(ref _aborted)) socket.Abort(); // Abort ran before the socket existed
        var receiving = ReceiveLoopAsync(socket);
        await SendLoopAsync(socket).ConfigureAwait(false);
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var timeout = new CancellationTokenSource(_options.CloseTimeoutMs);
            try { await socket.CloseOutputAsync(_closeStatus, _closeReason, timeout.Token).ConfigureAwait(false); }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { socket.Abort(); }
        }
        if (await Task.WhenAny(receiving, Task.Delay(_options.CloseTimeoutMs)).ConfigureAwait(false) != receiving) socket.Abort();
        _queue.Writer.TryComplete();
    }

    private async Task SendLoopAsync(WebSocket socket)
    {
        var reader = _queue.Reader;
        var token = _stop.Token;
        try
        {
            while (await reader.WaitToReadAsync(token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var message))
                {
                    if (_faults.ShouldDisconnectStream(Path))
                    {
                        // An injected network failure: no close frame, the TCP connection just ends.
                        Close(WebSocketCloseStatus.EndpointUnavailable, "Injected fault: stream disconnect");
                        socket.Abort();
                        return;
                    }
                    await socket.SendAsync(message.Bytes, WebSocketMessageType.Text, true, token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or IOException)
        {
            Close(WebSocketCloseStatus.EndpointUnavailable, "");
        }
    }

    private async Task ReceiveLoopAsync(WebSocket socket)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                int length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        // Control messages are small; a client that sends more than 4 KB in one message is misbehaving.
                        Close(WebSocketCloseStatus.MessageTooBig, "Message too big");
                        return;
                    }
                    result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None).ConfigureAwait(false);
                    length += result.Count;
                } while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Close(WebSocketCloseStatus.NormalClosure, "");
                    return;
                }
                if (result.MessageType == WebSocketMessageType.Text) HandleControl(buffer.AsSpan(0, length));
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            Close(WebSocketCloseStatus.EndpointUnavailable, "");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS, Binance style.</summary>
    private void HandleControl(ReadOnlySpan<byte> json)
    {
        long? id = null;
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray());
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new JexException(StreamErrors.BadMessage("expected a JSON object"));
            if (root.TryGetProperty("id", out var idElement))
            {
                if (idElement.ValueKind == JsonValueKind.Number && idElement.TryGetInt64(out long i)) id = i;
                else if (idElement.ValueKind != JsonValueKind.Null) throw new JexException(StreamErrors.BadMessage("'id' must be an integer"));
            }
            if (!root.TryGetProperty("method", out var methodElement) || methodElement.ValueKind != JsonValueKind.String)
                throw new JexException(StreamErrors.BadMessage("'method' must be SUBSCRIBE, UNSUBSCRIBE or LIST_SUBSCRIPTIONS"));
            string method = methodElement.GetString()!;
            switch (method)
            {
                case "SUBSCRIBE":
                    _hub.Subscribe(this, Names(root));
                    Reply(StreamPayloads.ControlResult(null, id));
                    break;
                case "UNSUBSCRIBE":
                    _hub.Unsubscribe(this, Names(root));
                    Reply(StreamPayloads.ControlResult(null, id));
                    break;
                case "LIST_SUBSCRIPTIONS":
                    Reply(StreamPayloads.ControlList(Streams.Select(s => s.Name).Order(StringComparer.Ordinal), id));
                    break;
                default:
                    throw new JexException(StreamErrors.BadMessage($"unknown method '{method}'"));
            }
        }
        catch (JsonException)
        {
            Reply(StreamPayloads.ControlError(StreamErrors.BadMessage("not valid JSON"), id));
        }
        catch (JexException e)
        {
            Reply(StreamPayloads.ControlError(e.Error, id));
        }
    }

    private static IReadOnlyList<string> Names(JsonElement root)
    {
        if (!root.TryGetProperty("params", out var p) || p.ValueKind != JsonValueKind.Array)
            throw new JexException(StreamErrors.BadMessage("'params' must be an array of stream names"));
        var names = new List<string>();
        foreach (var e in p.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.String) throw new JexException(StreamErrors.BadMessage("'params' must be an array of stream names"));
            names.Add(e.GetString()!);
        }
        if (names.Count == 0) throw new JexException(StreamErrors.BadMessage("'params' is empty"));
        return names;
    }

    private void Reply(byte[] bytes) => Enqueue(new OutboundMessage(bytes, mustDeliver: true));
}
