using System.Net;
using System.Text.Json;
using JexSim.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JexSim.Dashboard.Tests;

/// <summary>The dashboard in headless chromium against a real server on the quiet fixture.</summary>
[Collection(BrowserCollection.Name)]
public class DashboardTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_order_placed_through_the_API_appears_in_the_book_and_the_journal_with_a_1022_signed_string()
    {
        await using var venue = await JexSimVenue.StartAsync(o => o.Fixture = "quiet");
        await using var dashboard = await DashboardPage.OpenAsync(browser, venue);
        var page = dashboard.Page;
        await Expect(page.Locator("#book tr.ask").First).ToHaveAttributeAsync("data-price", "30040.00"); // bob's ladder, from REST then the stream
        await Expect(page.Locator("#symbols button[data-market=spot]")).ToHaveCountAsync(5);

        var alice = venue.Account("alice");
        using var client = venue.ClientFor(alice);
        var order = await client.PlaceLimitOrderAsync("BTCUSDT", "BUY", 0.25m, 29000.5m);
        Assert.Equal("NEW", order.GetProperty("status").GetString());
        using var forger = venue.ClientFor(alice with { SecretKey = "wrong-secret" });
        using (var refused = await forger.SendSignedAsync(HttpMethod.Post, "/api/v1/spot/order",
                   [new("symbol", "BTCUSDT"), new("side", "SELL"), new("type", "LIMIT"), new("timeInForce", "GTC"), new("quantity", "1"), new("price", "31000")]))
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        // The book (depth stream), the journal and the account's open orders (admin API) all show it.
        var level = page.Locator("#book tr.bid[data-price='29000.50']");
        await Expect(level).ToBeVisibleAsync();
        await Expect(level.Locator("td").Nth(1)).ToHaveTextAsync("0.25");
        var placed = page.Locator("#journal-table tbody tr.accepted", new() { HasText = "/api/v1/spot/order" });
        await Expect(placed).ToHaveCountAsync(1);
        await Expect(placed.Locator("td").Nth(4)).ToHaveTextAsync(alice.ApiKey[..8] + "…");
        var rejected = page.Locator("#journal-table tbody tr[data-code='-1022']");
        await Expect(rejected).ToContainTextAsync("Signature for this request is not valid");
        await Expect(page.Locator("#journal-table tbody tr.detail").First).ToContainTextAsync("signed string: symbol=BTCUSDT&side=SELL&type=LIMIT");
        await Expect(page.Locator($"#accounts [data-account='{alice.AccountId}'] table.orders")).ToContainTextAsync("29000.50");

        // Filters: only alice's rejected requests.
        await page.FillAsync("#journal-filter input[name=apiKey]", alice.ApiKey);
        await page.SelectOptionAsync("#journal-filter select[name=verdict]", "rejected");
        await page.ClickAsync("#journal-filter button[type=submit]");
        await Expect(page.Locator("#journal-table tbody tr[data-id]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#journal-count")).ToHaveTextAsync("1 matching, newest first");

        Assert.Empty(dashboard.ForeignRequests);
        await dashboard.ScreenshotAsync("order-in-book-and-journal");
    }

    [Fact]
    public async Task Advancing_the_virtual_clock_from_the_page_closes_a_candle()
    {
        await using var venue = await JexSimVenue.StartAsync(o => o.Fixture = "quiet");
        using var alice = venue.ClientFor(venue.Account("alice"));
        await alice.PlaceLimitOrderAsync("BTCUSDT", "BUY", 0.1m, 30000m);   // trades at 30000 (bob's best ask)
        await alice.PlaceLimitOrderAsync("BTCUSDT", "BUY", 0.5m, 30010m);   // the rest of 30000, then 30010: the candle closes higher
        await using var dashboard = await DashboardPage.OpenAsync(browser, venue);
        var page = dashboard.Page;
        var status = page.Locator("#candle-status");
        await Expect(status).ToHaveAttributeAsync("data-closed", "0");
        await Expect(status).ToContainTextAsync("1 candles");

        await page.ClickAsync("button[data-advance='60000']");
        await Expect(page.Locator("#clock")).ToContainTextAsync("2026-01-01 00:01:00.000");
        await Expect(status).ToHaveAttributeAsync("data-closed", "1"); // the kline stream's next push opened the 00:01 candle
        await Expect(status).ToContainTextAsync("last closed 00:00 O 30000.00 C 30010.00");
        await Expect(page.Locator("#sim-message")).ToHaveTextAsync("advance 60000 ms: done");

        // In the new minute the price goes up to 30020, then down to 29990; then two more minutes from the form.
        await alice.PlaceLimitOrderAsync("BTCUSDT", "BUY", 0.3m, 30020m);
        await alice.PlaceLimitOrderAsync("BTCUSDT", "SELL", 0.2m, 29990m);
        await page.FillAsync("#advance-form input[name=ms]", "120000");
        await page.ClickAsync("#advance");
        // REST klines fill the quiet minute 00:02, flat at 00:01's close: the 29990 trade made after the stream's last push.
        await Expect(status).ToHaveAttributeAsync("data-closed", "3");
        await Expect(status).ToContainTextAsync("4 candles, 3 closed · last closed 00:02 O 29990.00 C 29990.00");
        Assert.Equal(venue.Now, DateTimeOffset.Parse("2026-01-01T00:03:00Z").ToUnixTimeMilliseconds());
        await dashboard.ScreenshotAsync("clock-advanced-candle-closed");
    }

    [Fact]
    public async Task A_fault_added_from_the_page_fails_a_request_and_is_deleted_from_the_page()
    {
        await using var venue = await JexSimVenue.StartAsync(o => o.Fixture = "quiet");
        await using var dashboard = await DashboardPage.OpenAsync(browser, venue);
        var page = dashboard.Page;
        await page.FillAsync("#fault-form input[name=route]", "/api/v1/spot/ticker/*");
        await page.FillAsync("#fault-form input[name=status]", "503");
        await page.FillAsync("#fault-form input[name=code]", "-1001");
        await page.FillAsync("#fault-form input[name=msg]", "Injected from the dashboard");
        await page.ClickAsync("#add-fault");
        var rule = page.Locator("#fault-table tbody tr[data-fault]");
        await Expect(rule).ToContainTextAsync("/api/v1/spot/ticker/* status 503 code -1001");

        using var client = venue.PublicClient();
        using (var failed = await client.SendAsync(HttpMethod.Get, "/api/v1/spot/ticker/price", [new("symbol", "BTCUSDT")]))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
            var error = JsonDocument.Parse(await failed.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(-1001, error.GetProperty("code").GetInt32());
            Assert.Equal("Injected from the dashboard", error.GetProperty("msg").GetString());
        }
        await Expect(rule.Locator("td").Nth(2)).ToHaveTextAsync("1"); // fired once
        var journaled = page.Locator("#journal-table tbody tr.rejected", new() { HasText = "/api/v1/spot/ticker/price" });
        await Expect(journaled).ToContainTextAsync("Injected fault");
        await Expect(journaled).ToHaveAttributeAsync("data-code", "-1001");
        await Expect(page.Locator("#report-body tr[data-error-code='-1001']")).ToContainTextAsync("Injected from the dashboard");
        await dashboard.ScreenshotAsync("fault-added-request-failed");

        await rule.Locator("button[data-delete-fault]").ClickAsync();
        await Expect(page.Locator("#fault-table tbody tr[data-fault]")).ToHaveCountAsync(0);
        using var healed = await client.SendAsync(HttpMethod.Get, "/api/v1/spot/ticker/price", [new("symbol", "BTCUSDT")]);
        Assert.Equal(HttpStatusCode.OK, healed.StatusCode);
    }

    [Fact]
    public async Task The_conformance_report_on_the_page_shows_a_clients_errors_orders_and_timestamp_drift()
    {
        await using var venue = await JexSimVenue.StartAsync(o => o.Fixture = "quiet");
        var alice = venue.Account("alice");
        using var client = venue.ClientFor(alice);
        await client.PlaceLimitOrderAsync("BTCUSDT", "BUY", 0.01m, 29000m);
        await client.PlaceLimitOrderAsync("BTCUSDT", "BUY", 0.01m, 29001m);
        using (await client.SendSignedAsync(HttpMethod.Get, "/api/v1/account", [], timestamp: venue.Now - 4_500)) { } // 90% of recvWindow
        using (await client.SendSignedAsync(HttpMethod.Get, "/api/v1/account", [], timestamp: venue.Now - 6_000)) { } // -1021
        await using var dashboard = await DashboardPage.OpenAsync(browser, venue);
        var page = dashboard.Page;

        await page.SelectOptionAsync("#report-key", alice.ApiKey);
        var report = page.Locator("#report-body");
        await Expect(report).ToContainTextAsync("4 requests");
        await Expect(report.Locator("tr[data-error-code='-1021']")).ToContainTextAsync("recvWindow");
        await Expect(report).ToContainTextAsync("ORDERS per second2 / 10");
        await Expect(report).ToContainTextAsync("largest drift 6000 ms, 120.0% of the window");
        await Expect(report.Locator("tr", new() { HasText = "4500 ms" })).ToContainTextAsync("90%");
        await Expect(page.Locator("#report-json")).ToHaveAttributeAsync("href", $"/admin/v1/report?apiKey={alice.ApiKey}");
        await dashboard.ScreenshotAsync("conformance-report");
    }

    [Fact]
    public async Task The_API_reference_is_linked_from_the_dashboard_and_loads_nothing_from_outside()
    {
        await using var venue = await JexSimVenue.StartAsync(o => o.Fixture = "quiet");
        await using var dashboard = await DashboardPage.OpenAsync(browser, venue);
        var page = dashboard.Page;
        string href = (await page.GetAttributeAsync("#reference-link", "href"))!;
        Assert.Equal("/reference", href);
        await page.GotoAsync(new Uri(venue.BaseAddress, href).ToString(), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        // The sidebar lists every route; the page renders an operation when it scrolls into view.
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Client conformance report since the last reset" }).First).ToBeAttachedAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Place a spot order." }).First.ClickAsync();
        await Expect(page.GetByText("Security: TRADE. Weight: 1. Counts against the ORDERS rate limits.").First).ToBeVisibleAsync();
        await Expect(page.GetByText("timeInForce").First).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Empty(dashboard.ForeignRequests);
        await dashboard.ScreenshotAsync("api-reference", fullPage: false); // the page is tens of thousands of pixels long
    }

    [Fact]
    public async Task With_an_admin_token_the_page_shows_market_data_until_the_token_is_entered()
    {
        await using var venue = await JexSimVenue.StartAsync(o => { o.Fixture = "quiet"; o.AdminToken = "dash-token"; });
        await using var dashboard = await DashboardPage.OpenAsync(browser, venue);
        var page = dashboard.Page;
        await Expect(page.Locator("#admin-locked")).ToBeVisibleAsync();
        await Expect(page.Locator("#journal")).ToBeHiddenAsync();
        await Expect(page.Locator("#book tr.ask").First).ToBeVisibleAsync();

        await page.FillAsync("#token-input", "dash-token");
        await page.ClickAsync("#token-form button");
        await Expect(page.Locator("#journal")).ToBeVisibleAsync();
        await Expect(page.Locator("#admin-locked")).ToBeHiddenAsync();
        await Expect(page.Locator("#accounts [data-account]")).ToHaveCountAsync(2);
        await dashboard.ScreenshotAsync("admin-token-entered");
    }
}
