namespace JexSim.Server.Streams;

/// <summary>
/// The "JexSim:Streams" configuration section. Defaults are the spec's; tests and CI shorten the cadences.
/// Push cadences run on real time (they pace delivery); event times, listenKey validity and the 24-hour
/// connection limit follow the venue clock.
/// </summary>
public sealed class StreamOptions
{
    public const string Section = "JexSim:Streams";

    /// <summary>&lt;symbol&gt;@&lt;tradeType&gt;: trades since the last push, pushed this often while there are any.</summary>
    public int TradeIntervalMs { get; set; } = 100;

    /// <summary>Klines, (mini) tickers and partial depth: pushed this often.</summary>
    public int SnapshotIntervalMs { get; set; } = 1000;

    /// <summary>Diff depth (&lt;symbol&gt;@&lt;depthType&gt;): pushed this often when the covered levels changed.</summary>
    public int DiffDepthIntervalMs { get; set; } = 1000;

    /// <summary>Server ping frame interval (spec: 3 minutes).</summary>
    public int PingIntervalSeconds { get; set; } = 180;

    /// <summary>A connection that answers no ping within this long is dropped (spec: 10 minutes).</summary>
    public int PongTimeoutSeconds { get; set; } = 600;

    /// <summary>Connections are closed after this long on the venue clock (spec: 24 hours).</summary>
    public int MaxConnectionMinutes { get; set; } = 24 * 60;

    /// <summary>listenKey validity after POST or PUT, on the venue clock (spec: 60 minutes).</summary>
    public int ListenKeyMinutes { get; set; } = 60;

    /// <summary>Streams one connection may carry (spec: 10).</summary>
    public int MaxStreamsPerConnection { get; set; } = 10;

    /// <summary>Messages one connection may have waiting to be sent; see README's back-pressure policy.</summary>
    public int SendQueueCapacity { get; set; } = 1024;

    /// <summary>How often expiries (listenKeys, 24-hour limit) are checked against the venue clock.</summary>
    public int HousekeepingIntervalMs { get; set; } = 1000;

    /// <summary>How long a closing handshake may take before the socket is aborted.</summary>
    public int CloseTimeoutMs { get; set; } = 5000;
}
