using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Text;

namespace JexSim.Server.Api;

/// <summary>
/// The parameters of one request exactly as sent: the raw query string and raw form body (what the signature covers),
/// and the decoded values, with the query winning when a name appears in both (the spec's rule). The body is read
/// once from the request's pipe and parsed in one pass; a value is only URL-decoded when it has something to decode.
/// The values are read-only once parsed (the journal keeps them as they are).
/// </summary>
public sealed class RequestParameters
{
    public const int MaxBodyBytes = 16 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private RequestParameters(string rawQuery, string rawBody, Dictionary<string, string> values)
    {
        RawQuery = rawQuery;
        RawBody = rawBody;
        Values = values;
    }

    public string RawQuery { get; }
    public string RawBody { get; }
    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>totalParams of the spec: the query string concatenated with the body, without the signature itself.</summary>
    public string SignedPayload => WithoutSignature(RawQuery) + WithoutSignature(RawBody);

    public static async Task<RequestParameters> ReadAsync(HttpRequest request)
    {
        string rawQuery = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        string rawBody = "";
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            if (request.ContentLength > MaxBodyBytes) throw new JexException(JexErrors.TooManyParametersSent);
            rawBody = await ReadBodyAsync(request.BodyReader).ConfigureAwait(false);
            if (rawBody.Length > 0)
            {
                var type = request.ContentType;
                if (type is not null && !type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
                    throw new JexException(new JexError(-1100, $"Illegal characters found in a parameter. The body must be application/x-www-form-urlencoded, not '{(type.Length > 100 ? type[..100] + "..." : type)}'."));
            }
        }

        // One dictionary in the common case (parameters in the query or in the body); a name twice in one source is -1101.
        var values = new Dictionary<string, string>(16, StringComparer.Ordinal);
        if (rawBody.Length == 0) Parse(rawQuery, values);
        else if (rawQuery.Length == 0) Parse(rawBody, values);
        else
        {
            var fromQuery = new Dictionary<string, string>(StringComparer.Ordinal);
            Parse(rawQuery, fromQuery);
            Parse(rawBody, values);
            foreach (var (k, v) in fromQuery) values[k] = v;
        }
        return new RequestParameters(rawQuery, rawBody, values);
    }

    /// <summary>The whole body as strict UTF-8 (-1100 when it is not), at most <see cref="MaxBodyBytes"/> (-1101).</summary>
    private static async Task<string> ReadBodyAsync(PipeReader reader)
    {
        while (true)
        {
            var result = await reader.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.Length > MaxBodyBytes)
            {
                reader.AdvanceTo(buffer.End);
                throw new JexException(JexErrors.TooManyParametersSent);
            }
            if (result.IsCompleted || result.IsCanceled)
            {
                try { return buffer.Length == 0 ? "" : StrictUtf8.GetString(buffer); }
                catch (DecoderFallbackException) { throw new JexException(new JexError(-1100, "Illegal characters found in a parameter. The body is not valid UTF-8.")); }
                finally { reader.AdvanceTo(buffer.End); }
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Decodes one source into <paramref name="into"/>; a name twice in the same source is an error (-1101).</summary>
    private static void Parse(string raw, Dictionary<string, string> into)
    {
        for (int start = 0; start < raw.Length;)
        {
            int end = raw.IndexOf('&', start);
            if (end < 0) end = raw.Length;
            var pair = raw.AsSpan(start, end - start);
            start = end + 1;
            if (pair.IsEmpty) continue;
            int eq = pair.IndexOf('=');
            string name = Decode(eq < 0 ? pair : pair[..eq]);
            string value = eq < 0 ? "" : Decode(pair[(eq + 1)..]);
            if (name.Length == 0) throw new JexException(new JexError(-1100, "Illegal characters found in a parameter: a parameter has no name."));
            if (!into.TryAdd(name, value)) throw new JexException(JexErrors.DuplicateParameter);
        }
    }

    private static readonly SearchValues<char> Encoded = SearchValues.Create("%+");

    private static string Decode(ReadOnlySpan<char> s)
    {
        // Most values are plain (symbols, numbers, enums, hex signatures): nothing to decode.
        string decoded = s.ContainsAny(Encoded) ? WebUtility.UrlDecode(s.ToString()) : s.ToString();
        foreach (char c in decoded)
            if (char.IsControl(c) || c == '\uFFFD')
                throw new JexException(JexErrors.IllegalCharactersInParameter);
        return decoded;
    }

    /// <summary>
    /// The raw source without its signature parameter(s) ("signature=..." or a bare "signature"), the other pairs as
    /// sent, empty ones included.
    /// </summary>
    private static string WithoutSignature(string raw)
    {
        if (raw.Length == 0 || !raw.Contains("signature=", StringComparison.Ordinal)) return raw;
        var kept = new StringBuilder(raw.Length);
        bool first = true;
        for (int start = 0; start <= raw.Length;)
        {
            int end = raw.IndexOf('&', start);
            if (end < 0) end = raw.Length;
            var pair = raw.AsSpan(start, end - start);
            start = end + 1;
            if (IsSignature(pair)) continue;
            if (!first) kept.Append('&');
            kept.Append(pair);
            first = false;
        }
        return kept.ToString();
    }

    private static bool IsSignature(ReadOnlySpan<char> pair) =>
        pair.StartsWith("signature=", StringComparison.Ordinal) || pair.SequenceEqual("signature");
}
