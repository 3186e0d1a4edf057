using JexSim.Engine;
using JexSim.Engine.Markets;

namespace JexSim.Server.Streams;

/// <summary>
/// One stream a connection can carry, parsed from its name. Market streams name the market in their type
/// (spotTrade, optionDepth10, contractKline_1H, ...), so every market shares one code path.
/// </summary>
public sealed record StreamKey(StreamKind Kind, MarketType Market, SymbolSpec? Symbol, string Name)
{
    /// <summary>Kline interval as the payload prints it ("1m", "4h", "1w").</summary>
    public string? Interval { get; init; }

    /// <summary>Partial depth levels (5, 10 or 20).</summary>
    public int Levels { get; init; }

    /// <summary>For <see cref="StreamKind.UserData"/>: the listenKey.</summary>
    public string? ListenKey { get; init; }
}
