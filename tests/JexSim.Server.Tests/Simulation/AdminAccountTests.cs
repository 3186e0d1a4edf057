using System.Net;
using JexSim.Server.Tests.Infrastructure;

namespace JexSim.Server.Tests.Simulation;

public sealed class AdminAccountTests
{
    [Fact]
    public async Task Accounts_are_created_with_permissions_listed_credited_debited_and_disabled()
    {
        using var venue = new JexSimFactory();
        var admin = venue.Admin();

        var created = (await admin.Ok(HttpMethod.Post, "/accounts", new { name = "reader", permissions = new[] { "read" }, balances = new Dictionary<string, string> { ["USDT"] = "100" } })).Json;
        long id = created.GetProperty("accountId").GetInt64();
        Assert.Equal(["read"], created.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        var reader = venue.ClientFor(created.GetProperty("apiKey").GetString()!, created.GetProperty("secretKey").GetString()!);
        Assert.Equal(-2015, (await reader.Signed(HttpMethod.Post, "/api/v1/spot/order", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.001&price=20000")).Code);

        var credit = (await admin.Ok(HttpMethod.Post, $"/accounts/{id}/balances", new { asset = "usdt", amount = "50.5" })).Json;
        Assert.Equal("150.50000000", credit.GetProperty("free").GetString());
        var debit = (await admin.Ok(HttpMethod.Post, $"/accounts/{id}/balances", new { asset = "USDT", amount = "-150.5" })).Json;
        Assert.Equal("0.00000000", debit.GetProperty("free").GetString());
        var overdraft = await admin.Post($"/accounts/{id}/balances", new { asset = "USDT", amount = "-1" });
        Assert.Equal(HttpStatusCode.BadRequest, overdraft.Status);
        Assert.Equal("amount", overdraft.Field());
        Assert.Equal("asset", (await admin.Post($"/accounts/{id}/balances", new { asset = "DOGE", amount = "1" })).Field());
        Assert.Equal("amount", (await admin.Post($"/accounts/{id}/balances", new { asset = "BTC", amount = "1.123456789" })).Field());
        Assert.Equal("amount", (await admin.Post($"/accounts/{id}/balances", new { asset = "BTC" })).Field());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Post("/accounts/999/balances", new { asset = "BTC", amount = "1" })).Status);

        var list = (await admin.Ok(HttpMethod.Get, "/accounts")).Json.EnumerateArray().ToList();
        Assert.Equal([1L, 2L, id], list.Select(a => a.GetProperty("accountId").GetInt64()));
        Assert.Equal(DemoAccounts.AliceKey, list[0].GetProperty("apiKeys")[0].GetProperty("apiKey").GetString());
        Assert.DoesNotContain(DemoAccounts.AliceSecret, (await admin.Ok(HttpMethod.Get, "/accounts")).Body);

        var disabled = (await admin.Ok(HttpMethod.Post, "/accounts/1/disable")).Json;
        Assert.True(disabled.GetProperty("disabled").GetBoolean());
        Assert.Equal(-2015, (await venue.Alice().Signed(HttpMethod.Get, "/api/v1/spot/openOrders", "symbol=BTCUSDT")).Code);
        Assert.True((await admin.Ok(HttpMethod.Get, "/accounts")).Json[0].GetProperty("disabled").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Post("/accounts/999/disable")).Status);
        await admin.Ok(HttpMethod.Post, "/accounts/1/enable");
        Assert.Equal(HttpStatusCode.OK, (await venue.Alice().Signed(HttpMethod.Get, "/api/v1/spot/openOrders", "symbol=BTCUSDT")).Status);
    }

    [Fact]
    public async Task A_disabled_account_stays_disabled_after_a_restart_and_after_a_snapshot_restore()
    {
        var venue = new JexSimFactory();
        try
        {
            var admin = venue.Admin();
            await admin.Ok(HttpMethod.Post, "/accounts/2/disable");
            Assert.Equal(-2015, (await venue.Bob().Signed(HttpMethod.Get, "/api/v1/account")).Code);

            venue = venue.Restart();
            Assert.Equal(-2015, (await venue.Bob().Signed(HttpMethod.Get, "/api/v1/account")).Code);
            Assert.Equal(HttpStatusCode.OK, (await venue.Alice().Signed(HttpMethod.Get, "/api/v1/account")).Status);

            // Snapshots live in memory, so take them again on this server: a restore brings the flag back exactly.
            admin = venue.Admin();
            await admin.Ok(HttpMethod.Post, "/snapshots", new { name = "still-disabled" });
            await admin.Ok(HttpMethod.Post, "/accounts/2/enable");
            Assert.Equal(HttpStatusCode.OK, (await venue.Bob().Signed(HttpMethod.Get, "/api/v1/account")).Status);
            await admin.Ok(HttpMethod.Post, "/snapshots/still-disabled/restore");
            Assert.Equal(-2015, (await venue.Bob().Signed(HttpMethod.Get, "/api/v1/account")).Code);
        }
        finally
        {
            venue.Dispose();
        }
    }

    [Fact]
    public async Task Every_admin_route_needs_the_token_when_one_is_configured()
    {
        using var venue = new JexSimFactory(settings: new() { ["JexSim:AdminToken"] = "s3cret" });
        var admin = venue.Admin();
        foreach (var (method, path) in new[] { ("GET", "/clock"), ("POST", "/clock/advance"), ("POST", "/reset"), ("GET", "/journal"), ("GET", "/faults"),
                     ("DELETE", "/faults"), ("GET", "/accounts"), ("POST", "/snapshots"), ("PUT", "/prices/BTCUSDT") })
        {
            var r = await admin.Send(new HttpMethod(method), path, new { });
            Assert.True(r.Status == HttpStatusCode.Unauthorized, $"{method} {path}: {r}");
        }
        admin.Http.DefaultRequestHeaders.Add("X-JEXSIM-ADMIN-TOKEN", "s3cret");
        await admin.Ok(HttpMethod.Get, "/clock");
    }

    [Fact]
    public async Task Prices_are_set_per_symbol_within_its_price_filter()
    {
        using var venue = new JexSimFactory();
        var admin = venue.Admin();
        var set = (await admin.Ok(HttpMethod.Put, "/prices/btcusdt", new { price = "31000.5" })).Json;
        Assert.Equal("BTCUSDT", set.GetProperty("symbol").GetString());
        var listed = Assert.Single((await admin.Ok(HttpMethod.Get, "/prices")).Json.EnumerateArray());
        Assert.Equal("31000.50000000", listed.GetProperty("price").GetString());
        Assert.Equal("symbol", (await admin.Put("/prices/NOPE", new { price = "1" })).Field());
        Assert.Equal("price", (await admin.Put("/prices/BTCUSDT", new { price = "-1" })).Field());
        Assert.Equal("price", (await admin.Put("/prices/BTCUSDT", new { price = "99999999" })).Field());
        Assert.Equal("price", (await admin.Put("/prices/BTCUSDT", new { })).Field());
    }
}
