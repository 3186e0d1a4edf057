using System.Globalization;
using System.Text.Json;
using JexSim.Server.Tests.Infrastructure;
using JexSim.Server.Tests.Simulation;
using JexSim.Server.Tests.Spot;
using JexSim.Server.Tests.Streams;

namespace JexSim.Server.Tests.Contract;

/// <summary>
/// Issue 11's scenario through HTTP on quiet.json: alice buys bob's best contract ask (opposite positions), the
/// reference price moves, positions show PnL and the liquidation price, the venue restarts and keeps them, alice adds
/// margin from spot and closes at market into bob's bid; bills, trades, both balances and both user streams
/// (execContractReport, accountContractInfo, contractPositions) agree, invariants hold.
/// </summary>
public sealed class ContractScenarioTests
{
    private const string Prefix = "/api/v1/contract";

    private static async Task Invariants(JexSimFactory venue) =>
        Assert.Empty(await venue.Venue().Sequencer.Inspect(core => core.CheckInvariants()));

    private static JsonElement Position(JsonElement positions) => positions.EnumerateArray().Single(p => p.Str("symbol") == "BTCUSDT");

    private static decimal Dec(JsonElement e, string name) => decimal.Parse(e.Str(name), CultureInfo.InvariantCulture);

    private static async Task<(decimal Free, decimal Locked)> ContractBalance(JexClient client)
    {
        var row = (await client.Account()).GetProperty("contractBalances").EnumerateArray().Single();
        Assert.Equal("usdt", row.Str("asset"));
        return (Dec(row, "free"), Dec(row, "locked"));
    }

    private static async Task<StreamSocket> UserStreamAsync(JexSimFactory venue, JexClient client) =>
        await StreamSocket.ConnectAsync(venue, "/ws/" + (await client.Public(HttpMethod.Post, "/api/v1/userDataStream", withKey: true)).Json.Str("listenKey"));

    private static Task<JsonElement> Next(StreamSocket ws, string type) => ws.NextAsync(e => e.Str("e") == type);

    [Fact]
    public async Task Two_accounts_open_opposite_positions_the_price_moves_one_closes_and_everything_agrees()
    {
        var venue = new JexSimFactory();
        StreamSocket? aliceWs = null, bobWs = null;
        try
        {
            var alice = venue.Alice();
            var bob = venue.Bob();
            Assert.Equal((50_000m, 0m), await ContractBalance(alice));
            aliceWs = await UserStreamAsync(venue, alice);
            bobWs = await UserStreamAsync(venue, bob);

            // Open: alice takes bob's best ask, 0.5 @ 30005 (value 15002.5; margin at leverage 10: 1500.25).
            var placed = (await alice.Signed(HttpMethod.Post, $"{Prefix}/order",
                "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.5&price=30005&newOrderRespType=RESULT")).Ok();
            Assert.Equal("filled", placed.Str("status"));
            Assert.Equal("0.50000000", placed.Str("executedQty"));
            string aliceOpen = placed.Str("orderId");
            Assert.Equal(19, aliceOpen.Length);
            await Invariants(venue);

            // Both streams report the fill, the margin it took and the positions it opened, as REST shows them.
            var opened = await Next(aliceWs, "execContractReport");
            Assert.Equal(("FILLED", aliceOpen, "0.50000000", "15002.50000000"), (opened.Str("X"), opened.Str("i"), opened.Str("z"), opened.Str("Z")));
            var aliceAccount = await Next(aliceWs, "accountContractInfo");
            Assert.Equal(("1500.25000000", "0.00000000"), (aliceAccount.GetProperty("B")[0].Str("p"), aliceAccount.GetProperty("B")[0].Str("o")));
            await ContractStreamTests.AssertAccountMatchesRestAsync(alice, aliceAccount);
            var aliceLong = await Next(aliceWs, "contractPositions");
            Assert.Equal(("longs", "0.50000000", "1500.25000000"), (aliceLong.GetProperty("p")[0].Str("d"), aliceLong.GetProperty("p")[0].Str("q"), aliceLong.GetProperty("p")[0].Str("o")));
            await ContractStreamTests.AssertPositionMatchesRestAsync(alice, aliceLong);
            var bobFill = await Next(bobWs, "execContractReport");
            Assert.Equal(("FILLED", "-0.50000000", "15002.50000000"), (bobFill.Str("X"), bobFill.Str("z"), bobFill.Str("Z")));
            await ContractStreamTests.AssertAccountMatchesRestAsync(bob, await Next(bobWs, "accountContractInfo"));
            var bobShort = await Next(bobWs, "contractPositions");
            Assert.Equal(("shorts", "-0.50000000"), (bobShort.GetProperty("p")[0].Str("d"), bobShort.GetProperty("p")[0].Str("q")));
            await ContractStreamTests.AssertPositionMatchesRestAsync(bob, bobShort);

            // The index moves to 31000; the book's mid (30002.5) pulls the mark by the smoothed basis: the sample is clamped
            // to -0.5% of the index (-155) and the basis moves a tenth of the way, so mark = 31000 - 15.5 = 30984.5:
            // alice +489.75, bob -489.75.
            (await venue.Admin().Put("/prices/BTCUSDT", new { price = "31000", market = "contract" })).Ok();
            var indices = await alice.Get($"{Prefix}/ticker/indicesPrice", "symbol=BTCUSDT");
            Assert.Equal(("30005.00000000", "31000.00000000", "30984.50000000"), (indices.Str("price"), indices.Str("indexPrice"), indices.Str("markPrice")));

            var longPos = Position(await alice.SignedGet($"{Prefix}/position", "symbol=BTCUSDT"));
            Assert.Equal("longs", longPos.Str("direction"));
            Assert.Equal("0.50000000", longPos.Str("currentQuantity"));
            Assert.Equal("1500.25000000", longPos.Str("positionMargin"));
            Assert.Equal("15002.50000000", longPos.Str("positionCost"));
            Assert.Equal("30005.00000000", longPos.Str("costPrice"));
            Assert.Equal("489.75000000", longPos.Str("profit"));
            Assert.Equal(Math.Round(489.75m / 1500.25m, 10, MidpointRounding.ToZero), Dec(longPos, "profitRate"));
            // Isolated long: margin + (P - cost price) q = 0.005 P q  =>  P = (cost - margin) / (q (1 - 0.005)).
            Assert.Equal(Math.Ceiling((15_002.5m - 1_500.25m) / (0.5m * 0.995m) * 1e8m) / 1e8m, Dec(longPos, "liquidationPrice"));
            Assert.Equal("10.00", longPos.Str("leverage"));

            var shortPos = Position(await bob.SignedGet($"{Prefix}/position", "symbol=BTCUSDT"));
            Assert.Equal(("shorts", "-0.50000000", "-489.75000000"), (shortPos.Str("direction"), shortPos.Str("currentQuantity"), shortPos.Str("profit")));
            Assert.Equal(Math.Floor((15_002.5m + 1_500.25m) / (0.5m * 1.005m) * 1e8m) / 1e8m, Dec(shortPos, "liquidationPrice"));

            // A restart keeps positions, balances and the reference price.
            var before = (await alice.SignedGet($"{Prefix}/position", "")).GetRawText();
            var balanceBefore = await ContractBalance(alice);
            await aliceWs.DisposeAsync();
            await bobWs.DisposeAsync();
            venue = venue.Restart();
            alice = venue.Alice();
            bob = venue.Bob();
            // listenKeys live in memory: after the restart both start new streams, as clients do.
            aliceWs = await UserStreamAsync(venue, alice);
            bobWs = await UserStreamAsync(venue, bob);
            Assert.Equal(before, (await alice.SignedGet($"{Prefix}/position", "")).GetRawText());
            Assert.Equal(balanceBefore, await ContractBalance(alice));
            await Invariants(venue);

            // Alice moves 100 USDT from spot into the position's margin.
            var (spotBefore, _) = await alice.Balance("USDT");
            var transfer = (await alice.Signed(HttpMethod.Post, $"{Prefix}/transferMargin", "symbol=BTCUSDT&amount=100")).Ok();
            Assert.Equal(decimal.Parse(spotBefore, CultureInfo.InvariantCulture) - 100m, transfer.GetProperty("balance").GetDecimal());
            Assert.Equal((decimal.Parse(spotBefore, CultureInfo.InvariantCulture) - 100m).ToString("0.00000000", CultureInfo.InvariantCulture), (await alice.Balance("USDT")).Free);
            Assert.Equal("1600.25000000", Position(await alice.SignedGet($"{Prefix}/position", "symbol=BTCUSDT")).Str("positionMargin"));
            var spotAfterTransfer = await Next(aliceWs, "accountSpotInfo");
            Assert.Equal((await alice.Balance("USDT")).Free, spotAfterTransfer.GetProperty("B").EnumerateArray().Single(b => b.Str("a") == "USDT").Str("f"));
            var moved = await Next(aliceWs, "accountContractInfo");
            Assert.Equal("1600.25000000", moved.GetProperty("B")[0].Str("p"));
            await ContractStreamTests.AssertAccountMatchesRestAsync(alice, moved);
            await ContractStreamTests.AssertPositionMatchesRestAsync(alice, await Next(aliceWs, "contractPositions"));

            // Alice closes at market into bob's best bid, 0.5 @ 29995: realised -5 for her, +5 for bob.
            var closed = (await alice.Signed(HttpMethod.Post, $"{Prefix}/liquidation", "symbol=BTCUSDT")).Ok();
            Assert.Equal(("sell", "0.50000000", "filled", "market"), (closed.Str("side"), closed.Str("origQty"), closed.Str("status"), closed.Str("type")));
            Assert.DoesNotContain((await alice.SignedGet($"{Prefix}/position", "symbol=BTCUSDT")).EnumerateArray(), p => p.Str("currentQuantity") != "0.00000000");
            Assert.DoesNotContain((await bob.SignedGet($"{Prefix}/position", "symbol=BTCUSDT")).EnumerateArray(), p => p.Str("currentQuantity") != "0.00000000");
            await Invariants(venue);

            // Contract balance: 50000 + 100 moved in - 5 realised - fees (7.50125 + 7.49875).
            Assert.Equal((50_080m, 0m), await ContractBalance(alice));

            // The streams saw the close: alice's sell FILLED, everything back in free, both positions flat.
            var closeReport = await Next(aliceWs, "execContractReport");
            Assert.Equal(("FILLED", closed.Str("orderId"), "-0.50000000", "14997.50000000"), (closeReport.Str("X"), closeReport.Str("i"), closeReport.Str("z"), closeReport.Str("Z")));
            var settled = await Next(aliceWs, "accountContractInfo");
            Assert.Equal(("50080.00000000", "0.00000000", "0.00000000"), (settled.GetProperty("B")[0].Str("f"), settled.GetProperty("B")[0].Str("o"), settled.GetProperty("B")[0].Str("p")));
            await ContractStreamTests.AssertAccountMatchesRestAsync(alice, settled);
            var flat = (await Next(aliceWs, "contractPositions")).GetProperty("p")[0];
            Assert.Equal(("BTCUSDT", "0.00000000", "", "0.00000000"), (flat.Str("s"), flat.Str("q"), flat.Str("d"), flat.Str("o")));
            var bobClose = await Next(bobWs, "execContractReport");
            Assert.Equal("0.50000000", bobClose.Str("z")); // bob's resting bid bought 0.5 of his short back
            await ContractStreamTests.AssertAccountMatchesRestAsync(bob, await Next(bobWs, "accountContractInfo"));
            Assert.Equal("0.00000000", (await Next(bobWs, "contractPositions")).GetProperty("p")[0].Str("q"));

            // Bills agree, oldest first.
            var bills = (await alice.SignedGet($"{Prefix}/bill", "")).EnumerateArray()
                .Select(b => (b.Str("type"), b.GetProperty("amount").GetDecimal(), b.Str("symbol"))).ToList();
            Assert.Equal(
                [("positionSize", 0.5m, "BTCUSDT"), ("fee", -7.50125m, "BTCUSDT"), ("transfer", 100m, "BTCUSDT"),
                 ("positionSize", -0.5m, "BTCUSDT"), ("closPosition", -5m, "BTCUSDT"), ("fee", -7.49875m, "BTCUSDT")], bills);
            var bobBills = (await bob.SignedGet($"{Prefix}/bill", "")).EnumerateArray().Select(b => (b.Str("type"), b.GetProperty("amount").GetDecimal())).ToList();
            Assert.Contains(("closPosition", 5m), bobBills);
            Assert.Equal(0m, bobBills.Where(b => b.Item1 == "positionSize").Sum(b => b.Item2));

            // Trades agree: signed quantities, the rate paid, who was the maker.
            var trades = (await alice.SignedGet($"{Prefix}/userHistoricalTrades", "symbol=BTCUSDT")).EnumerateArray().ToList();
            Assert.Equal([("30005.00000000", "0.50000000", "0.00050000", false), ("29995.00000000", "-0.50000000", "0.00050000", true)],
                trades.Select(t => (t.Str("price"), t.Str("qty"), t.Str("feeRate"), t.GetProperty("buyerMaker").GetBoolean())));
            Assert.Equal(aliceOpen, trades[0].Str("orderId"));
            // The streamed fills are the trades: the same orders, signed quantities and values.
            Assert.Equal([(trades[0].Str("orderId"), trades[0].Str("qty")), (trades[1].Str("orderId"), trades[1].Str("qty"))],
                [(opened.Str("i"), opened.Str("z")), (closeReport.Str("i"), closeReport.Str("z"))]);
            Assert.Equal(bills.Where(b => b.Item1 == "positionSize").Select(b => b.Item2),
                new[] { opened, closeReport }.Select(r => decimal.Parse(r.Str("z"), CultureInfo.InvariantCulture)));
            var market = (await alice.Get($"{Prefix}/trades", "symbol=BTCUSDT")).EnumerateArray().Select(t => t.Str("price")).ToList();
            Assert.Equal(["30005.00000000", "29995.00000000"], market);
            // The spot market of the same name saw none of it.
            Assert.Empty((await alice.Get("/api/v1/spot/trades", "symbol=BTCUSDT")).EnumerateArray());

            // The close is listed as the account's closing order.
            var closing = (await alice.Public(HttpMethod.Get, $"{Prefix}/liquidationOrder", "symbol=BTCUSDT", withKey: true)).Ok();
            Assert.Equal([(closed.Str("orderId"), "MARKET", "SELL", "FILLED")],
                closing.EnumerateArray().Select(o => (o.Str("orderId"), o.Str("type"), o.Str("side"), o.Str("status"))));
        }
        finally
        {
            if (aliceWs is not null) await aliceWs.DisposeAsync();
            if (bobWs is not null) await bobWs.DisposeAsync();
            venue.Dispose();
        }
    }
}
