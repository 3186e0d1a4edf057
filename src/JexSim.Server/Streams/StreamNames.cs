using JexSim.Engine;
using JexSim.Engine.Markets;
using JexSim.Server.Api;
using JexSim.Server.Venue;

namespace JexSim.Server.Streams;

/// <summary>Parses and names streams: &lt;symbol&gt;@&lt;type&gt;, !&lt;type&gt;@arr, or a listenKey.</summary>
public static class StreamNames
{
    /// <summary>The spec's kline intervals (case-insensitive in names; "1M" is one minute).</summary>
    public static readonly string[] KlineIntervals = ["1m", "5m", "15m", "30m", "1h", "4h", "1d", "1w"];

    public static readonly int[] PartialDepthLevels = [5, 10, 20];

    private static readonly (string Prefix, MarketType Market)[] Markets =
        [("spot", MarketType.Spot), ("option", MarketType.Option), ("contract", MarketType.Contract)];

    public static string MarketPrefix(MarketType market) => market switch
    {
        MarketType.Option => "option",
        MarketType.Contract => "contract",
        _ => "spot",
    };

    /// <summary>"Spot", "Option" or "Contract", for event names such as 24hrSpotTicker.</summary>
    public static string MarketTitle(MarketType market) => market switch
    {
        MarketType.Option => "Option",
        MarketType.Contract => "Contract",
        _ => "Spot",
    };

    /// <summary>Resolves a stream name, or throws a <see cref="JexException"/> with the error the client gets.</summary>
    public static StreamKey Parse(string name, ExchangeVenue venue, ListenKeys listenKeys)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 128) throw new JexException(StreamErrors.InvalidStream(name));
        int at = name.IndexOf('@');
        if (at < 0)
        {
            // No '@': a user data stream, named by its listenKey.
            var live = listenKeys.Find(name) ?? throw new JexException(JexErrors.InvalidListenKey);
            return new StreamKey(StreamKind.UserData, MarketType.Spot, null, live.Key) { ListenKey = live.Key };
        }

        string left = name[..at], right = name[(at + 1)..];
        if (left.StartsWith('!'))
        {
            // !<miniTickerType>@arr and !<tickerType>@arr
            if (right != "arr") throw new JexException(StreamErrors.InvalidStream(name));
            var (market, rest) = SplitMarket(left[1..]) ?? throw new JexException(StreamErrors.InvalidStream(name));
            return rest.ToLowerInvariant() switch
            {
                "miniticker" => new StreamKey(StreamKind.AllMiniTickers, market, null, $"!{MarketPrefix(market)}MiniTicker@arr"),
                "ticker" => new StreamKey(StreamKind.AllTickers, market, null, $"!{MarketPrefix(market)}Ticker@arr"),
                _ => throw new JexException(StreamErrors.InvalidStream(name)),
            };
        }

        var (m, type) = SplitMarket(right) ?? throw new JexException(StreamErrors.InvalidStream(name));
        string lowerType = type.ToLowerInvariant();
        string prefix = MarketPrefix(m);
        StreamKey Key(StreamKind kind, string suffix, SymbolSpec symbol) =>
            new(kind, m, symbol, $"{symbol.Name.ToLowerInvariant()}@{prefix}{suffix}");

        // Decide the kind before looking the symbol up, so a bad type and a bad symbol get different errors.
        Func<SymbolSpec, StreamKey> make;
        if (lowerType == "trade") make = s => Key(StreamKind.Trade, "Trade", s);
        else if (lowerType == "miniticker") make = s => Key(StreamKind.MiniTicker, "MiniTicker", s);
        else if (lowerType == "ticker") make = s => Key(StreamKind.Ticker, "Ticker", s);
        else if (lowerType == "depth") make = s => Key(StreamKind.DiffDepth, "Depth", s);
        else if (lowerType.StartsWith("depth", StringComparison.Ordinal) && int.TryParse(lowerType.AsSpan(5), out int levels) && PartialDepthLevels.Contains(levels) && lowerType.Length == 5 + levels.ToString().Length)
            make = s => Key(StreamKind.PartialDepth, $"Depth{levels}", s) with { Levels = levels };
        else if (lowerType.StartsWith("kline_", StringComparison.Ordinal) && KlineIntervals.Contains(lowerType[6..]))
        {
            string interval = lowerType[6..];
            make = s => Key(StreamKind.Kline, $"Kline_{interval.ToUpperInvariant()}", s) with { Interval = interval };
        }
        else throw new JexException(StreamErrors.InvalidStream(name));

        var symbol = venue.FindSymbol(left, m) ?? throw new JexException(StreamErrors.UnknownSymbol(name));
        return make(symbol);
    }

    private static (MarketType Market, string Type)? SplitMarket(string type)
    {
        foreach (var (prefix, market) in Markets)
            if (type.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && type.Length > prefix.Length)
                return (market, type[prefix.Length..]);
        return null;
    }
}
