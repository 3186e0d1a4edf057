using System.Globalization;
using System.Text.Json;
using JexSim.Server.Api;

namespace JexSim.Server.Endpoints.Contract;

/// <summary>
/// Reads the ordersJsonArray parameter of the batchOrder endpoints (already URL-decoded by the pipeline; the signature
/// covers the encoded form as sent): a JSON array of objects {"symbol": "btcusdt", "orderId": "4612172002566865072"}.
/// orderId may be a JSON string or number; symbol is matched without regard to case and may be left out.
/// The array as a whole is refused when it is not a JSON array (-1100), is empty (-1102) or holds more than the
/// endpoint's maximum (-1101); an element that is not an object or has no usable orderId becomes its own -2013.
/// </summary>
public static class OrdersJsonArray
{
    public const string Name = "ordersJsonArray";
    public const int MaxCancel = 10;
    public const int MaxQuery = 100;

    public static JexError TooMany(int max, int sent) =>
        new(-1101, $"Too many orders in '{Name}'; at most {max} per request, received {sent}.");

    public static IReadOnlyList<BatchOrderRef> Parse(string json, int max)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 4 }); }
        catch (JsonException) { throw new JexException(Malformed); }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array) throw new JexException(Malformed);
            int count = root.GetArrayLength();
            if (count == 0) throw new JexException(JexErrors.MandatoryMissing(Name));
            if (count > max) throw new JexException(TooMany(max, count));
            var refs = new BatchOrderRef[count];
            int i = 0;
            foreach (var element in root.EnumerateArray()) refs[i++] = Element(element);
            return refs;
        }
    }

    private static readonly JexError Malformed = JexErrors.IllegalCharacters(Name, "a JSON array of {\"symbol\",\"orderId\"} objects");

    private static BatchOrderRef Element(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) return new BatchOrderRef(null, null);
        string? symbol = e.TryGetProperty("symbol", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        long? id = null;
        if (e.TryGetProperty("orderId", out var o))
        {
            if (o.ValueKind == JsonValueKind.Number && o.TryGetInt64(out long n) && n >= 0) id = n;
            else if (o.ValueKind == JsonValueKind.String && long.TryParse(o.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out long p)) id = p;
        }
        return new BatchOrderRef(symbol, id);
    }
}
