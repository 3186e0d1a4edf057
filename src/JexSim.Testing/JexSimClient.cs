using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace JexSim.Testing;

/// <summary>
/// A minimal JEX client for tests: public calls, and SIGNED calls with timestamp (venue time), recvWindow and the
/// HMAC-SHA256 signature of the query string, as the spec asks. Dispose it to dispose its HttpClient.
/// </summary>
public sealed class JexSimClient(HttpClient http, VenueAccount? account, Func<long> now) : IDisposable
{
    public const string ApiKeyHeader = "X-JEX-APIKEY";

    public HttpClient Http => http;

    public VenueAccount? Account => account;

    /// <summary>HMAC-SHA256 of <paramref name="payload"/> with <paramref name="secret"/>, lowercase hex: the spec's signature.</summary>
    public static string Sign(string secret, string payload) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload)));

    /// <summary>The query string of a SIGNED request: the parameters, timestamp (venue time unless given), then signature.</summary>
    public string SignedQuery(IEnumerable<KeyValuePair<string, string>> parameters, long? timestamp = null)
    {
        var acct = account ?? throw new InvalidOperationException("This client has no account: use venue.ClientFor(account).");
        var list = parameters.ToList();
        if (!list.Any(p => p.Key == "timestamp")) list.Add(new("timestamp", (timestamp ?? now()).ToString(CultureInfo.InvariantCulture)));
        string query = Query(list);
        return $"{query}&signature={Sign(acct.SecretKey, query)}";
    }

    /// <summary>A public (or MARKET_DATA, when the client has an account) call; the response as it came.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>>? parameters = null) =>
        Send(method, path, parameters is null ? "" : Query(parameters));

    /// <summary>A SIGNED call (TRADE, USER_DATA) with the parameters in the query string; the response as it came.</summary>
    public Task<HttpResponseMessage> SendSignedAsync(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>> parameters, long? timestamp = null) =>
        Send(method, path, SignedQuery(parameters, timestamp));

    /// <summary>A SIGNED call whose answer must be 200; returns its JSON. Throws with the venue's error otherwise.</summary>
    public async Task<JsonElement> SignedAsync(HttpMethod method, string path, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        using var response = await SendSignedAsync(method, path, parameters).ConfigureAwait(false);
        return await Json(response).ConfigureAwait(false);
    }

    /// <summary>A public GET whose answer must be 200; returns its JSON.</summary>
    public async Task<JsonElement> GetAsync(string path, IEnumerable<KeyValuePair<string, string>>? parameters = null)
    {
        using var response = await SendAsync(HttpMethod.Get, path, parameters).ConfigureAwait(false);
        return await Json(response).ConfigureAwait(false);
    }

    /// <summary>Places a LIMIT GTC order and returns the venue's RESULT answer (orderId, status, executedQty...).</summary>
    public Task<JsonElement> PlaceLimitOrderAsync(string symbol, string side, decimal quantity, decimal price) =>
        SignedAsync(HttpMethod.Post, "/api/v1/spot/order", new Dictionary<string, string>
        {
            ["symbol"] = symbol, ["side"] = side, ["type"] = "LIMIT", ["timeInForce"] = "GTC",
            ["quantity"] = quantity.ToString(CultureInfo.InvariantCulture), ["price"] = price.ToString(CultureInfo.InvariantCulture), ["newOrderRespType"] = "RESULT",
        });

    public void Dispose() => http.Dispose();

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string query)
    {
        using var request = new HttpRequestMessage(method, query.Length == 0 ? path : $"{path}?{query}");
        if (account is not null) request.Headers.Add(ApiKeyHeader, account.ApiKey);
        return await http.SendAsync(request).ConfigureAwait(false);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {(int)response.StatusCode} {text}", null, response.StatusCode);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string Query(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join("&", parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
}
