namespace JexSim.Server.Streams;

/// <summary>What a stream carries: one kind per stream name pattern of the spec, plus user data (a listenKey).</summary>
public enum StreamKind { Trade, Kline, MiniTicker, Ticker, AllMiniTickers, AllTickers, PartialDepth, DiffDepth, UserData }
