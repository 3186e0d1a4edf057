using System.Net;
using System.Text;
using System.Text.Json;
using JexSim.Persistence;
using JexSim.Server.Api.Catalogue;
using JexSim.Server.Tests.Infrastructure;
using JexSim.Server.Venue;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace JexSim.Server.Tests.Conformance;

/// <summary>
/// Seeded, bounded fuzzing of the whole catalogue with malformed requests: every request carries at least one defect
/// that JEX rejects (bad encodings, huge, negative, NaN and exponent numbers, very long strings, repeated and unknown
/// parameters, wrong content types, broken or stale signatures, bad API keys). None may answer 5xx, every answer must
/// be a JEX error, and afterwards no balance, order or trade may have changed.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int Requests = 4000; // about 50 malformed requests per route of the three markets and wapi
    private const int Seed = 20261121;

    private static readonly Dictionary<string, string> ValidParameters = new()
    {
        ["GET /api/v1/spot/depth"] = "symbol=BTCUSDT&limit=5",
        ["GET /api/v1/spot/trades"] = "symbol=BTCUSDT&limit=10",
        ["GET /api/v1/spot/historicalTrades"] = "symbol=BTCUSDT&limit=10&fromId=1",
        ["GET /api/v1/spot/klines"] = "symbol=BTCUSDT&interval=1m&startTime=1&endTime=2&limit=10",
        ["GET /api/v1/spot/avgPrice"] = "symbol=BTCUSDT",
        ["GET /api/v1/spot/ticker/24hr"] = "symbol=BTCUSDT",
        ["GET /api/v1/spot/ticker/price"] = "symbol=BTCUSDT",
        ["GET /api/v1/spot/ticker/bookTicker"] = "symbol=BTCUSDT",
        ["POST /api/v1/spot/order"] = "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=29000&newOrderRespType=RESULT",
        ["POST /api/v1/spot/order/test"] = "symbol=BTCUSDT&side=SELL&type=LIMIT&quantity=0.01&price=31000",
        ["GET /api/v1/spot/order"] = "symbol=BTCUSDT&orderId=1",
        ["DELETE /api/v1/spot/order"] = "symbol=BTCUSDT&orderId=1",
        ["GET /api/v1/spot/openOrders"] = "symbol=BTCUSDT&limit=10",
        ["GET /api/v1/spot/historyOrders"] = "symbol=BTCUSDT&startTime=1&endTime=2",
        ["GET /api/v1/option/depth"] = "symbol=BTCCALLM&limit=5",
        ["GET /api/v1/option/trades"] = "symbol=BTCCALLM&limit=10",
        ["GET /api/v1/option/historicalTrades"] = "symbol=BTCCALLM&limit=10&fromId=1",
        ["GET /api/v1/option/klines"] = "symbol=BTCCALLM&interval=1m&startTime=1&endTime=2&limit=10",
        ["GET /api/v1/option/avgPrice"] = "symbol=BTCCALLM",
        ["GET /api/v1/option/ticker/24hr"] = "symbol=BTCCALLM",
        ["GET /api/v1/option/ticker/price"] = "symbol=BTCPUTM",
        ["GET /api/v1/option/ticker/bookTicker"] = "symbol=BTCPUTM",
        // Option writes that pass validation are refused by the engine (no tokens to sell, too little collateral,
        // nothing issued), so no request of the run can change anything.
        ["POST /api/v1/option/order"] = "symbol=BTCCALLM&side=SELL&type=LIMIT&quantity=1&price=150&newOrderRespType=RESULT",
        ["POST /api/v1/option/order/test"] = "symbol=BTCCALLM&side=BUY&type=LIMIT&quantity=1&price=150",
        ["GET /api/v1/option/order"] = "symbol=BTCCALLM&orderId=1",
        ["DELETE /api/v1/option/order"] = "symbol=BTCCALLM&orderId=1",
        ["GET /api/v1/option/openOrders"] = "symbol=BTCCALLM&limit=10",
        ["GET /api/v1/option/historyOrders"] = "symbol=BTCCALLM&startTime=1&endTime=2",
        ["POST /api/v1/option/release"] = "symbol=BTCCALLM&amount=100000000",
        ["POST /api/v1/option/back"] = "symbol=BTCPUTM&amount=1",
        ["GET /api/v1/option/position"] = "symbol=BTCCALLM",
        ["GET /api/v1/option/info"] = "symbol=BTCCALLM",
        ["GET /api/v1/option/record"] = "symbol=BTCCALLM&startTime=1&endTime=2&limit=10",
        ["GET /wapi/v1/depositAddress"] = "asset=BTC",
        ["GET /wapi/v1/tradeFee"] = "symbol=BTCUSDT",
        ["GET /wapi/v1/depositHistory"] = "asset=BTC&status=1&startTime=1&endTime=2",
        ["GET /wapi/v1/withdrawHistory"] = "asset=BTC&status=6&startTime=1&endTime=2",
        // Withdrawals that pass validation ask for more than alice holds (-8004), so none changes anything.
        ["GET /wapi/v1/withdraw"] = "asset=BTC&address=bc1qexampleaddress0000000000000000000&amount=100000&name=cold",
        ["POST /wapi/v1/withdraw"] = "asset=USDT&address=bc1qexampleaddress0000000000000000000&addressTag=memo&amount=100000000",
        // Contract endpoints that read or only check (the snapshot covers spot state; contract state is not changed by these).
        ["GET /api/v1/contract/depth"] = "symbol=BTCUSDT&limit=5",
        ["GET /api/v1/contract/klines"] = "symbol=BTCUSDT&interval=1m&limit=5",
        ["GET /api/v1/contract/trades"] = "symbol=ETHUSDT&limit=5",
        ["POST /api/v1/contract/order/test"] = "symbol=BTCUSDT&side=SELL&type=LIMIT&quantity=0.01&price=31000",
        ["GET /api/v1/contract/order"] = "symbol=BTCUSDT&orderId=4611686018427387905",
        ["GET /api/v1/contract/openOrders"] = "symbol=BTCUSDT&limit=10",
        ["GET /api/v1/contract/position"] = "symbol=BTCUSDT",
        ["GET /api/v1/contract/bill"] = "limit=10",
        ["GET /api/v1/contract/userHistoricalTrades"] = "symbol=BTCUSDT&limit=10",
    };

    /// <summary>Values no parameter of any endpoint accepts.</summary>
    private static readonly string[] BadValues =
    [
        "-1", "-0.5", "NaN", "nan", "Infinity", "-Infinity", "1e5", "1E-3", "0x1F", "+5", "1.2.3", ".5", "5.", "1,5", " 1", "1 ", "１",
        new string('9', 40), "1." + new string('1', 30), new string('A', 5000), "%", "%G1", "%E2%82", "%FF%FE", "%00", "%0A", "%C0%AF",
        "null", "[]", "{}", "' OR 1=1 --", "<script>", "%E2%80%AE", "BTC%20USDT", "~", "",
    ];

    private static readonly string[] WrongContentTypes = ["application/json", "text/plain", "multipart/form-data; boundary=x", "application/xml", "image/png"];

    private sealed record FuzzRequest(HttpMethod Method, string Path, List<(string Name, string Value)> Query, List<(string Name, string Value)>? Body,
        string? ContentType, string? ApiKey, bool Sign, Action<List<(string, string)>>? BreakSignature, byte[]? RawBody);

    [Fact]
    public async Task Thousands_of_malformed_requests_never_fail_the_server_and_change_nothing()
    {
        using var venue = new JexSimFactory(settings: new()
        {
            ["JexSim:RateLimits:Enabled"] = "true",
            ["JexSim:RateLimits:RequestWeightPerMinute"] = "100000000",
            ["JexSim:RateLimits:RawRequestsPer5Minutes"] = "100000000",
        });
        var http = venue.CreateClient();
        var store = venue.Services.GetRequiredService<ExchangeVenue>().StoreReader;
        string before = Snapshot(store);
        var rng = new Random(Seed);
        var codes = new Dictionary<int, int>();
        var endpoints = JexCatalogue.Endpoints;

        for (int i = 0; i < Requests; i++)
        {
            if (i % 100 == 0) venue.Clock.Advance(TimeSpan.FromSeconds(1));
            var endpoint = endpoints[i % endpoints.Count]; // every route as often, however many the markets add
            var request = Build(endpoint, rng, venue.Clock.NowMs);
            using var message = ToMessage(request);
            string description = $"#{i} {message.Method} {message.RequestUri} body={(request.RawBody is not null ? "<bytes>" : Describe(request.Body))} type={request.ContentType}";
            using var response = await http.SendAsync(message);
            string body = await response.Content.ReadAsStringAsync();

            Assert.True((int)response.StatusCode < 500, $"{description} -> {(int)response.StatusCode} {body}");
            if (response.StatusCode == HttpStatusCode.OK) continue; // reads of a valid request that a harmless defect did not touch
            JsonElement error;
            try { error = JsonDocument.Parse(body).RootElement; }
            catch (JsonException) { throw new Xunit.Sdk.XunitException($"{description} -> {(int)response.StatusCode} non-JSON body {body}"); }
            int code = error.GetProperty("code").GetInt32();
            Assert.True(code < 0 && error.GetProperty("msg").GetString()!.Length > 0, $"{description} -> {body}");
            codes[code] = codes.GetValueOrDefault(code) + 1;
        }

        output.WriteLine(string.Join(", ", codes.OrderBy(c => c.Key).Select(c => $"{c.Key}: {c.Value}")));
        Assert.Equal(before, Snapshot(store));
        // The defects reach every layer: parsing, parameters, rules, timing, signature, key, routing.
        foreach (int expected in new[] { -6, -1021, -1022, -1100, -1101, -1102, -1103, -1105, -1115, -1116, -1117, -1121, -2014, -2015 })
            Assert.True(codes.ContainsKey(expected), $"no request produced {expected}; seen {string.Join(", ", codes.Keys.Order())}");
    }

    private static FuzzRequest Build(JexEndpoint endpoint, Random rng, long now)
    {
        var method = new HttpMethod(endpoint.Method);
        var pairs = Parse(ValidParameters.GetValueOrDefault(endpoint.Key, ""));
        bool signed = endpoint.Security.IsSigned();
        if (signed) pairs.Add(("timestamp", now.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        bool inBody = method != HttpMethod.Get && rng.Next(2) == 0;
        string? contentType = inBody ? "application/x-www-form-urlencoded" : null;
        string? apiKey = endpoint.Security.NeedsApiKey() || rng.Next(4) == 0 ? DemoAccounts.AliceKey : null;
        bool sign = signed;
        Action<List<(string, string)>>? breakSignature = null;
        byte[]? rawBody = null;

        int defects = 1 + rng.Next(3);
        for (int d = 0; d < defects; d++)
        {
            switch (rng.Next(13))
            {
                case 0 or 1 or 2 when pairs.Count > 0: // a bad value in a parameter
                    int at = rng.Next(pairs.Count);
                    pairs[at] = (pairs[at].Name, BadValues[rng.Next(BadValues.Length)]);
                    break;
                case 3 when pairs.Count > 0: // a parameter twice in the same place
                    var repeated = pairs[rng.Next(pairs.Count)];
                    pairs.Add((repeated.Name, rng.Next(2) == 0 ? repeated.Value : BadValues[rng.Next(BadValues.Length)]));
                    break;
                case 4: // an unknown or foreign parameter
                    pairs.Insert(rng.Next(pairs.Count + 1), (rng.Next(2) == 0 ? RandomName(rng) : "interval", "1m"));
                    break;
                case 5 when pairs.Count > 0 && endpoint.AllParameters.Any(p => p.Mandatory): // a mandatory parameter left out
                    var mandatory = endpoint.AllParameters.Where(p => p.Mandatory && p.Name != "signature").Select(p => p.Name).ToList();
                    if (mandatory.Count == 0) goto default;
                    string name = mandatory[rng.Next(mandatory.Count)];
                    pairs.RemoveAll(p => p.Name == name); // every template carries all mandatory parameters
                    break;
                case 6 when method != HttpMethod.Get: // a body that is not a form
                    inBody = true;
                    contentType = WrongContentTypes[rng.Next(WrongContentTypes.Length)];
                    break;
                case 7 when signed: // a broken signature
                    breakSignature = list =>
                    {
                        int s = list.FindIndex(p => p.Item1 == "signature");
                        var sig = list[s].Item2.ToCharArray();
                        int c = rng.Next(sig.Length);
                        sig[c] = sig[c] == '0' ? '1' : '0';
                        list[s] = ("signature", rng.Next(3) == 0 ? new string(sig)[..^2] : new string(sig));
                    };
                    break;
                case 8 when signed: // stale or future timestamp, correctly signed
                    pairs.RemoveAll(p => p.Name == "timestamp");
                    pairs.Add(("timestamp", (now + (rng.Next(2) == 0 ? -120_000 : 60_000)).ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    break;
                case 9: // a bad or missing API key
                    apiKey = rng.Next(3) switch { 0 => null, 1 => "k" + RandomName(rng), _ => "bad key!" };
                    if (!endpoint.Security.NeedsApiKey()) goto case 4;
                    break;
                case 10 when method != HttpMethod.Get: // bytes that are not UTF-8, or a body over the size limit
                    inBody = true;
                    contentType = "application/x-www-form-urlencoded";
                    rawBody = rng.Next(2) == 0 ? [(byte)'s', (byte)'=', 0xC3, 0x28, 0xFF, 0xFE] : Encoding.ASCII.GetBytes("symbol=" + new string('B', 20_000));
                    break;
                case 11: // type-specific combinations the rules forbid
                    if (endpoint.Key == "POST /api/v1/spot/order")
                    {
                        pairs.RemoveAll(p => p.Name is "type" or "price");
                        pairs.Add(("type", "LIMIT")); // LIMIT without price
                    }
                    else pairs.Add(("side", "SIDEWAYS"));
                    break;
                case 12: // an enum with a wrong case or value
                    // Any of the enums present (not always the first), so each one's own code (-1115, -1116, -1117, -1120) comes up.
                    var enums = Enumerable.Range(0, pairs.Count).Where(i => pairs[i].Name is "side" or "type" or "timeInForce" or "interval").ToList();
                    if (enums.Count > 0 && enums[rng.Next(enums.Count)] is var e) pairs[e] = (pairs[e].Name, pairs[e].Value.ToLowerInvariant() + "X");
                    else if (pairs.FindIndex(p => p.Name == "symbol") is var at2 and >= 0) pairs[at2] = ("symbol", "btc-usdt"); // well-formed, unknown
                    else goto default;
                    break;
                default:
                    pairs.Add((RandomName(rng), new string('x', rng.Next(1, 3000))));
                    break;
            }
        }
        if (!signed && method == HttpMethod.Get && rng.Next(5) == 0) method = HttpMethod.Put; // wrong method: 405
        return new FuzzRequest(method, endpoint.Path, inBody ? [] : pairs, inBody ? pairs : null, contentType, apiKey, sign, breakSignature, rawBody);
    }

    private static HttpRequestMessage ToMessage(FuzzRequest r)
    {
        var query = new List<(string, string)>(r.Query);
        var body = r.Body is null ? null : new List<(string, string)>(r.Body);
        if (r.Sign)
        {
            string payload = Join(query) + Join(body ?? []);
            var target = body ?? query;
            target.Add(("signature", JexClient.Sign(DemoAccounts.AliceSecret, payload)));
            r.BreakSignature?.Invoke(target);
        }
        var message = new HttpRequestMessage(r.Method, query.Count > 0 ? $"{r.Path}?{Join(query)}" : r.Path);
        if (r.RawBody is not null || body is not null)
        {
            message.Content = new ByteArrayContent(r.RawBody ?? Encoding.UTF8.GetBytes(Join(body!)));
            if (r.ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", r.ContentType);
        }
        if (r.ApiKey is not null) message.Headers.TryAddWithoutValidation("X-JEX-APIKEY", r.ApiKey);
        return message;
    }

    /// <summary>Values are sent as generated: the bad ones carry their own (often broken) escapes.</summary>
    private static string Join(IEnumerable<(string Name, string Value)> pairs) => string.Join('&', pairs.Select(p => $"{p.Name}={p.Value.Replace(" ", "%20", StringComparison.Ordinal)}"));

    private static string Describe(List<(string Name, string Value)>? pairs) => pairs is null ? "-" : Join(pairs.Select(p => (p.Name, p.Value.Length > 60 ? p.Value[..60] + "..." : p.Value)));

    private static List<(string Name, string Value)> Parse(string query) =>
        query.Length == 0 ? [] : query.Split('&').Select(p => p.Split('=', 2)).Select(kv => (kv[0], kv[1])).ToList();

    private static string RandomName(Random rng) =>
        new(Enumerable.Range(0, rng.Next(1, 12)).Select(_ => "abcdefghijklmnopqrstuvwxyzXYZ_"[rng.Next(30)]).ToArray());

    /// <summary>Every account's balances, every order of every symbol and the recent trades, as one string.</summary>
    private static string Snapshot(IStoreReader store)
    {
        var sb = new StringBuilder();
        string[] symbols = ["BTCUSDT", "ETHUSDT", "ETHBTC", "JEXBTC", "LTCBTC"];
        foreach (var account in store.Accounts().OrderBy(a => a.Id))
        {
            sb.Append(account).Append('\n');
            foreach (var b in store.Balances(account.Id).OrderBy(b => b.Asset)) sb.Append(b).Append('\n');
            foreach (var d in store.Deposits(account.Id, null, null, null, null)) sb.Append(d).Append('\n');
            foreach (var w in store.Withdrawals(account.Id, null, null, null)) sb.Append(w).Append('\n');
            foreach (var symbol in symbols)
                foreach (var o in store.HistoryOrders(account.Id, symbol, new OrderQuery(null, null, null, 500))) sb.Append(o).Append('\n');
        }
        foreach (var symbol in symbols)
            foreach (var t in store.RecentTrades(symbol, 1000)) sb.Append(t).Append('\n');
        return sb.ToString();
    }
}
