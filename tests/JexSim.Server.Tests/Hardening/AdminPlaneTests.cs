using System.Net;
using System.Text;
using JexSim.Server.Admin;
using JexSim.Server.Tests.Infrastructure;
using JexSim.Server.Tests.Simulation;

namespace JexSim.Server.Tests.Hardening;

/// <summary>A bounded, local-only admin plane: every input validated, bodies capped, browsers kept out without a token.</summary>
public sealed class AdminPlaneTests
{
    [Fact]
    public async Task Clock_calls_are_bounded_in_time_and_in_how_much_simulated_time_they_run()
    {
        using var venue = new JexSimFactory();
        var admin = venue.Admin();
        var year9999 = await admin.Post("/clock", new { time = 253402300800000 });
        Assert.Equal((HttpStatusCode.BadRequest, "time"), (year9999.Status, year9999.Field()));
        Assert.Contains("2100-01-01", year9999.Msg);
        var twoDays = await admin.Post("/clock", new { time = JexSimFactory.StartTime + 2 * 86_400_000L });
        Assert.Equal("time", twoDays.Field());
        Assert.Contains("one day", twoDays.Msg);
        Assert.Equal("ms", (await admin.Post("/clock/advance", new { ms = 86_400_001L })).Field());
        Assert.Equal(JexSimFactory.StartTime, await admin.Now()); // nothing moved
        await admin.Ok(HttpMethod.Post, "/clock/advance", new { ms = 86_400_000L });
        Assert.Equal(HttpStatusCode.OK, (await venue.Alice().Public(HttpMethod.Get, "/api/v1/time")).Status);
        await Ledger.AssertHolds(venue);
    }

    [Theory]
    [InlineData("/faults", "{\"route\":\"*\",\"latencyMS\":200}", "latencyMS")]
    [InlineData("/faults", "{\"route\":\"*\",\"latency\":{\"distribution\":\"fixed\",\"msec\":5}}", "latency.msec")]
    [InlineData("/reset", "{\"fixtur\":\"quiet.json\"}", "fixtur")]
    [InlineData("/clock", "{\"time\":1767225600000,\"sped\":2}", "sped")]
    [InlineData("/accounts/1/balances", "{\"asset\":\"USDT\",\"amount\":\"1\",\"note\":\"x\"}", "note")]
    [InlineData("/accounts", "{\"balances\":{\"USDT\":\"1\"},\"permission\":[\"read\"]}", "permission")]
    public async Task Unknown_fields_are_refused_not_ignored(string path, string body, string field)
    {
        using var venue = new JexSimFactory();
        var r = await venue.Admin().Post(path, body);
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal(field, r.Field());
        Assert.Empty((await venue.Admin().Ok(HttpMethod.Get, "/faults")).Json.EnumerateArray());
    }

    [Fact]
    public async Task Bodies_over_64_KiB_get_413_and_non_JSON_bodies_415()
    {
        using var venue = new JexSimFactory();
        var admin = venue.Admin();
        var huge = await admin.Post("/faults", "{\"route\":\"" + new string('a', 70_000) + "\"}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.Status);
        Assert.Equal(-1100, huge.Code);
        var form = new HttpRequestMessage(HttpMethod.Post, "/admin/v1/reset") { Content = new StringContent("fixture=x", Encoding.UTF8, "application/x-www-form-urlencoded") };
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await admin.Http.SendAsync(form)).StatusCode);
        var text = new HttpRequestMessage(HttpMethod.Post, "/admin/v1/accounts/1/disable") { Content = new StringContent("{}", Encoding.UTF8, "text/plain") };
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await admin.Http.SendAsync(text)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await venue.Bob().Signed(HttpMethod.Get, "/api/v1/account")).Status); // not disabled
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/etc/passwd")]
    [InlineData("../../../../../../../etc/hostname")]
    [InlineData("/proc/self/environ")]
    public async Task Reset_reads_fixtures_only_from_the_fixture_folders(string fixture)
    {
        using var venue = new JexSimFactory();
        var r = await venue.Admin().Post("/reset", new { fixture });
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Equal("fixture", r.Field());
        Assert.Contains("outside the fixture folders", r.Msg);
    }

    [Fact]
    public async Task A_fifo_or_empty_file_in_the_fixture_folder_is_refused_without_being_opened()
    {
        var folder = Directory.CreateTempSubdirectory("jexsim-fixtures");
        try
        {
            string fifo = Path.Combine(folder.FullName, "pipe.json");
            using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", fifo)) mkfifo.WaitForExit();
            File.WriteAllText(Path.Combine(folder.FullName, "empty.json"), "");
            using var venue = new JexSimFactory(settings: new() { ["JexSim:FixtureFolders:0"] = folder.FullName });
            foreach (var name in new[] { fifo, Path.Combine(folder.FullName, "empty.json") })
            {
                var r = await venue.Admin().Post("/reset", new { fixture = name });
                Assert.Equal("fixture", r.Field());
                Assert.Contains("empty or not a regular file", r.Msg);
            }
        }
        finally { folder.Delete(recursive: true); }
    }

    [Fact]
    public async Task Snapshots_are_capped()
    {
        using var venue = new JexSimFactory(settings: new() { ["JexSim:MaxSnapshots"] = "2" });
        var admin = venue.Admin();
        await admin.Ok(HttpMethod.Post, "/snapshots", new { name = "a" });
        await admin.Ok(HttpMethod.Post, "/snapshots", new { name = "b" });
        await admin.Ok(HttpMethod.Post, "/snapshots", new { name = "a" }); // replacing one is fine
        var third = await admin.Post("/snapshots", new { name = "c" });
        Assert.Equal(HttpStatusCode.Conflict, third.Status);
        Assert.Contains("at most 2 snapshots", third.Msg);
        await admin.Ok(HttpMethod.Delete, "/snapshots/a");
        await admin.Ok(HttpMethod.Post, "/snapshots", new { name = "c" });
    }

    [Theory]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Origin", "http://localhost:9999")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    public async Task Without_a_token_a_cross_site_admin_request_is_refused(string header, string value)
    {
        using var venue = new JexSimFactory();
        var http = venue.Admin().Http;
        var request = new HttpRequestMessage(HttpMethod.Post, "/admin/v1/accounts/2/disable");
        request.Headers.TryAddWithoutValidation(header, value);
        var r = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        Assert.Contains("-1002", await r.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await venue.Bob().Signed(HttpMethod.Get, "/api/v1/account")).Status); // still enabled

        var sameOrigin = new HttpRequestMessage(HttpMethod.Get, "/admin/v1/clock");
        sameOrigin.Headers.TryAddWithoutValidation("Origin", "http://localhost");
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(sameOrigin)).StatusCode);
    }

    [Fact]
    public async Task Without_a_token_unknown_hosts_are_refused_unless_listed()
    {
        using var venue = new JexSimFactory(settings: new() { ["JexSim:AdminHosts:0"] = "jexsim" });
        var http = venue.Admin().Http;
        foreach (var (host, expected) in new[] { ("rebound.example", HttpStatusCode.Forbidden), ("jexsim", HttpStatusCode.OK), ("127.0.0.1", HttpStatusCode.OK), ("[::1]:8080", HttpStatusCode.OK) })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/admin/v1/clock");
            request.Headers.Host = host;
            Assert.Equal(expected, (await http.SendAsync(request)).StatusCode);
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", null, "")]
    [InlineData("http://localhost:8080", null, "")]
    [InlineData("http://[::1]:8080", null, "")]
    [InlineData("http://0.0.0.0:8080", null, "http://0.0.0.0:8080")]
    [InlineData("http://[::]:8080", null, "http://[::]:8080")]
    [InlineData("http://+:8080", null, "http://+:8080")]
    [InlineData("http://0.0.0.0:8080", "token", "")]
    public void Listening_beyond_loopback_without_a_token_is_warned_about(string address, string? token, string warned) =>
        Assert.Equal(warned, string.Join(",", AdminGuard.ExposedWithoutToken([address], token)));

    [Fact]
    public async Task With_a_token_the_token_decides_and_the_journal_shows_the_expected_signature_only_then()
    {
        string[] expected = new string[2];
        for (int withToken = 0; withToken < 2; withToken++)
        {
            var settings = withToken == 1 ? new Dictionary<string, string?> { ["JexSim:AdminToken"] = "t0ken" } : null;
            using var venue = new JexSimFactory(settings: settings);
            var admin = venue.Admin();
            if (withToken == 1) admin.Http.DefaultRequestHeaders.Add("X-JEXSIM-ADMIN-TOKEN", "t0ken");
            var bad = new JexClient(venue.CreateClient(), DemoAccounts.AliceKey, "not-the-secret", () => venue.Clock.NowMs);
            Assert.Equal(-1022, (await bad.Signed(HttpMethod.Get, "/api/v1/account", "", inBody: false)).Code);
            var reason = (await admin.Ok(HttpMethod.Get, "/journal?verdict=rejected")).Json.GetProperty("entries")[0].GetProperty("reason").GetString()!;
            expected[withToken] = reason;
        }
        Assert.Contains("shown here only when JexSim:AdminToken is set", expected[0]);
        Assert.DoesNotContain("shown here only", expected[1]);
        Assert.Matches("that gives [0-9a-f]{64}", expected[1]);
    }
}
