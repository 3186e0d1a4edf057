using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using JexSim.Server.Tests.Hardening;
using JexSim.Server.Tests.Infrastructure;

namespace JexSim.Server.Tests.Streams;

public sealed class UserDataStreamTests : IDisposable
{
    private const string Path = "/api/v1/userDataStream";
    private readonly JexSimFactory _venue = FastStreams.Venue();

    public void Dispose() => _venue.Dispose();

    private static string S(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    private static async Task<string> StartAsync(JexClient client)
    {
        var r = await client.Public(HttpMethod.Post, Path, withKey: true);
        Assert.Equal(HttpStatusCode.OK, r.Status);
        return S(r.Json, "listenKey");
    }

    /// <summary>The account event's balances must equal REST /api/v1/account's spot balances, asset for asset.</summary>
    private static async Task AssertBalancesMatchRestAsync(JexClient client, JsonElement accountEvent)
    {
        var rest = (await client.Signed(HttpMethod.Get, "/api/v1/account")).Json.GetProperty("spotBalances");
        var expected = rest.EnumerateArray().Select(b => (S(b, "asset"), S(b, "free"), S(b, "locked"))).OrderBy(b => b.Item1).ToList();
        var actual = accountEvent.GetProperty("B").EnumerateArray().Select(b => (S(b, "a"), S(b, "f"), S(b, "l"))).OrderBy(b => b.Item1).ToList();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Fills_partial_fills_and_cancels_arrive_with_balances_matching_the_account_endpoint()
    {
        var alice = _venue.Alice();
        var bob = _venue.Bob();
        string key = await StartAsync(alice);
        await using var ws = await StreamSocket.ConnectAsync(_venue, "/ws/" + key);

        // 1 BTC at 30005: takes bob's 0.5 at 30000, the rest rests -> PARTIALLY_FILLED.
        var placed = await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=30005");
        long orderId = placed.Json.GetProperty("orderId").GetInt64();
        var report = await ws.NextAsync(e => S(e, "e") == "execSpotReport");
        Assert.Equal(JexSimFactory.StartTime, report.GetProperty("E").GetInt64());
        Assert.Equal("BTCUSDT", S(report, "s"));
        Assert.Equal("BUY", S(report, "S"));
        Assert.Equal("1.00000000", S(report, "q"));
        Assert.Equal("30005.00000000", S(report, "p"));
        Assert.Equal("PARTIALLY_FILLED", S(report, "X"));
        Assert.Equal(orderId, report.GetProperty("i").GetInt64());
        Assert.Equal("0.50000000", S(report, "z"));
        Assert.Equal("15000.00000000", S(report, "Z"));
        Assert.Equal(JexSimFactory.StartTime, report.GetProperty("O").GetInt64());
        var account = await ws.NextAsync(e => S(e, "e") == "accountSpotInfo");
        Assert.Equal(JexSimFactory.StartTime, account.GetProperty("E").GetInt64());
        Assert.True(account.GetProperty("B").EnumerateArray().All(b => b.GetProperty("T").GetBoolean()));
        await AssertBalancesMatchRestAsync(alice, account);

        // Bob sells into the rest -> FILLED (alice is the maker now).
        _venue.Clock.Advance(TimeSpan.FromSeconds(1));
        await bob.Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=BTCUSDT&side=SELL&type=LIMIT&quantity=0.5&price=30005");
        var filled = await ws.NextAsync(e => S(e, "e") == "execSpotReport");
        Assert.Equal("FILLED", S(filled, "X"));
        Assert.Equal("1.00000000", S(filled, "z"));
        Assert.Equal(JexSimFactory.StartTime + 1000, filled.GetProperty("E").GetInt64());
        await AssertBalancesMatchRestAsync(alice, await ws.NextAsync(e => S(e, "e") == "accountSpotInfo"));

        // A resting order, then its cancel.
        var resting = await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=ETHBTC&side=SELL&type=LIMIT&quantity=1&price=0.5");
        long restingId = resting.Json.GetProperty("orderId").GetInt64();
        var created = await ws.NextAsync(e => S(e, "e") == "execSpotReport");
        Assert.Equal(("NEW", restingId, "ETHBTC"), (S(created, "X"), created.GetProperty("i").GetInt64(), S(created, "s")));
        var locked = await ws.NextAsync(e => S(e, "e") == "accountSpotInfo");
        Assert.Equal("1.00000000", locked.GetProperty("B").EnumerateArray().Single(b => S(b, "a") == "ETH").GetProperty("l").GetString());
        await AssertBalancesMatchRestAsync(alice, locked);

        await alice.Signed(HttpMethod.Delete, "/api/v1/spot/order", $"symbol=ETHBTC&orderId={restingId}");
        var canceled = await ws.NextAsync(e => S(e, "e") == "execSpotReport");
        Assert.Equal(("CANCELED", restingId), (S(canceled, "X"), canceled.GetProperty("i").GetInt64()));
        var unlocked = await ws.NextAsync(e => S(e, "e") == "accountSpotInfo");
        Assert.Equal("0.00000000", unlocked.GetProperty("B").EnumerateArray().Single(b => S(b, "a") == "ETH").GetProperty("l").GetString());
        await AssertBalancesMatchRestAsync(alice, unlocked);
    }

    [Fact]
    public async Task Another_accounts_orders_do_not_reach_the_stream()
    {
        var alice = _venue.Alice();
        string key = await StartAsync(alice);
        await using var ws = await StreamSocket.ConnectAsync(_venue, "/ws/" + key);
        await _venue.Bob().Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=ETHBTC&side=SELL&type=LIMIT&quantity=1&price=0.5");
        await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=LTCBTC&side=SELL&type=LIMIT&quantity=1&price=1");
        var first = await ws.NextAsync(e => S(e, "e") == "execSpotReport");
        Assert.Equal("LTCBTC", S(first, "s")); // bob's ETHBTC order, placed first, never showed up
    }

    [Fact]
    public async Task The_listenKey_lifecycle_follows_the_spec_and_answers_minus_1125_for_unknown_keys()
    {
        var alice = _venue.Alice();
        string key = await StartAsync(alice);
        Assert.Equal(64, key.Length);
        Assert.Equal(key, await StartAsync(alice)); // one live key per account, as Binance

        var put = await alice.Public(HttpMethod.Put, Path, "listenKey=" + key, withKey: true);
        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal("{}", put.Body);

        var unknown = await alice.Public(HttpMethod.Put, Path, "listenKey=nosuchkey", withKey: true);
        Assert.Equal(-1125, unknown.Code);
        var someoneElses = await _venue.Bob().Public(HttpMethod.Delete, Path, "listenKey=" + key, withKey: true);
        Assert.Equal(-1125, someoneElses.Code);
        var missing = await alice.Public(HttpMethod.Put, Path, withKey: true);
        Assert.Equal(-1102, missing.Code);
        var noApiKey = await alice.Public(HttpMethod.Post, Path);
        Assert.Equal(-2014, noApiKey.Code);

        await using var ws = await StreamSocket.ConnectAsync(_venue, "/ws/" + key);
        var deleted = await alice.Public(HttpMethod.Delete, Path, "listenKey=" + key, withKey: true);
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.NotNull(await ws.WaitClosedAsync());
        Assert.Equal(-1125, (await alice.Public(HttpMethod.Put, Path, "listenKey=" + key, withKey: true)).Code);
        Assert.Equal(-1125, (await alice.Public(HttpMethod.Get, "/ws/" + key)).Code);
        Assert.NotEqual(key, await StartAsync(alice));
    }

    [Fact]
    public async Task An_order_placed_as_soon_as_the_handshake_returns_always_gets_its_report()
    {
        // The server subscribes the socket before it answers the upgrade: no gap in which a committed event is lost.
        var alice = _venue.Alice();
        string key = await StartAsync(alice);
        for (int i = 0; i < 50; i++)
        {
            string path = i % 2 == 0 ? "/ws/" + key : "/stream?streams=" + key;
            await using var ws = await StreamSocket.ConnectAsync(_venue, path);
            var placed = await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=ETHBTC&side=SELL&type=LIMIT&quantity=0.01&price=0.5");
            long orderId = placed.Json.GetProperty("orderId").GetInt64();
            var report = await ws.NextAsync(e => (i % 2 == 0 ? e : e.GetProperty("data")) is var d
                && S(d, "e") == "execSpotReport" && d.GetProperty("i").GetInt64() == orderId, TimeSpan.FromSeconds(5));
            Assert.Equal("NEW", S(i % 2 == 0 ? report : report.GetProperty("data"), "X"));
            await alice.Signed(HttpMethod.Delete, "/api/v1/spot/order", $"symbol=ETHBTC&orderId={orderId}");
        }
        await Ledger.AssertHolds(_venue);
    }

    [Fact]
    public async Task An_expired_listenKey_closes_its_socket_and_PUT_extends_it()
    {
        var alice = _venue.Alice();
        string key = await StartAsync(alice);
        await using var ws = await StreamSocket.ConnectAsync(_venue, "/stream?streams=btcusdt@spotTrade/" + key);

        _venue.Clock.Advance(TimeSpan.FromMinutes(50));
        Assert.Equal(HttpStatusCode.OK, (await alice.Public(HttpMethod.Put, Path, "listenKey=" + key, withKey: true)).Status);
        _venue.Clock.Advance(TimeSpan.FromMinutes(50)); // 100 minutes after start, 50 after the keepalive: still live

        // Still open: user events keep arriving (combined connections wrap them too).
        await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=LTCBTC&side=SELL&type=LIMIT&quantity=1&price=1");
        var wrapped = await ws.NextAsync(e => e.GetProperty("stream").GetString() == key && S(e.GetProperty("data"), "e") == "execSpotReport");
        Assert.Equal("NEW", S(wrapped.GetProperty("data"), "X"));

        _venue.Clock.Advance(TimeSpan.FromMinutes(11)); // 61 minutes after the keepalive
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await ws.WaitClosedAsync());
        Assert.Equal("listenKey expired or closed", ws.Socket.CloseStatusDescription);
        Assert.Equal(-1125, (await alice.Public(HttpMethod.Put, Path, "listenKey=" + key, withKey: true)).Code);
    }

    [Fact]
    public async Task Connections_close_when_they_reach_24_hours_on_the_venue_clock()
    {
        await using var ws = await StreamSocket.ConnectAsync(_venue, "/ws/btcusdt@spotDepth5");
        await ws.NextAsync(_ => true);
        _venue.Clock.Advance(TimeSpan.FromHours(23));
        await ws.NextAsync(_ => true); // still streaming
        _venue.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await ws.WaitClosedAsync());
    }
}
