namespace JexSim.Server.Streams;

/// <summary>
/// One stream and the connections on it. The connection array is copied on change, so publishers iterate it lock-free.
/// </summary>
internal sealed class StreamSubscription(StreamKey key)
{
    private StreamConnection[] _connections = [];

    public StreamKey Key { get; } = key;

    public StreamConnection[] Connections => Volatile.Read(ref _connections);

    public bool HasSubscribers => Connections.Length > 0;

    public void Add(StreamConnection c) { lock (this) _connections = [.. _connections, c]; }

    public void Remove(StreamConnection c) { lock (this) _connections = _connections.Where(x => x != c).ToArray(); }

    /// <summary>
    /// Queues the payload to every subscriber without waiting (except those <paramref name="skip"/> leaves out). The
    /// combined-stream wrapper is built once, for the first combined connection.
    /// </summary>
    public void Publish(byte[] raw, bool mustDeliver, Func<StreamConnection, bool>? skip = null)
    {
        OutboundMessage? plain = null, wrapped = null;
        foreach (var c in Connections)
        {
            if (skip is not null && skip(c)) continue;
            c.Enqueue(c.Combined
                ? wrapped ??= new OutboundMessage(StreamPayloads.Combined(Key.Name, raw), mustDeliver)
                : plain ??= new OutboundMessage(raw, mustDeliver));
        }
    }
}
