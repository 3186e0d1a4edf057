using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JexSim.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace JexSim.Server.Tests.Spot;

/// <summary>GET /api/v1/account and the admin POST /admin/v1/accounts.</summary>
public sealed class AccountTests
{
    private static readonly (string, char)[] BalanceShape =
        [("asset", 's'), ("canDeposit", 'b'), ("canTrade", 'b'), ("canWithdraw", 'b'), ("free", 's'), ("locked", 's')];

    private static (string Asset, string Free, string Locked)[] Spot(JsonElement account) =>
        account.GetProperty("spotBalances").EnumerateArray().Select(b => (b.Str("asset"), b.Str("free"), b.Str("locked"))).ToArray();

    [Fact]
    public async Task Account_shows_spot_balances_moving_with_locks_fills_and_fees()
    {
        using var venue = new JexSimFactory();
        var alice = venue.Alice();
        var bob = venue.Bob();

        var account = await alice.Account();
        SpotApi.AssertShape(account, ("updateTime", 'n'), ("contractBalances", 'a'), ("optionBalances", 'a'), ("spotBalances", 'a'));
        Assert.Equal(venue.Clock.NowMs, account.Num("updateTime"));
        // quiet.json's contract balance of alice (its perpetuals are margined in USDT).
        var contract = Assert.Single(account.GetProperty("contractBalances").EnumerateArray());
        Assert.Equal(("usdt", "50000.00000000", "0.00000000"), (contract.Str("asset"), contract.Str("free"), contract.Str("locked")));
        // The fixture's two options: alice holds none of their tokens, which are never deposited or withdrawn.
        Assert.Equal(["BTCCALLM", "BTCPUTM"], account.GetProperty("optionBalances").EnumerateArray().Select(b => b.Str("asset")).ToArray());
        Assert.All(account.GetProperty("optionBalances").EnumerateArray(), b =>
            Assert.Equal(("0.00000000", "0.00000000", false, false), (b.Str("free"), b.Str("locked"), b.GetProperty("canDeposit").GetBoolean(), b.GetProperty("canWithdraw").GetBoolean())));
        foreach (var b in account.GetProperty("spotBalances").EnumerateArray())
        {
            SpotApi.AssertShape(b, BalanceShape);
            Assert.True(b.GetProperty("canDeposit").GetBoolean() && b.GetProperty("canTrade").GetBoolean() && b.GetProperty("canWithdraw").GetBoolean());
        }
        Assert.Equal([("BTC", "10.00000000", "0.00000000"), ("USDT", "100000.00000000", "0.00000000"), ("ETH", "100.00000000", "0.00000000"),
            ("JEX", "1000000.00000000", "0.00000000"), ("LTC", "1000.00000000", "0.00000000")], Spot(account));

        // Bob's ladders lock BTC for his BTCUSDT asks (1.5) and his ETHBTC, JEXBTC and LTCBTC bids (1.973 + 0.443 + 0.3715),
        // and USDT for his BTCUSDT bids (44965) and ETHUSDT bids (29965). As writer of the fixture's options he also locks
        // 1 BTC of call margin (100 x 0.1 x 0.1) and 28000 USDT of put margin (100 x 0.1 x 2800), and his option bids lock
        // USDT premium: 5 x 140 + 5 x 130 on the call, 5 x 220 + 5 x 210 on the put (3500).
        Assert.Equal([("BTC", "94.71250000", "5.28750000"), ("USDT", "893570.00000000", "106430.00000000")], Spot(await bob.Account())[..2]);

        await alice.Rest("BTCUSDT", "BUY", "0.1", "29000");
        Assert.Equal([("BTC", "10.00000000", "0.00000000"), ("USDT", "97100.00000000", "2900.00000000")], Spot(await alice.Account())[..2]);

        // Alice takes 0.1 BTC at 30000: she pays the taker fee (0.1%) in BTC, bob the maker fee (0.08%) in USDT.
        await alice.PlaceResult("symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1&price=30000");
        Assert.Equal([("BTC", "10.09990000", "0.00000000"), ("USDT", "94100.00000000", "2900.00000000")], Spot(await alice.Account())[..2]);
        Assert.Equal([("BTC", "94.71250000", "5.18750000"), ("USDT", "896567.60000000", "106430.00000000")], Spot(await bob.Account())[..2]);
    }

    [Fact]
    public async Task Admin_creates_accounts_whose_keys_trade_at_once()
    {
        using var venue = new JexSimFactory();
        var admin = venue.CreateClient();

        var created = await admin.PostAsJsonAsync("/admin/v1/accounts", new { balances = new Dictionary<string, string> { ["USDT"] = "100000", ["BTC"] = "10" } });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var carol = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        SpotApi.AssertShape(carol, ("accountId", 'n'), ("apiKey", 's'), ("secretKey", 's'), ("permissions", 'a'));
        Assert.Equal(3, carol.Num("accountId")); // after alice (1) and bob (2)
        Assert.Equal(64, carol.Str("apiKey").Length);
        Assert.Equal(64, carol.Str("secretKey").Length);
        Assert.Equal(["read", "trade", "withdraw"], carol.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()!).ToArray());

        var client = venue.ClientFor(carol.Str("apiKey"), carol.Str("secretKey"));
        Assert.Equal([("BTC", "10.00000000", "0.00000000"), ("USDT", "100000.00000000", "0.00000000"), ("ETH", "0.00000000", "0.00000000"),
            ("JEX", "0.00000000", "0.00000000"), ("LTC", "0.00000000", "0.00000000")], Spot(await client.Account()));
        var sold = await client.PlaceResult("symbol=btcusdt&side=SELL&type=MARKET&quantity=1");
        Assert.Equal("FILLED", sold.Str("status"));

        var second = await admin.PostAsync("/admin/v1/accounts", null);
        var dave = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(4, dave.Num("accountId"));
        Assert.NotEqual(carol.Str("apiKey"), dave.Str("apiKey"));
        Assert.All(Spot(await venue.ClientFor(dave.Str("apiKey"), dave.Str("secretKey")).Account()), b => Assert.Equal("0.00000000", b.Free));
    }

    [Fact]
    public async Task A_read_only_key_reads_but_cannot_trade()
    {
        using var venue = new JexSimFactory();
        var created = await venue.CreateClient().PostAsJsonAsync("/admin/v1/accounts",
            new { balances = new Dictionary<string, string> { ["USDT"] = "1000" }, permissions = new[] { "read" } });
        var reader = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["read"], reader.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()!).ToArray());
        var client = venue.ClientFor(reader.Str("apiKey"), reader.Str("secretKey"));

        var usdt = (await client.Account()).GetProperty("spotBalances").EnumerateArray().Single(b => b.Str("asset") == "USDT");
        Assert.Equal(("1000.00000000", true, false, false),
            (usdt.Str("free"), usdt.GetProperty("canDeposit").GetBoolean(), usdt.GetProperty("canTrade").GetBoolean(), usdt.GetProperty("canWithdraw").GetBoolean()));
        Assert.Empty((await client.SignedGet("/api/v1/spot/openOrders", "symbol=BTCUSDT")).EnumerateArray());

        const string order = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.001&price=29000";
        (await client.Place(order)).AssertError(HttpStatusCode.Forbidden, -2015, "Invalid API-key, IP, or permissions for action.");
        (await client.Signed(HttpMethod.Post, "/api/v1/spot/order/test", order)).AssertError(HttpStatusCode.Forbidden, -2015, "Invalid API-key, IP, or permissions for action.");
        (await client.Signed(HttpMethod.Delete, SpotApi.Order, "symbol=BTCUSDT&orderId=1")).AssertError(HttpStatusCode.Forbidden, -2015, "Invalid API-key, IP, or permissions for action.");
        Assert.Equal(("1000.00000000", "0.00000000"), await client.Balance("USDT"));
    }

    [Theory]
    [InlineData("""{"balances":{"DOGE":"1"}}""", "Unknown asset 'DOGE'. Known: BTC, USDT, ETH, JEX, LTC.")]
    [InlineData("""{"balances":{"USDT":"-5"}}""", "Balance of USDT must be a non-negative decimal string with at most 8 decimals, not '-5'.")]
    [InlineData("""{"balances":{"USDT":"0.123456789"}}""", "Balance of USDT must be a non-negative decimal string with at most 8 decimals, not '0.123456789'.")]
    [InlineData("""{"permissions":["admin"]}""", "permissions: unknown permission 'admin' (use read, trade, withdraw).")]
    [InlineData("""{"balances":""", "Body is not valid JSON: ...")]
    public async Task Admin_rejects_bad_account_requests_with_a_json_error(string body, string msg)
    {
        using var venue = new JexSimFactory();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var response = await venue.CreateClient().PostAsync("/admin/v1/accounts", content);
        new JexResponse(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers).AssertError(HttpStatusCode.BadRequest, -1100, msg);
        var accounts = venue.Services.GetRequiredService<JexSim.Server.Venue.ExchangeVenue>().StoreReader.Accounts();
        Assert.Equal([1L, 2L], accounts.Select(a => a.Id).ToArray());
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("wrong", HttpStatusCode.Unauthorized)]
    [InlineData("s3cret-token", HttpStatusCode.OK)]
    public async Task With_an_admin_token_configured_admin_calls_must_carry_it(string? token, HttpStatusCode status)
    {
        using var venue = new JexSimFactory(settings: new() { ["JexSim:AdminToken"] = "s3cret-token" });
        var request = new HttpRequestMessage(HttpMethod.Post, "/admin/v1/accounts") { Content = JsonContent.Create(new { balances = new { USDT = "5" } }) };
        if (token is not null) request.Headers.Add("X-JEXSIM-ADMIN-TOKEN", token);
        var response = await venue.CreateClient().SendAsync(request);
        var answer = new JexResponse(response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers);
        if (status == HttpStatusCode.OK)
        {
            Assert.Equal(3, answer.Ok().Num("accountId"));
            return;
        }
        answer.AssertError(HttpStatusCode.Unauthorized, -1002, "Admin calls need the X-JEXSIM-ADMIN-TOKEN header with the configured JexSim:AdminToken.");
        Assert.Equal(2, venue.Services.GetRequiredService<JexSim.Server.Venue.ExchangeVenue>().StoreReader.Accounts().Count);
    }
}
