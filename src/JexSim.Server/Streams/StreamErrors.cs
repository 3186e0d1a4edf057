using JexSim.Server.Api;

namespace JexSim.Server.Streams;

/// <summary>The errors a stream request or a subscription message can get (documented in README).</summary>
public static class StreamErrors
{
    public static JexError InvalidStream(string name) => new(-1100, $"Invalid stream name '{name}'.");
    public static JexError UnknownSymbol(string name) => new(-1121, $"Invalid symbol in stream name '{name}'.");
    public static JexError TooManyStreams(int max, int requested) => new(-1101, $"Too many streams; a connection carries at most {max}, {requested} requested.");
    public static readonly JexError NotWebSocket = new(-1020, "This endpoint only accepts WebSocket upgrade requests.");
    public static JexError BadMessage(string detail) => new(-1100, $"Invalid message: {detail}");
}
