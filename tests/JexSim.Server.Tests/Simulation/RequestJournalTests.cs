using System.Net;
using System.Net.Http.Headers;
using System.Text;
using JexSim.Server.Tests.Infrastructure;

namespace JexSim.Server.Tests.Simulation;

/// <summary>The journal tells a client author why a request was rejected, without server logs.</summary>
public sealed class RequestJournalTests
{
    [Fact]
    public async Task A_wrong_signature_is_explained_with_the_exact_string_the_server_signed()
    {
        // The expected signature is shown only behind the admin token (AdminPlaneTests covers the token-less case).
        using var venue = new JexSimFactory(settings: new() { ["JexSim:AdminToken"] = "journal-token" });
        var alice = venue.Alice();
        string payload = $"symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.01&price=29000&timestamp={venue.Clock.NowMs}";
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/spot/order?recvWindow=6000")
        {
            Content = new StringContent(payload + "&signature=" + JexClient.Sign("not-the-secret", payload), Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-JEX-APIKEY", DemoAccounts.AliceKey);
        var r = await alice.Send(request);
        Assert.Equal(-1022, r.Code);

        var admin = venue.Admin();
        admin.Http.DefaultRequestHeaders.Add("X-JEXSIM-ADMIN-TOKEN", "journal-token");
        var journal = (await admin.Ok(HttpMethod.Get, $"/journal?apiKey={DemoAccounts.AliceKey}&verdict=rejected")).Json;
        Assert.Equal(1, journal.GetProperty("count").GetInt32());
        var entry = journal.GetProperty("entries")[0];
        Assert.Equal("POST", entry.GetProperty("method").GetString());
        Assert.Equal("/api/v1/spot/order", entry.GetProperty("path").GetString());
        Assert.Equal(-1022, entry.GetProperty("code").GetInt32());
        // What the server signed: the query string followed by the body, without the signature.
        Assert.Equal("recvWindow=6000" + payload, entry.GetProperty("signedPayload").GetString());
        var reason = entry.GetProperty("reason").GetString()!;
        Assert.Contains("signed with the secret key of API key " + DemoAccounts.AliceKey, reason);
        Assert.Contains(JexClient.Sign(DemoAccounts.AliceSecret, "recvWindow=6000" + payload), reason);
        Assert.Equal("29000", entry.GetProperty("parameters").GetProperty("price").GetString());
        Assert.DoesNotContain(DemoAccounts.AliceSecret, journal.GetRawText());
    }

    [Fact]
    public async Task A_stale_timestamp_is_explained_with_the_server_time_and_the_window()
    {
        using var venue = new JexSimFactory();
        long now = venue.Clock.NowMs;
        var r = await venue.Alice().Signed(HttpMethod.Get, "/api/v1/spot/openOrders", $"symbol=BTCUSDT&timestamp={now - 7_000}");
        Assert.Equal(-1021, r.Code);

        var entry = (await venue.Admin().Ok(HttpMethod.Get, "/journal?verdict=rejected")).Json.GetProperty("entries")[0];
        Assert.Equal(-1021, entry.GetProperty("code").GetInt32());
        var reason = entry.GetProperty("reason").GetString()!;
        Assert.Contains($"server time {now}", reason);
        Assert.Contains("7000 ms", reason);
        Assert.Contains("recvWindow 5000", reason);
        Assert.Equal(now, entry.GetProperty("time").GetInt64());
    }

    [Fact]
    public async Task The_journal_filters_by_key_path_and_verdict_newest_first_and_counts()
    {
        using var venue = new JexSimFactory();
        var alice = venue.Alice();
        var bob = venue.Bob();
        await alice.Public(HttpMethod.Get, "/api/v1/spot/depth", "symbol=BTCUSDT");
        await bob.Signed(HttpMethod.Get, "/api/v1/spot/openOrders", "symbol=BTCUSDT");
        await alice.Public(HttpMethod.Get, "/api/v1/spot/depth", "symbol=NOPE");
        await alice.Signed(HttpMethod.Get, "/api/v1/spot/openOrders", "symbol=ETHUSDT");
        var admin = venue.Admin();

        var all = (await admin.Ok(HttpMethod.Get, "/journal")).Json;
        Assert.Equal(4, all.GetProperty("count").GetInt32());
        Assert.Equal("ETHUSDT", all.GetProperty("entries")[0].GetProperty("parameters").GetProperty("symbol").GetString()); // newest first
        var depth = (await admin.Ok(HttpMethod.Get, "/journal?path=/api/v1/spot/dep*")).Json;
        Assert.Equal(2, depth.GetProperty("count").GetInt32());
        Assert.Equal(-1121, depth.GetProperty("entries")[0].GetProperty("code").GetInt32()); // newest first: the bad symbol
        var bobs = (await admin.Ok(HttpMethod.Get, $"/journal?apiKey={DemoAccounts.BobKey}")).Json;
        Assert.Equal(2L, bobs.GetProperty("entries")[0].GetProperty("accountId").GetInt64());
        Assert.Equal(1, bobs.GetProperty("count").GetInt32());
        var accepted = (await admin.Ok(HttpMethod.Get, "/journal?verdict=accepted&limit=1")).Json;
        Assert.Equal(3, accepted.GetProperty("count").GetInt32());
        Assert.Single(accepted.GetProperty("entries").EnumerateArray());

        Assert.Equal("verdict", (await admin.Get("/journal?verdict=maybe")).Field());
        Assert.Equal("limit", (await admin.Get("/journal?limit=0")).Field());
    }

    [Fact]
    public async Task The_journal_keeps_the_last_N_requests_and_records_injected_faults()
    {
        using var venue = new JexSimFactory(settings: new() { ["JexSim:JournalSize"] = "3" });
        var alice = venue.Alice();
        for (int i = 0; i < 5; i++) await alice.Public(HttpMethod.Get, "/api/v1/spot/depth", "symbol=BTCUSDT");
        var admin = venue.Admin();
        Assert.Equal(3, (await admin.Ok(HttpMethod.Get, "/journal")).Json.GetProperty("count").GetInt32());

        await admin.Ok(HttpMethod.Post, "/faults", new { route = "/api/v1/spot/depth", status = 503, code = -1001 });
        await alice.Public(HttpMethod.Get, "/api/v1/spot/depth", "symbol=BTCUSDT");
        var entry = (await admin.Ok(HttpMethod.Get, "/journal?verdict=rejected")).Json.GetProperty("entries")[0];
        Assert.Equal(503, entry.GetProperty("status").GetInt32());
        Assert.Contains("Injected fault", entry.GetProperty("reason").GetString());
    }
}
