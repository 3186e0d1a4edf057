using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using JexSim.Server.Streams;
using JexSim.Server.Tests.Infrastructure;
using JexSim.Server.Tests.Simulation;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace JexSim.Server.Tests.Streams;

/// <summary>
/// Stream faults from POST /admin/v1/faults ("stream":"disconnect" / "depthGap") and a reset under open streams, seen
/// by real ClientWebSockets over loopback TCP. The virtual clock does not move, so only the test's own orders change books.
/// </summary>
public sealed class StreamFaultTests : IDisposable
{
    private const string Depth = "/ws/btcusdt@spotDepth";
    private const string CombinedDepth = "/stream?streams=btcusdt@spotDepth";
    private readonly JexSimFactory _venue;
    private readonly Uri _ws;
    private readonly Simulation.Admin _admin;
    private readonly JexClient _bob;
    private int _tick;

    public StreamFaultTests()
    {
        _venue = FastStreams.Venue();
        _venue.UseKestrel(0);
        _venue.StartServer();
        var address = _venue.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _ws = new Uri(address.Replace("http://", "ws://"));
        _admin = _venue.Admin();
        _bob = _venue.Bob();
    }

    public void Dispose() => _venue.Dispose();

    private Task<StreamSocket> ConnectAsync(string path) => StreamSocket.ConnectAsync(new Uri(_ws, path));

    /// <summary>A new resting bid far below the touch (a new price each time): one book change. Returns REST depth's lastUpdateId after it.</summary>
    private async Task<long> ChangeBookAsync()
    {
        decimal price = 20000 - 5 * ++_tick;
        var placed = await _bob.Signed(HttpMethod.Post, "/api/v1/spot/order",
            FormattableString.Invariant($"symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.001&price={price}"));
        Assert.Equal(HttpStatusCode.OK, placed.Status);
        return await VersionAsync();
    }

    private async Task<long> VersionAsync() =>
        (await _bob.Public(HttpMethod.Get, "/api/v1/spot/depth", "symbol=BTCUSDT&limit=60")).Json.GetProperty("lastUpdateId").GetInt64();

    private static long L(JsonElement e, string name) => e.GetProperty(name).GetInt64();

    private static JsonElement Data(JsonElement combined) => combined.GetProperty("data");

    /// <summary>The next diff event that reaches <paramref name="version"/> (earlier ones are skipped).</summary>
    private static Task<JsonElement> DiffReachingAsync(StreamSocket ws, long version, bool combined = false) =>
        ws.NextAsync(m => L(combined ? Data(m) : m, "v") >= version);

    [Fact]
    public async Task A_disconnect_rule_on_ws_routes_aborts_an_open_raw_stream_at_its_next_message_and_spares_other_routes()
    {
        await using var raw = await ConnectAsync(Depth);
        await using var combined = await ConnectAsync(CombinedDepth);
        long v1 = await ChangeBookAsync();
        Assert.Equal(v1, L(await DiffReachingAsync(raw, v1), "v")); // the connection works before the rule

        await _admin.Ok(HttpMethod.Post, "/faults", new { route = "/ws/*", stream = "disconnect" });
        long v2 = await ChangeBookAsync();

        // No close frame: the client sees the connection end mid-stream, as when a network path drops.
        var ended = await Assert.ThrowsAsync<WebSocketException>(() => raw.ReceiveTextAsync(StreamSocket.DefaultTimeout));
        Assert.Equal(WebSocketError.ConnectionClosedPrematurely, ended.WebSocketErrorCode);
        Assert.Equal(WebSocketState.Aborted, raw.Socket.State);
        // The combined stream's path does not match /ws/*: it keeps receiving.
        Assert.Equal(v2, L(Data(await DiffReachingAsync(combined, v2, combined: true)), "v"));
        Assert.Equal(WebSocketState.Open, combined.Socket.State);
    }

    [Fact]
    public async Task A_depthGap_rule_leaves_one_diff_event_out_so_the_versions_jump_and_later_events_follow_on()
    {
        await using var raw = await ConnectAsync(Depth);
        await using var combined = await ConnectAsync(CombinedDepth);
        long v1 = await ChangeBookAsync();
        var before = await DiffReachingAsync(raw, v1);
        Assert.Equal(v1, L(before, "v"));

        await _admin.Ok(HttpMethod.Post, "/faults", new { route = "/ws/btcusdt@*", stream = "depthGap", times = 1 });
        long v2 = await ChangeBookAsync();
        // The combined connection gets the same publication the raw one was denied: once it has it, the rule has been applied.
        var seen = Data(await DiffReachingAsync(combined, v2, combined: true));
        Assert.Equal(v1 + 1, L(seen, "U")); // no gap where the rule does not match
        Assert.Empty((await _admin.Ok(HttpMethod.Get, "/faults")).Json.EnumerateArray()); // times=1: used up

        long v3 = await ChangeBookAsync();
        var after = await raw.NextAsync(_ => true);
        Assert.Equal(v3, L(after, "v"));
        Assert.NotEqual(L(before, "v") + 1, L(after, "U")); // the gap a client must resync on
        Assert.Equal(L(seen, "v") + 1, L(after, "U"));      // exactly the left-out event's versions are missing

        long v4 = await ChangeBookAsync();
        var next = await raw.NextAsync(_ => true);
        Assert.Equal(L(after, "v") + 1, L(next, "U")); // later events follow on again
        Assert.Equal(v4, L(next, "v"));
    }

    [Fact]
    public async Task After_a_reset_the_diff_stream_continues_from_the_new_books_and_rebuilds_REST_depth()
    {
        await using var raw = await ConnectAsync(Depth);
        var started = await _bob.Public(HttpMethod.Post, "/api/v1/userDataStream", withKey: true);
        string listenKey = started.Json.GetProperty("listenKey").GetString()!;
        await using var user = await ConnectAsync("/ws/" + listenKey);
        long old = 0;
        for (int i = 0; i < 5; i++) old = await ChangeBookAsync();
        await DiffReachingAsync(raw, old); // everything of the old venue has been published

        await _admin.Ok(HttpMethod.Post, "/reset");
        // Every listenKey is closed by a reset: user data sockets end with a close frame, and the key is gone.
        Assert.Equal(WebSocketCloseStatus.NormalClosure, await user.WaitClosedAsync());
        Assert.Equal(-1125, (await _bob.Public(HttpMethod.Put, "/api/v1/userDataStream", "listenKey=" + listenKey, withKey: true)).Code);
        var snapshot = (await _bob.Public(HttpMethod.Get, "/api/v1/spot/depth", "symbol=BTCUSDT&limit=60")).Json;
        long fresh = L(snapshot, "lastUpdateId");
        Assert.True(fresh < old, $"the reset venue's book starts over ({fresh} < {old})");

        var bids = snapshot.GetProperty("bids").EnumerateArray().ToDictionary(l => l[0].GetString()!, l => l[1].GetString()!);
        var asks = snapshot.GetProperty("asks").EnumerateArray().ToDictionary(l => l[0].GetString()!, l => l[1].GetString()!);
        long version = fresh;
        long target = 0;
        for (int i = 0; i < 3; i++) target = await ChangeBookAsync();
        while (version < target)
        {
            var e = await raw.NextAsync(_ => true);
            Assert.Equal(version + 1, L(e, "U")); // each event follows the fresh snapshot on, with no gap and no stale ids
            Apply(bids, e.GetProperty("b"));
            Apply(asks, e.GetProperty("a"));
            version = L(e, "v");
        }
        Assert.Equal(target, version);

        var rest = (await _bob.Public(HttpMethod.Get, "/api/v1/spot/depth", "symbol=BTCUSDT&limit=60")).Json;
        Assert.Equal(Rows(rest.GetProperty("bids")), Sorted(bids, descending: true));
        Assert.Equal(Rows(rest.GetProperty("asks")), Sorted(asks, descending: false));
    }

    private static void Apply(Dictionary<string, string> side, JsonElement changes)
    {
        foreach (var l in changes.EnumerateArray())
        {
            if (decimal.Parse(l[1].GetString()!, CultureInfo.InvariantCulture) == 0) side.Remove(l[0].GetString()!);
            else side[l[0].GetString()!] = l[1].GetString()!;
        }
    }

    private static List<(string, string)> Rows(JsonElement levels) =>
        levels.EnumerateArray().Select(l => (l[0].GetString()!, l[1].GetString()!)).ToList();

    private static List<(string, string)> Sorted(Dictionary<string, string> side, bool descending)
    {
        var rows = side.Select(kv => (kv.Key, kv.Value)).OrderBy(r => decimal.Parse(r.Key, CultureInfo.InvariantCulture)).ToList();
        if (descending) rows.Reverse();
        return rows.Take(StreamHub.DiffDepthLevels).ToList();
    }
}
