using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace JexSim.Server.Tests.Infrastructure;

/// <summary>A minimal JEX client: signs with HMAC-SHA256 over query + body, as the spec says.</summary>
public sealed class JexClient(HttpClient http, string apiKey, string secret, Func<long> now)
{
    public HttpClient Http { get; } = http;
    public string ApiKey { get; } = apiKey;

    public static string Sign(string secret, string payload) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload)));

    /// <summary>Unsigned request (NONE), optionally with the API key header (MARKET_DATA, USER_STREAM).</summary>
    public Task<JexResponse> Public(HttpMethod method, string path, string query = "", bool withKey = false)
    {
        var request = new HttpRequestMessage(method, query.Length > 0 ? $"{path}?{query}" : path);
        if (withKey) request.Headers.Add("X-JEX-APIKEY", ApiKey);
        return Send(request);
    }

    /// <summary>Signed request: adds timestamp (unless present) and signature. Parameters go in the query for GET, in the body otherwise.</summary>
    public Task<JexResponse> Signed(HttpMethod method, string path, string parameters = "", bool inBody = true)
    {
        if (!parameters.Contains("timestamp=", StringComparison.Ordinal))
            parameters = (parameters.Length > 0 ? parameters + "&" : "") + $"timestamp={now()}";
        string signed = parameters + "&signature=" + Sign(secret, parameters);
        HttpRequestMessage request;
        if (method == HttpMethod.Get || !inBody)
            request = new HttpRequestMessage(method, $"{path}?{signed}");
        else
            request = new HttpRequestMessage(method, path) { Content = new StringContent(signed, Encoding.UTF8, "application/x-www-form-urlencoded") };
        request.Headers.Add("X-JEX-APIKEY", ApiKey);
        return Send(request);
    }

    public async Task<JexResponse> Send(HttpRequestMessage request)
    {
        using var response = await Http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        return new JexResponse(response.StatusCode, body, response.Headers);
    }
}

public sealed record JexResponse(HttpStatusCode Status, string Body, HttpResponseHeaders Headers)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public int Code => Json.GetProperty("code").GetInt32();

    public string Msg => Json.GetProperty("msg").GetString()!;

    public override string ToString() => $"{(int)Status} {Body}";
}
