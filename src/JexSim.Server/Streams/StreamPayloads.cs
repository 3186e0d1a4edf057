using System.Buffers;
using System.Text;
using System.Text.Json;
using JexSim.Engine;
using JexSim.Engine.Markets;
using JexSim.Server.Venue;

namespace JexSim.Server.Streams;

/// <summary>
/// The stream payloads, written straight to UTF-8 bytes: here the market-data and control payloads, the user-data
/// events in StreamPayloads.User.cs. Each payload is serialized once per push and the same
/// bytes go to every subscriber (and the combined-stream wrapper is built once per stream per push).
/// </summary>
public static partial class StreamPayloads
{
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
            write(w);
        return buffer.WrittenSpan.ToArray();
    }

    private static void Amount(this Utf8JsonWriter w, string name, long value)
    {
        Span<byte> chars = stackalloc byte[32];
        Span<char> text = stackalloc char[32];
        FixedPoint.TryFormat(value, text, out int n);
        for (int i = 0; i < n; i++) chars[i] = (byte)text[i];
        w.WriteString(name, chars[..n]);
    }

    private static void AmountValue(this Utf8JsonWriter w, long value)
    {
        Span<char> text = stackalloc char[32];
        FixedPoint.TryFormat(value, text, out int n);
        w.WriteStringValue(text[..n]);
    }

    /// <summary>{"stream":"name","data":raw}, for combined connections.</summary>
    public static byte[] Combined(string stream, byte[] raw)
    {
        int nameBytes = Encoding.UTF8.GetByteCount(stream);
        var bytes = new byte[11 + nameBytes + 9 + raw.Length + 1];
        int p = 0;
        p += Encoding.UTF8.GetBytes("{\"stream\":\"", bytes.AsSpan(p));
        p += Encoding.UTF8.GetBytes(stream, bytes.AsSpan(p));
        p += Encoding.UTF8.GetBytes("\",\"data\":", bytes.AsSpan(p));
        raw.CopyTo(bytes, p);
        p += raw.Length;
        bytes[p] = (byte)'}';
        return bytes;
    }

    public static byte[] Trades(MarketType market, SymbolSpec symbol, IReadOnlyList<Trade> trades, long eventTime) => Write(w =>
    {
        string e = StreamNames.MarketPrefix(market) + "Trade";
        w.WriteStartArray();
        foreach (var t in trades)
        {
            w.WriteStartObject();
            w.WriteString("e", e);
            w.WriteNumber("E", eventTime);
            w.WriteString("s", symbol.Name);
            w.WriteNumber("t", t.Id);
            w.Amount("p", t.Price);
            w.Amount("q", t.Quantity);
            w.WriteNumber("T", t.Time);
            w.WriteBoolean("m", t.BuyerMaker);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    });

    public static byte[] Kline(StreamKey key, Kline k, long eventTime) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("e", StreamNames.MarketPrefix(key.Market) + "Kline");
        w.WriteNumber("E", eventTime);
        w.WriteString("s", key.Symbol!.Name);
        w.WriteStartObject("k");
        w.WriteNumber("t", k.OpenTime);
        w.WriteNumber("T", k.CloseTime);
        w.WriteString("s", key.Symbol!.Name);
        w.WriteString("i", key.Interval);
        w.Amount("o", k.Open);
        w.Amount("c", k.Close);
        w.Amount("h", k.High);
        w.Amount("l", k.Low);
        w.Amount("v", k.Volume);
        w.Amount("q", k.QuoteVolume);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    /// <summary>A ticker's numbers: the symbol's 24-hour window; for a contract, its mark and index price (m, i).</summary>
    public readonly record struct TickerData(SymbolSpec Symbol, DayStatistics Day, long? MarkPrice = null, long? IndexPrice = null);

    public static byte[] MiniTicker(MarketType market, TickerData t, long eventTime) => Write(w => WriteMiniTicker(w, market, t, eventTime));

    public static byte[] MiniTickers(MarketType market, IEnumerable<TickerData> tickers, long eventTime) => Write(w =>
    {
        w.WriteStartArray();
        foreach (var t in tickers) WriteMiniTicker(w, market, t, eventTime);
        w.WriteEndArray();
    });

    private static void WriteMiniTicker(Utf8JsonWriter w, MarketType market, TickerData t, long eventTime)
    {
        w.WriteStartObject();
        w.WriteString("e", $"24hr{StreamNames.MarketTitle(market)}MiniTicker");
        w.WriteNumber("E", eventTime);
        w.WriteString("s", t.Symbol.Name);
        w.Amount("c", t.Day.Last);
        w.Amount("h", t.Day.High);
        w.Amount("o", t.Day.Open);
        w.Amount("l", t.Day.Low);
        WriteMarkAndIndex(w, t);
        w.Amount("v", t.Day.Volume);
        w.Amount("q", t.Day.QuoteVolume);
        w.WriteEndObject();
    }

    /// <summary>m and i, which only contract tickers have.</summary>
    private static void WriteMarkAndIndex(Utf8JsonWriter w, TickerData t)
    {
        if (t.MarkPrice is { } mark) w.Amount("m", mark);
        if (t.IndexPrice is { } index) w.Amount("i", index);
    }

    public static byte[] Ticker(MarketType market, TickerData t, long eventTime) => Write(w => WriteTicker(w, market, t, eventTime));

    public static byte[] Tickers(MarketType market, IEnumerable<TickerData> tickers, long eventTime) => Write(w =>
    {
        w.WriteStartArray();
        foreach (var t in tickers) WriteTicker(w, market, t, eventTime);
        w.WriteEndArray();
    });

    private static void WriteTicker(Utf8JsonWriter w, MarketType market, TickerData t, long eventTime)
    {
        var d = t.Day;
        long change = d.Last - d.Open;
        long percent = d.Open == 0 ? 0 : (long)((Int128)change * 100 * FixedPoint.Scale / d.Open);
        w.WriteStartObject();
        w.WriteString("e", $"24hr{StreamNames.MarketTitle(market)}Ticker");
        w.WriteNumber("E", eventTime);
        w.WriteString("s", t.Symbol.Name);
        w.Amount("p", change);
        w.Amount("P", percent);
        w.Amount("c", d.Last);
        w.Amount("h", d.High);
        w.Amount("l", d.Low);
        w.Amount("v", d.Volume);
        w.Amount("q", d.QuoteVolume);
        WriteMarkAndIndex(w, t);
        w.WriteNumber("O", d.OpenTime);
        w.WriteNumber("C", d.CloseTime);
        w.WriteEndObject();
    }

    public static byte[] PartialDepth(DepthSnapshot depth, int levels) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("lastUpdateId", depth.UpdateId);
        w.WritePropertyName("bids");
        WriteLevels(w, depth.BidPrices, depth.BidQuantities, levels);
        w.WritePropertyName("asks");
        WriteLevels(w, depth.AskPrices, depth.AskQuantities, levels);
        w.WriteEndObject();
    });

    private static void WriteLevels(Utf8JsonWriter w, long[] prices, long[] quantities, int levels)
    {
        w.WriteStartArray();
        for (int i = 0; i < Math.Min(levels, prices.Length); i++)
        {
            w.WriteStartArray();
            w.AmountValue(prices[i]);
            w.AmountValue(quantities[i]);
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    /// <summary>A diff-depth event: levels (price, new quantity; 0 = gone from the covered range) between two versions.</summary>
    public static byte[] DepthUpdate(MarketType market, SymbolSpec symbol, long eventTime, long firstUpdateId, long version,
        List<(long Price, long Quantity)> bids, List<(long Price, long Quantity)> asks) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("e", StreamNames.MarketPrefix(market) + "DepthUpdate");
        w.WriteNumber("E", eventTime);
        w.WriteString("s", symbol.Name);
        w.WriteNumber("U", firstUpdateId);
        w.WriteNumber("v", version);
        w.WritePropertyName("b");
        WriteChanges(w, bids);
        w.WritePropertyName("a");
        WriteChanges(w, asks);
        w.WriteEndObject();
    });

    private static void WriteChanges(Utf8JsonWriter w, List<(long Price, long Quantity)> changes)
    {
        w.WriteStartArray();
        foreach (var (price, qty) in changes)
        {
            w.WriteStartArray();
            w.AmountValue(price);
            w.AmountValue(qty);
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    public static byte[] ControlResult(JsonElement? result, long? id) => Write(w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("result");
        if (result is { } r) r.WriteTo(w); else w.WriteNullValue();
        if (id is { } i) w.WriteNumber("id", i); else w.WriteNull("id");
        w.WriteEndObject();
    });

    public static byte[] ControlList(IEnumerable<string> streams, long? id) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("result");
        foreach (var s in streams) w.WriteStringValue(s);
        w.WriteEndArray();
        if (id is { } i) w.WriteNumber("id", i); else w.WriteNull("id");
        w.WriteEndObject();
    });

    public static byte[] ControlError(Api.JexError error, long? id) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteNumber("code", error.Code);
        w.WriteString("msg", error.Msg);
        w.WriteEndObject();
        if (id is { } i) w.WriteNumber("id", i); else w.WriteNull("id");
        w.WriteEndObject();
    });
}
