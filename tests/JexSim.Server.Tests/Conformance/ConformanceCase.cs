using System.Net;
using System.Text;
using System.Text.Json;
using JexSim.Server.Tests.Infrastructure;

namespace JexSim.Server.Tests.Conformance;

/// <summary>What a conformance case can use: the venue, alice's signing client, and a read-only account's client.</summary>
public sealed record ConformanceContext(JexSimFactory Venue, JexClient Alice, Func<Task<JexClient>> ReadOnly)
{
    public long Now => Venue.Clock.NowMs;

    public HttpClient Http => Alice.Http;

    /// <summary>Signs <paramref name="parameters"/> exactly as given (no timestamp added) and sends them in the query.</summary>
    public Task<JexResponse> SignedAsIs(HttpMethod method, string path, string parameters)
    {
        var request = new HttpRequestMessage(method, $"{path}?{parameters}&signature={JexClient.Sign(DemoAccounts.AliceSecret, parameters)}");
        request.Headers.Add("X-JEX-APIKEY", DemoAccounts.AliceKey);
        return Alice.Send(request);
    }

    /// <summary>A request built by hand: any headers, any body and content type.</summary>
    public Task<JexResponse> Raw(HttpMethod method, string pathAndQuery, string? body = null, string? contentType = null, string? apiKey = null)
    {
        var request = new HttpRequestMessage(method, pathAndQuery);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        if (apiKey is not null) request.Headers.TryAddWithoutValidation("X-JEX-APIKEY", apiKey);
        return Alice.Send(request);
    }
}

/// <summary>
/// One row of a conformance table: a real request and the exact answer JEX gives to it (HTTP status, code, msg).
/// <see cref="Msg"/> gets the server time at sending, for messages that quote it (-1021).
/// </summary>
public sealed record ConformanceCase(string Name, Func<ConformanceContext, Task<JexResponse>> Send, HttpStatusCode Status, int Code, Func<long, string> Msg)
{
    public override string ToString() => Name;

    public static ConformanceCase Public(string name, string path, string query, HttpStatusCode status, int code, string msg, bool withKey = false) =>
        new(name, c => c.Alice.Public(HttpMethod.Get, path, query, withKey), status, code, _ => msg);

    public static ConformanceCase Signed(string name, HttpMethod method, string path, string parameters, HttpStatusCode status, int code, string msg) =>
        new(name, c => c.Alice.Signed(method, path, parameters), status, code, _ => msg);

    public static ConformanceCase Custom(string name, Func<ConformanceContext, Task<JexResponse>> send, HttpStatusCode status, int code, string msg) =>
        new(name, send, status, code, _ => msg);
}

/// <summary>A venue with the spec's default rate limits on, shared by the cases of one family (one per test class).</summary>
public sealed class ConformanceVenue : IDisposable
{
    private JexClient? _readOnly;

    public ConformanceVenue()
    {
        Venue = new JexSimFactory(settings: new() { ["JexSim:RateLimits:Enabled"] = "true" });
        Alice = Venue.Alice();
        Context = new ConformanceContext(Venue, Alice, ReadOnlyAsync);
    }

    public JexSimFactory Venue { get; }
    public JexClient Alice { get; }
    public ConformanceContext Context { get; }

    /// <summary>An account whose key may read but not trade (created once through the admin API).</summary>
    private async Task<JexClient> ReadOnlyAsync()
    {
        if (_readOnly is not null) return _readOnly;
        using var response = await Alice.Http.PostAsync("/admin/v1/accounts",
            new StringContent("""{"name":"reader","permissions":["read"],"balances":{"USDT":"1000"}}""", Encoding.UTF8, "application/json"));
        var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return _readOnly = Venue.ClientFor(created.GetProperty("apiKey").GetString()!, created.GetProperty("secretKey").GetString()!);
    }

    /// <summary>
    /// Sends the case (one second of venue time after the previous, so the ORDERS per second limit never interferes)
    /// and asserts status, code, msg and the rate-limit headers every answer carries.
    /// </summary>
    public async Task AssertAsync(ConformanceCase c)
    {
        Venue.Clock.Advance(TimeSpan.FromSeconds(1));
        long now = Context.Now;
        var response = await c.Send(Context);

        Assert.True(c.Status == response.Status, $"{c.Name}: expected HTTP {(int)c.Status}, got {response}");
        Assert.Equal(c.Code, response.Code);
        Assert.Equal(c.Msg(now), response.Msg);
        AssertWeightHeaders(response);
    }

    public static void AssertWeightHeaders(JexResponse response)
    {
        Assert.True(response.Headers.TryGetValues("X-MBX-USED-WEIGHT", out var legacy), $"no X-MBX-USED-WEIGHT on {response}");
        Assert.True(response.Headers.TryGetValues("X-MBX-USED-WEIGHT-1M", out var minute), $"no X-MBX-USED-WEIGHT-1M on {response}");
        int used = int.Parse(Assert.Single(minute));
        Assert.Equal(used, int.Parse(Assert.Single(legacy)));
        Assert.InRange(used, 1, 1200);
    }

    public void Dispose() => Venue.Dispose();
}
