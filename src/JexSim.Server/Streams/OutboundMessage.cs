namespace JexSim.Server.Streams;

/// <summary>One message on its way to a client: bytes shared by every subscriber, and whether losing it is allowed.</summary>
public sealed class OutboundMessage(byte[] bytes, bool mustDeliver)
{
    public byte[] Bytes { get; } = bytes;

    /// <summary>User data and control replies: never dropped; a client that cannot take them is disconnected.</summary>
    public bool MustDeliver { get; } = mustDeliver;
}
