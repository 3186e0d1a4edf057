using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using JexSim.Persistence;
using JexSim.Server.Tests.Infrastructure;
using JexSim.Server.Venue;
using Microsoft.Extensions.DependencyInjection;

namespace JexSim.Server.Tests.Simulation;

/// <summary>Calls /admin/v1 with JSON bodies, as a CI script would.</summary>
public sealed class Admin(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public Task<JexResponse> Get(string path) => Send(HttpMethod.Get, path, null);
    public Task<JexResponse> Post(string path, object? body = null) => Send(HttpMethod.Post, path, body);
    public Task<JexResponse> Put(string path, object body) => Send(HttpMethod.Put, path, body);
    public Task<JexResponse> Delete(string path) => Send(HttpMethod.Delete, path, null);

    public async Task<JexResponse> Send(HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, "/admin/v1" + path);
        if (body is string raw) request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        else if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await Http.SendAsync(request);
        return new JexResponse(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers);
    }

    public async Task<JexResponse> Ok(HttpMethod method, string path, object? body = null)
    {
        var r = await Send(method, path, body);
        Assert.True(r.Status == HttpStatusCode.OK, $"{method} {path}: {r}");
        return r;
    }

    public Task Advance(long ms) => Ok(HttpMethod.Post, "/clock/advance", new { ms });

    public async Task<long> Now() => (await Ok(HttpMethod.Get, "/clock")).Json.GetProperty("time").GetInt64();
}

public static class SimulationTestExtensions
{
    public static Admin Admin(this JexSimFactory venue) => new(venue.CreateClient());

    public static ExchangeVenue Venue(this JexSimFactory venue) => venue.Services.GetRequiredService<ExchangeVenue>();

    /// <summary>Every trade of a symbol, oldest first, straight from the store.</summary>
    public static IReadOnlyList<TradeRecord> AllTrades(this JexSimFactory venue, string symbol) =>
        venue.Venue().StoreReader.TradesFrom(symbol, 0, 1_000_000);

    /// <summary>The field an admin error names: its message reads "field: why".</summary>
    public static string Field(this JexResponse r)
    {
        Assert.Equal(-1100, r.Code);
        return r.Msg[..r.Msg.IndexOf(':')];
    }
}
