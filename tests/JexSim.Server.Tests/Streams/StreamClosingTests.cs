using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using JexSim.Server.Streams;
using JexSim.Server.Tests.Infrastructure;
using JexSim.Server.Tests.Simulation;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace JexSim.Server.Tests.Streams;

/// <summary>When the server closes sockets by itself: a disabled account's user streams, and every socket on shutdown.</summary>
public sealed class StreamClosingTests
{
    private static async Task<string> ListenKeyAsync(JexClient client) =>
        (await client.Public(HttpMethod.Post, "/api/v1/userDataStream", withKey: true)).Json.GetProperty("listenKey").GetString()!;

    [Fact]
    public async Task Disabling_an_account_closes_its_user_streams_and_only_those()
    {
        using var venue = FastStreams.Venue();
        var alice = venue.Alice();
        var bob = venue.Bob();
        string aliceKey = await ListenKeyAsync(alice);
        string bobKey = await ListenKeyAsync(bob);
        await using var aliceUser = await StreamSocket.ConnectAsync(venue, "/ws/" + aliceKey);
        await using var aliceCombined = await StreamSocket.ConnectAsync(venue, "/stream?streams=btcusdt@spotDepth5/" + aliceKey);
        await using var bobUser = await StreamSocket.ConnectAsync(venue, "/ws/" + bobKey);
        await using var market = await StreamSocket.ConnectAsync(venue, "/ws/btcusdt@spotDepth5");

        await venue.Admin().Ok(HttpMethod.Post, "/accounts/1/disable");

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await aliceUser.WaitClosedAsync());
        Assert.Equal("Account disabled", aliceUser.Socket.CloseStatusDescription);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await aliceCombined.WaitClosedAsync());
        Assert.Equal("Account disabled", aliceCombined.Socket.CloseStatusDescription);
        // The key is gone: connecting with it again is refused.
        Assert.Equal(-1125, (await alice.Public(HttpMethod.Get, "/ws/" + aliceKey)).Code);

        // Bob's user stream and the market stream carry on.
        await bob.Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=LTCBTC&side=SELL&type=LIMIT&quantity=1&price=1");
        var report = await bobUser.NextAsync(e => e.GetProperty("e").GetString() == "execSpotReport");
        Assert.Equal("NEW", report.GetProperty("X").GetString());
        Assert.True((await market.ReceiveAsync()).HasValue);

        // Enabled again, the account starts a new stream as usual.
        await venue.Admin().Ok(HttpMethod.Post, "/accounts/1/enable");
        string fresh = await ListenKeyAsync(alice);
        Assert.NotEqual(aliceKey, fresh);
        await using var again = await StreamSocket.ConnectAsync(venue, "/ws/" + fresh);
        await alice.Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=LTCBTC&side=SELL&type=LIMIT&quantity=1&price=1");
        Assert.Equal("NEW", (await again.NextAsync(e => e.GetProperty("e").GetString() == "execSpotReport")).GetProperty("X").GetString());
    }

    [Fact]
    public async Task Stopping_the_server_closes_every_socket_with_1001_and_does_not_wait_for_clients()
    {
        var venue = FastStreams.Venue();
        venue.UseKestrel(0);
        venue.StartServer();
        var address = venue.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var ws = new Uri(address.Replace("http://", "ws://"));
        string listenKey = await ListenKeyAsync(venue.Alice());
        var hub = venue.Services.GetRequiredService<StreamHub>();

        await using var market = await StreamSocket.ConnectAsync(new Uri(ws, "/ws/btcusdt@spotTrade"));
        await using var user = await StreamSocket.ConnectAsync(new Uri(ws, "/stream?streams=btcusdt@spotDepth/" + listenKey));
        // A client that never reads: it never answers the close frame.
        await using var deaf = await StreamSocket.ConnectAsync(new Uri(ws, "/ws/btcusdt@spotDepth5"));
        while (hub.ConnectionCount < 3) await Task.Delay(10);

        var marketClosed = market.WaitClosedAsync();
        var userClosed = user.WaitClosedAsync();
        var watch = Stopwatch.StartNew();
        await Task.Run(venue.DisposeAsync().AsTask).WaitAsync(TimeSpan.FromSeconds(10));
        // Bounded, not a speed claim: with the default 30 s host shutdown timeout, a socket left open would hold it far longer.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"the server took {watch.Elapsed} to stop");

        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await marketClosed);
        Assert.Equal(StreamPublishing.ShutdownReason, market.Socket.CloseStatusDescription);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, await userClosed);
        Assert.Equal(StreamPublishing.ShutdownReason, user.Socket.CloseStatusDescription);
        Assert.Equal(0, hub.ConnectionCount);
    }
}
