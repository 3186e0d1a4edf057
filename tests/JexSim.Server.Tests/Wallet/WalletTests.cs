using System.Net;
using System.Text.Json;
using JexSim.Server.Tests.Hardening;
using JexSim.Server.Tests.Infrastructure;
using JexSim.Server.Tests.Simulation;
using JexSim.Server.Tests.Spot;
using JexSim.Server.Tests.Streams;

namespace JexSim.Server.Tests.Wallet;

/// <summary>The wapi routes on quiet.json (alice: 10 BTC, 100000 USDT, ...): assets, addresses, fees, deposits, withdrawals.</summary>
public sealed class WalletTests : IDisposable
{
    private const string W = "/wapi/v1";
    private readonly JexSimFactory _venue = new();

    public void Dispose() => _venue.Dispose();

    private Simulation.Admin Admin => new(_venue.CreateClient());

    private static readonly (string, char)[] DepositShape =
        [("insertTime", 'n'), ("amount", 'n'), ("asset", 's'), ("address", 's'), ("txId", 's'), ("status", 'n')];

    private static readonly (string, char)[] WithdrawalShape =
        [("id", 's'), ("amount", 'n'), ("address", 's'), ("asset", 's'), ("txId", 's'), ("applyTime", 'n'), ("status", 'n')];

    private const string Address = "bc1qexampleaddress0000000000000000000";

    [Fact]
    public async Task AssetDetail_lists_every_wallet_asset_in_the_spec_shape()
    {
        var detail = await _venue.Alice().SignedGet($"{W}/assetDetail", "");
        Assert.Equal(["BTC", "USDT", "ETH", "JEX", "LTC"], SpotApi.Names(detail)); // option tokens are not wallet assets
        foreach (var a in detail.EnumerateObject())
        {
            SpotApi.AssertShape(a.Value, ("minWithdrawAmount", 'n'), ("withdrawFee", 's'), ("depositStatus", 'b'), ("withdrawStatus", 'b'));
            Assert.True(a.Value.GetProperty("depositStatus").GetBoolean());
            Assert.True(a.Value.GetProperty("withdrawStatus").GetBoolean());
        }
    }

    [Fact]
    public async Task DepositAddress_is_stable_per_account_and_asset()
    {
        var alice = await _venue.Alice().SignedGet($"{W}/depositAddress", "asset=BTC");
        SpotApi.AssertShape(alice, ("address", 's'), ("asset", 's'), ("success", 'b'));
        Assert.Equal(("BTC", true), (alice.Str("asset"), alice.GetProperty("success").GetBoolean()));
        Assert.Equal(34, alice.Str("address").Length);
        Assert.Equal(alice.Str("address"), (await _venue.Alice().SignedGet($"{W}/depositAddress", "asset=btc")).Str("address"));
        Assert.NotEqual(alice.Str("address"), (await _venue.Alice().SignedGet($"{W}/depositAddress", "asset=USDT")).Str("address"));
        Assert.NotEqual(alice.Str("address"), (await _venue.Bob().SignedGet($"{W}/depositAddress", "asset=BTC")).Str("address"));
    }

    [Fact]
    public async Task TradeFee_comes_from_the_symbols_fees()
    {
        var all = (await _venue.Alice().SignedGet($"{W}/tradeFee", "")).EnumerateArray().ToArray();
        Assert.Equal(["BTCUSDT", "ETHUSDT", "ETHBTC", "JEXBTC", "LTCBTC", "BTCCALLM", "BTCPUTM"], all.Select(f => f.Str("symbol")).ToArray());
        var one = Assert.Single((await _venue.Alice().SignedGet($"{W}/tradeFee", "symbol=btcusdt")).EnumerateArray());
        SpotApi.AssertShape(one, ("symbol", 's'), ("maker", 'n'), ("taker", 'n'));
        Assert.Equal(("BTCUSDT", 0.0008m, 0.001m), (one.Str("symbol"), one.GetProperty("maker").GetDecimal(), one.GetProperty("taker").GetDecimal()));
    }

    [Fact]
    public async Task An_admin_deposit_credits_the_account_and_shows_in_depositHistory()
    {
        var alice = _venue.Alice();
        Assert.Empty((await alice.SignedGet($"{W}/depositHistory", "")).EnumerateArray()); // opening balances are not deposits
        long supply = await Ledger.Supply(_venue, "BTC");
        long t1 = _venue.Clock.NowMs;
        var credited = (await Admin.Ok(HttpMethod.Post, "/deposits", new { accountId = 1, asset = "BTC", amount = "1.5" })).Json;
        SpotApi.AssertShape(credited, DepositShape);
        _venue.Clock.Advance(TimeSpan.FromSeconds(5));
        await Admin.Ok(HttpMethod.Post, "/deposits", new { accountId = 1, asset = "usdt", amount = "250" });

        Assert.Equal(("11.50000000", "0.00000000"), await alice.Balance("BTC"));
        Assert.Equal(supply + 150_000_000, await Ledger.Supply(_venue, "BTC"));
        var history = (await alice.SignedGet($"{W}/depositHistory", "")).EnumerateArray().ToArray();
        Assert.Equal(["USDT", "BTC"], history.Select(d => d.Str("asset")).ToArray()); // newest first
        var btc = history[1];
        SpotApi.AssertShape(btc, DepositShape);
        Assert.Equal((t1, 1.5m, 1), (btc.Num("insertTime"), btc.GetProperty("amount").GetDecimal(), btc.GetProperty("status").GetInt32()));
        Assert.Equal((await alice.SignedGet($"{W}/depositAddress", "asset=BTC")).Str("address"), btc.Str("address"));
        Assert.Equal(64, btc.Str("txId").Length);
        Assert.Equal(credited.GetRawText(), btc.GetRawText());

        // Filters: asset, status, time range; bob sees none of alice's.
        Assert.Equal(["BTC"], (await alice.SignedGet($"{W}/depositHistory", "asset=BTC")).EnumerateArray().Select(d => d.Str("asset")).ToArray());
        Assert.Empty((await alice.SignedGet($"{W}/depositHistory", "status=0")).EnumerateArray());
        Assert.Equal(2, (await alice.SignedGet($"{W}/depositHistory", "status=1")).GetArrayLength());
        Assert.Equal(["USDT"], (await alice.SignedGet($"{W}/depositHistory", $"startTime={t1 + 1}")).EnumerateArray().Select(d => d.Str("asset")).ToArray());
        Assert.Equal(["BTC"], (await alice.SignedGet($"{W}/depositHistory", $"startTime={t1}&endTime={t1}")).EnumerateArray().Select(d => d.Str("asset")).ToArray());
        Assert.Empty((await _venue.Bob().SignedGet($"{W}/depositHistory", "")).EnumerateArray());
        await Ledger.AssertHolds(_venue);
    }

    [Fact]
    public async Task A_withdrawal_debits_at_once_and_its_status_moves_on_the_venue_clock()
    {
        var alice = _venue.Alice();
        long supply = await Ledger.Supply(_venue, "BTC");
        long applied = _venue.Clock.NowMs;
        var made = (await alice.Signed(HttpMethod.Get, $"{W}/withdraw", $"asset=BTC&address={Address}&amount=2.25&name=cold")).Ok();
        Assert.Equal(["id"], SpotApi.Names(made));
        string id = made.Str("id");
        Assert.Matches("^[0-9A-F]{16}$", id);
        Assert.Equal(("7.75000000", "0.00000000"), await alice.Balance("BTC"));
        Assert.Equal(supply - 225_000_000, await Ledger.Supply(_venue, "BTC"));
        await Ledger.AssertHolds(_venue);

        async Task<JsonElement> Record()
        {
            var list = await alice.SignedGet($"{W}/withdrawHistory", "");
            return Assert.Single(list.GetProperty("withdrawRecordList").EnumerateArray());
        }
        var record = await Record();
        SpotApi.AssertShape(record, WithdrawalShape);
        Assert.Equal((id, 2.25m, Address, "BTC", applied), (record.Str("id"), record.GetProperty("amount").GetDecimal(), record.Str("address"), record.Str("asset"), record.Num("applyTime")));
        Assert.Equal(64, record.Str("txId").Length);

        // 0 Email Sent, 2 Awaiting Approval at +10 s, 4 Processing at +30 s, 6 Completed at +60 s; the balance stays debited.
        var seen = new List<int>();
        foreach (long at in new long[] { 0, 9_999, 10_000, 29_999, 30_000, 59_999, 60_000, 3_600_000 })
        {
            _venue.Clock.SetVirtual(applied + at);
            seen.Add((await Record()).GetProperty("status").GetInt32());
        }
        Assert.Equal([0, 0, 2, 2, 4, 4, 6, 6], seen);
        Assert.Equal(("7.75000000", "0.00000000"), await alice.Balance("BTC"));
        var byStatus = (await alice.SignedGet($"{W}/withdrawHistory", "status=6")).GetProperty("withdrawRecordList");
        Assert.Equal(1, byStatus.GetArrayLength());
        Assert.Equal(0, (await alice.SignedGet($"{W}/withdrawHistory", "status=4")).GetProperty("withdrawRecordList").GetArrayLength());
        Assert.Equal(0, (await alice.SignedGet($"{W}/withdrawHistory", "asset=USDT")).GetProperty("withdrawRecordList").GetArrayLength());
        Assert.Equal(0, (await _venue.Bob().SignedGet($"{W}/withdrawHistory", "")).GetProperty("withdrawRecordList").GetArrayLength());
        await Ledger.AssertHolds(_venue);
    }

    [Fact]
    public async Task POST_withdraw_is_the_same_withdrawal_and_histories_list_newest_first()
    {
        var alice = _venue.Alice();
        string first = (await alice.Signed(HttpMethod.Post, $"{W}/withdraw", $"asset=USDT&address={Address}&amount=100")).Ok().Str("id");
        _venue.Clock.Advance(TimeSpan.FromSeconds(1));
        string second = (await alice.Signed(HttpMethod.Get, $"{W}/withdraw", $"asset=USDT&address={Address}&addressTag=memo1&amount=50")).Ok().Str("id");
        Assert.NotEqual(first, second);
        var list = (await alice.SignedGet($"{W}/withdrawHistory", "asset=USDT"));
        SpotApi.AssertShape(list, ("withdrawRecordList", 'a'), ("success", 'b'));
        Assert.Equal([second, first], list.GetProperty("withdrawRecordList").EnumerateArray().Select(w => w.Str("id")).ToArray());
        Assert.Equal(("99850.00000000", "0.00000000"), await alice.Balance("USDT"));
    }

    [Fact]
    public async Task Forcing_a_failure_gives_the_amount_back_and_a_final_status_cannot_change()
    {
        var alice = _venue.Alice();
        var admin = Admin;
        string id = (await alice.Signed(HttpMethod.Get, $"{W}/withdraw", $"asset=ETH&address={Address}&amount=40")).Ok().Str("id");
        Assert.Equal(("60.00000000", "0.00000000"), await alice.Balance("ETH"));

        var processing = (await admin.Ok(HttpMethod.Post, $"/withdrawals/{id}/status", new { status = 4 })).Json;
        Assert.Equal(4, processing.GetProperty("status").GetInt32());
        _venue.Clock.Advance(TimeSpan.FromHours(1)); // a forced status stays: it does not complete by itself
        Assert.Equal(4, (await alice.SignedGet($"{W}/withdrawHistory", "")).GetProperty("withdrawRecordList")[0].GetProperty("status").GetInt32());

        var failed = (await admin.Ok(HttpMethod.Post, $"/withdrawals/{id}/status", new { status = 5 })).Json;
        SpotApi.AssertShape(failed, WithdrawalShape);
        Assert.Equal(5, failed.GetProperty("status").GetInt32());
        Assert.Equal(("100.00000000", "0.00000000"), await alice.Balance("ETH"));
        await Ledger.AssertHolds(_venue);

        (await admin.Post($"/withdrawals/{id}/status", new { status = 6 })).AssertError(HttpStatusCode.Conflict, -1100,
            $"status: withdrawal {id} is already Failure (5), a final status.");
        (await admin.Post("/withdrawals/0000000000000000/status", new { status = 6 })).AssertError(HttpStatusCode.NotFound, -1100,
            "id: Unknown withdrawal '0000000000000000'.");
        (await admin.Post($"/withdrawals/{id}/status", new { status = 7 })).AssertError(HttpStatusCode.BadRequest, -1100,
            "status: must be 0 to 6 (0 Email Sent, 1 Cancelled, 2 Awaiting Approval, 3 Rejected, 4 Processing, 5 Failure, 6 Completed), not 7.");
        (await admin.Post($"/withdrawals/{id}/status", new { status = 1, reason = "x" })).AssertError(HttpStatusCode.BadRequest, -1100,
            "reason: unknown field; this call takes status.");
        Assert.Equal(("100.00000000", "0.00000000"), await alice.Balance("ETH"));

        // Completed by the clock is final too.
        string done = (await alice.Signed(HttpMethod.Get, $"{W}/withdraw", $"asset=ETH&address={Address}&amount=1")).Ok().Str("id");
        _venue.Clock.Advance(TimeSpan.FromMinutes(1));
        (await admin.Post($"/withdrawals/{done}/status", new { status = 1 })).AssertError(HttpStatusCode.Conflict, -1100,
            $"status: withdrawal {done} is already Completed (6), a final status.");
        Assert.Equal(("99.00000000", "0.00000000"), await alice.Balance("ETH"));
        await Ledger.AssertHolds(_venue);
    }

    [Fact]
    public async Task Admin_deposit_refuses_bad_input_and_changes_nothing()
    {
        var admin = Admin;
        (await admin.Post("/deposits", new { accountId = 1, asset = "BTC", amount = "1", memo = "x" })).AssertError(HttpStatusCode.BadRequest, -1100,
            "memo: unknown field; this call takes accountId, asset, amount.");
        (await admin.Post("/deposits", new { asset = "BTC", amount = "1" })).AssertError(HttpStatusCode.BadRequest, -1100, "accountId: is required, e.g. 1.");
        (await admin.Post("/deposits", new { accountId = 1, asset = "DOGE", amount = "1" })).AssertError(HttpStatusCode.BadRequest, -1100,
            "asset: Unknown asset 'DOGE'. Known: BTC, USDT, ETH, JEX, LTC.");
        (await admin.Post("/deposits", new { accountId = 1, asset = "BTCCALLM", amount = "1" })).AssertError(HttpStatusCode.BadRequest, -1100,
            "asset: 'BTCCALLM' is an option token: tokens are issued (option/release) and settled, never deposited or withdrawn.");
        (await admin.Post("/deposits", new { accountId = 1, asset = "BTC", amount = "-1" })).AssertError(HttpStatusCode.BadRequest, -1100,
            "amount: must be positive: a deposit credits the account (debit through a withdrawal).");
        (await admin.Post("/deposits", new { accountId = 1, asset = "BTC", amount = "0.000000001" })).AssertError(HttpStatusCode.BadRequest, -1100,
            "amount: '0.000000001' is not a decimal with at most 8 decimals.");
        (await admin.Post("/deposits", new { accountId = 99, asset = "BTC", amount = "1" })).AssertError(HttpStatusCode.NotFound, -1100, "accountId: Unknown account 99.");
        Assert.Equal(("10.00000000", "0.00000000"), await _venue.Alice().Balance("BTC"));
        Assert.Empty((await _venue.Alice().SignedGet($"{W}/depositHistory", "")).EnumerateArray());
        await Ledger.AssertHolds(_venue);
    }

    [Fact]
    public async Task Admin_balance_credits_and_debits_are_recorded_as_a_deposit_and_a_completed_withdrawal()
    {
        var alice = _venue.Alice();
        await Admin.Ok(HttpMethod.Post, "/accounts/1/balances", new { asset = "LTC", amount = "5" });
        await Admin.Ok(HttpMethod.Post, "/accounts/1/balances", new { asset = "LTC", amount = "-2" });
        var deposit = Assert.Single((await alice.SignedGet($"{W}/depositHistory", "")).EnumerateArray());
        Assert.Equal(("LTC", 5m), (deposit.Str("asset"), deposit.GetProperty("amount").GetDecimal()));
        var withdrawal = Assert.Single((await alice.SignedGet($"{W}/withdrawHistory", "")).GetProperty("withdrawRecordList").EnumerateArray());
        Assert.Equal(("LTC", 2m, 6, "jexsim-admin-debit"),
            (withdrawal.Str("asset"), withdrawal.GetProperty("amount").GetDecimal(), withdrawal.GetProperty("status").GetInt32(), withdrawal.Str("address")));
        Assert.Equal(("1003.00000000", "0.00000000"), await alice.Balance("LTC"));
        // An account created with opening balances adds them to the opening supply: still balanced.
        await Admin.Ok(HttpMethod.Post, "/accounts", new { balances = new Dictionary<string, string> { ["LTC"] = "7" } });
        await Ledger.AssertHolds(_venue);
    }

    [Fact]
    public async Task Deposits_withdrawals_and_refunds_reach_the_user_data_stream_as_balance_updates()
    {
        using var venue = FastStreams.Venue();
        var alice = venue.Alice();
        var admin = new Simulation.Admin(venue.CreateClient());
        string listenKey = (await alice.Public(HttpMethod.Post, "/api/v1/userDataStream", withKey: true)).Ok().Str("listenKey");
        await using var ws = await StreamSocket.ConnectAsync(venue, "/ws/" + listenKey);
        static string Free(JsonElement e, string asset) => e.GetProperty("B").EnumerateArray().Single(b => b.Str("a") == asset).Str("f");

        await admin.Ok(HttpMethod.Post, "/deposits", new { accountId = 1, asset = "BTC", amount = "1" });
        Assert.Equal("11.00000000", Free(await ws.NextAsync(e => e.Str("e") == "accountSpotInfo"), "BTC"));
        string id = (await alice.Signed(HttpMethod.Get, $"{W}/withdraw", $"asset=BTC&address={Address}&amount=3")).Ok().Str("id");
        Assert.Equal("8.00000000", Free(await ws.NextAsync(e => e.Str("e") == "accountSpotInfo"), "BTC"));
        await admin.Ok(HttpMethod.Post, $"/withdrawals/{id}/status", new { status = 1 });
        Assert.Equal("11.00000000", Free(await ws.NextAsync(e => e.Str("e") == "accountSpotInfo"), "BTC"));
    }

    [Fact]
    public async Task Deposits_withdrawals_and_forced_statuses_survive_a_restart()
    {
        var alice = _venue.Alice();
        await Admin.Ok(HttpMethod.Post, "/deposits", new { accountId = 1, asset = "JEX", amount = "12.5" });
        string kept = (await alice.Signed(HttpMethod.Get, $"{W}/withdraw", $"asset=BTC&address={Address}&amount=1")).Ok().Str("id");
        string failed = (await alice.Signed(HttpMethod.Get, $"{W}/withdraw", $"asset=BTC&address={Address}&amount=2")).Ok().Str("id");
        await Admin.Ok(HttpMethod.Post, $"/withdrawals/{failed}/status", new { status = 3 });
        _venue.Clock.Advance(TimeSpan.FromSeconds(15));
        long now = _venue.Clock.NowMs;
        string deposits = (await alice.SignedGet($"{W}/depositHistory", "")).GetRawText();
        string withdrawals = (await alice.SignedGet($"{W}/withdrawHistory", "")).GetRawText();
        Assert.Contains("\"status\":2", withdrawals); // the kept one is awaiting approval, the forced one rejected
        Assert.Contains("\"status\":3", withdrawals);

        using var second = _venue.Restart();
        second.Clock.SetVirtual(now);
        var again = second.Alice();
        Assert.Equal(deposits, (await again.SignedGet($"{W}/depositHistory", "")).GetRawText());
        Assert.Equal(withdrawals, (await again.SignedGet($"{W}/withdrawHistory", "")).GetRawText());
        Assert.Equal(("9.00000000", "0.00000000"), await again.Balance("BTC"));
        await Ledger.AssertHolds(second);

        // The clock carries the kept one on; forcing still works; a new withdrawal gets a new id.
        second.Clock.SetVirtual(now + 60_000);
        var list = (await again.SignedGet($"{W}/withdrawHistory", "")).GetProperty("withdrawRecordList").EnumerateArray().ToDictionary(w => w.Str("id"), w => w.GetProperty("status").GetInt32());
        Assert.Equal(6, list[kept]);
        Assert.Equal(3, list[failed]);
        (await new Simulation.Admin(second.CreateClient()).Post($"/withdrawals/{failed}/status", new { status = 6 })).AssertError(HttpStatusCode.Conflict, -1100,
            $"status: withdrawal {failed} is already Rejected (3), a final status.");
        string third = (await again.Signed(HttpMethod.Get, $"{W}/withdraw", $"asset=BTC&address={Address}&amount=1")).Ok().Str("id");
        Assert.DoesNotContain(third, new[] { kept, failed });
        await Ledger.AssertHolds(second);
    }
}
