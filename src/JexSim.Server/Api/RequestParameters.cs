using System.Net;
using System.Text;

namespace JexSim.Server.Api;

/// <summary>
/// The parameters of one request exactly as sent: the raw query string and raw form body (what the signature covers),
/// and the decoded values, with the query winning when a name appears in both (the spec's rule).
/// </summary>
public sealed class RequestParameters
{
    public const int MaxBodyBytes = 16 * 1024;

    private RequestParameters(string rawQuery, string rawBody, Dictionary<string, string> values)
    {
        RawQuery = rawQuery;
        RawBody = rawBody;
        Values = values;
    }

    public string RawQuery { get; }
    public string RawBody { get; }
    public Dictionary<string, string> Values { get; }

    /// <summary>totalParams of the spec: the query string concatenated with the body, without the signature itself.</summary>
    public string SignedPayload => WithoutSignature(RawQuery) + WithoutSignature(RawBody);

    public static async Task<RequestParameters> ReadAsync(HttpRequest request)
    {
        string rawQuery = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        string rawBody = "";
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            if (request.ContentLength > MaxBodyBytes) throw new JexException(JexErrors.TooManyParametersSent);
            using var buffer = new MemoryStream();
            var chunk = new byte[4096];
            int n;
            while ((n = await request.Body.ReadAsync(chunk).ConfigureAwait(false)) > 0)
            {
                buffer.Write(chunk, 0, n);
                if (buffer.Length > MaxBodyBytes) throw new JexException(JexErrors.TooManyParametersSent);
            }
            if (buffer.Length > 0)
            {
                var type = request.ContentType;
                if (type is not null && !type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
                    throw new JexException(new JexError(-1100, $"Illegal characters found in a parameter. The body must be application/x-www-form-urlencoded, not '{(type.Length > 100 ? type[..100] + "..." : type)}'."));
                try { rawBody = new UTF8Encoding(false, true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length); }
                catch (DecoderFallbackException) { throw new JexException(new JexError(-1100, "Illegal characters found in a parameter. The body is not valid UTF-8.")); }
            }
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var fromQuery = Parse(rawQuery);
        foreach (var (k, v) in Parse(rawBody)) values[k] = v;
        foreach (var (k, v) in fromQuery) values[k] = v;
        return new RequestParameters(rawQuery, rawBody, values);
    }

    /// <summary>Decodes one source; a name twice in the same source is an error (-1101).</summary>
    private static Dictionary<string, string> Parse(string raw)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (raw.Length == 0) return result;
        foreach (var pair in raw.Split('&'))
        {
            if (pair.Length == 0) continue;
            int eq = pair.IndexOf('=');
            string name = Decode(eq < 0 ? pair : pair[..eq]);
            string value = eq < 0 ? "" : Decode(pair[(eq + 1)..]);
            if (name.Length == 0) throw new JexException(new JexError(-1100, "Illegal characters found in a parameter: a parameter has no name."));
            if (!result.TryAdd(name, value)) throw new JexException(JexErrors.DuplicateParameter);
        }
        return result;
    }

    private static string Decode(string s)
    {
        string decoded = WebUtility.UrlDecode(s);
        foreach (char c in decoded)
            if (char.IsControl(c) || c == '\uFFFD')
                throw new JexException(JexErrors.IllegalCharactersInParameter);
        return decoded;
    }

    private static string WithoutSignature(string raw)
    {
        if (raw.Length == 0 || !raw.Contains("signature=", StringComparison.Ordinal)) return raw;
        return string.Join('&', raw.Split('&').Where(p => !p.StartsWith("signature=", StringComparison.Ordinal) && p != "signature"));
    }
}
