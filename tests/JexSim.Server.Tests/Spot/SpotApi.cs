using System.Net;
using System.Text.Json;
using JexSim.Server.Tests.Infrastructure;

namespace JexSim.Server.Tests.Spot;

/// <summary>Spot calls and JSON assertions shared by the spot and security tests.</summary>
public static class SpotApi
{
    public const string Order = "/api/v1/spot/order";

    /// <summary>
    /// The id a client's first order gets on quiet.json: seeding places the fixture's resting orders (spot and option
    /// ladders) first, numbered 1, 2, ... in fixture order (contract orders have an id range of their own).
    /// </summary>
    public static readonly long FirstClientOrderId =
        JexSim.Server.Fixtures.FixtureLoader.Load(JexSimFactory.FixturePath("quiet.json")).Orders.Count + 1;

    public static Task<JexResponse> Place(this JexClient client, string parameters) =>
        client.Signed(HttpMethod.Post, Order, parameters);

    /// <summary>Places an order with newOrderRespType=RESULT and returns the answer, asserting it was accepted.</summary>
    public static async Task<JsonElement> PlaceResult(this JexClient client, string parameters)
    {
        var placed = await client.Place(parameters + "&newOrderRespType=RESULT");
        return placed.Ok();
    }

    /// <summary>Places a resting GTC limit order and returns its id.</summary>
    public static async Task<long> Rest(this JexClient client, string symbol, string side, string quantity, string price)
    {
        var placed = await client.PlaceResult($"symbol={symbol}&side={side}&type=LIMIT&timeInForce=GTC&quantity={quantity}&price={price}");
        Assert.Equal("NEW", placed.GetProperty("status").GetString());
        return placed.GetProperty("orderId").GetInt64();
    }

    public static async Task<JsonElement> Account(this JexClient client) =>
        (await client.Signed(HttpMethod.Get, "/api/v1/account")).Ok();

    /// <summary>free/locked of one asset from GET /api/v1/account.</summary>
    public static async Task<(string Free, string Locked)> Balance(this JexClient client, string asset)
    {
        var account = await client.Account();
        var row = account.GetProperty("spotBalances").EnumerateArray().Single(b => b.GetProperty("asset").GetString() == asset);
        return (row.GetProperty("free").GetString()!, row.GetProperty("locked").GetString()!);
    }

    public static async Task<JsonElement> Get(this JexClient client, string path, string query = "") =>
        (await client.Public(HttpMethod.Get, path, query)).Ok();

    public static async Task<JsonElement> SignedGet(this JexClient client, string path, string parameters) =>
        (await client.Signed(HttpMethod.Get, path, parameters)).Ok();

    /// <summary>Asserts a 200 answer and returns its JSON.</summary>
    public static JsonElement Ok(this JexResponse response)
    {
        Assert.True(response.Status == HttpStatusCode.OK, $"expected 200, got {response}");
        return response.Json;
    }

    /// <summary>Asserts a JEX error answer: HTTP status, code and message (exact, or a prefix when it ends with "...").</summary>
    public static void AssertError(this JexResponse response, HttpStatusCode status, int code, string msg)
    {
        Assert.True(response.Status == status && response.Code == code, $"expected {(int)status} {code}, got {response}");
        Assert.Equal(["code", "msg"], Names(response.Json));
        if (msg.EndsWith("...", StringComparison.Ordinal)) Assert.StartsWith(msg[..^3], response.Msg, StringComparison.Ordinal);
        else Assert.Equal(msg, response.Msg);
    }

    public static string[] Names(JsonElement obj) => obj.EnumerateObject().Select(p => p.Name).ToArray();

    /// <summary>
    /// Asserts an object has exactly these fields, in this order, each of the given kind:
    /// 's' a JSON string, 'n' a JSON number, 'b' a boolean, 'a' an array, 'o' an object.
    /// </summary>
    public static void AssertShape(JsonElement obj, params (string Name, char Kind)[] fields)
    {
        Assert.Equal(JsonValueKind.Object, obj.ValueKind);
        Assert.Equal(fields.Select(f => f.Name).ToArray(), Names(obj));
        foreach (var (name, kind) in fields)
        {
            var value = obj.GetProperty(name);
            bool matches = kind switch
            {
                's' => value.ValueKind == JsonValueKind.String,
                'n' => value.ValueKind == JsonValueKind.Number,
                'b' => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
                'a' => value.ValueKind == JsonValueKind.Array,
                'o' => value.ValueKind == JsonValueKind.Object,
                _ => throw new ArgumentException($"unknown kind {kind}"),
            };
            Assert.True(matches, $"{name} should be of kind '{kind}' but is {value.ValueKind}: {value.GetRawText()}");
        }
    }

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;

    public static long Num(this JsonElement e, string name) => e.GetProperty(name).GetInt64();

    /// <summary>The shape of an order as GET order, openOrders and historyOrders print it (orderId a string).</summary>
    public static readonly (string, char)[] OrderShape =
    [
        ("symbol", 's'), ("orderId", 's'), ("price", 's'), ("origQty", 's'), ("executedQty", 's'), ("cummulativeQuoteQty", 's'),
        ("status", 's'), ("timeInForce", 's'), ("type", 's'), ("side", 's'), ("time", 'n'), ("updateTime", 'n'), ("working", 'b'),
    ];

    /// <summary>The shape of a RESULT order answer and of a cancel answer (orderId a number).</summary>
    public static readonly (string, char)[] ResultShape =
    [
        ("symbol", 's'), ("orderId", 'n'), ("transactTime", 'n'), ("price", 's'), ("origQty", 's'), ("executedQty", 's'),
        ("cummulativeQuoteQty", 's'), ("status", 's'), ("timeInForce", 's'), ("type", 's'), ("side", 's'),
    ];
}
