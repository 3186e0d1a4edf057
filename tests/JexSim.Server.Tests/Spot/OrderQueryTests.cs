using System.Net;
using System.Text.Json;
using JexSim.Server.Tests.Infrastructure;

namespace JexSim.Server.Tests.Spot;

/// <summary>GET and DELETE /api/v1/spot/order, GET /api/v1/spot/openOrders and /historyOrders.</summary>
public sealed class OrderQueryTests
{
    private const long T0 = JexSimFactory.StartTime;

    [Fact]
    public async Task Get_order_follows_an_order_through_a_partial_fill_and_its_cancel()
    {
        using var venue = new JexSimFactory();
        var alice = venue.Alice();
        var bob = venue.Bob();

        long id = await alice.Rest("btcusdt", "BUY", "0.3", "29995");
        var fresh = await alice.SignedGet(SpotApi.Order, $"symbol=btcusdt&orderId={id}");
        SpotApi.AssertShape(fresh, SpotApi.OrderShape);
        Assert.Equal(("BTCUSDT", id.ToString(), "29995.00000000", "0.30000000", "0.00000000", "0.00000000"),
            (fresh.Str("symbol"), fresh.Str("orderId"), fresh.Str("price"), fresh.Str("origQty"), fresh.Str("executedQty"), fresh.Str("cummulativeQuoteQty")));
        Assert.Equal(("NEW", "GTC", "LIMIT", "BUY", T0, T0, true),
            (fresh.Str("status"), fresh.Str("timeInForce"), fresh.Str("type"), fresh.Str("side"), fresh.Num("time"), fresh.Num("updateTime"), fresh.GetProperty("working").GetBoolean()));

        venue.Clock.Advance(TimeSpan.FromSeconds(5));
        await bob.PlaceResult("symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=IOC&quantity=0.1&price=29995");
        var partial = await alice.SignedGet(SpotApi.Order, $"symbol=BTCUSDT&orderId={id}");
        Assert.Equal(("PARTIALLY_FILLED", "0.10000000", "2999.50000000", T0, T0 + 5000),
            (partial.Str("status"), partial.Str("executedQty"), partial.Str("cummulativeQuoteQty"), partial.Num("time"), partial.Num("updateTime")));
        Assert.Equal("5999.00000000", (await alice.Balance("USDT")).Locked); // 0.2 × 29995 still held

        venue.Clock.Advance(TimeSpan.FromSeconds(5));
        var cancelled = (await alice.Signed(HttpMethod.Delete, SpotApi.Order, $"symbol=btcusdt&orderId={id}")).Ok();
        SpotApi.AssertShape(cancelled, SpotApi.ResultShape);
        Assert.Equal(("BTCUSDT", id, T0 + 10_000, "29995.00000000", "0.30000000", "0.10000000", "2999.50000000"),
            (cancelled.Str("symbol"), cancelled.Num("orderId"), cancelled.Num("transactTime"), cancelled.Str("price"), cancelled.Str("origQty"),
                cancelled.Str("executedQty"), cancelled.Str("cummulativeQuoteQty")));
        // Cancelled after a partial fill: JEX's CANCLEFILLED (README, statuses).
        Assert.Equal(("CANCLEFILLED", "GTC", "LIMIT", "BUY"), (cancelled.Str("status"), cancelled.Str("timeInForce"), cancelled.Str("type"), cancelled.Str("side")));
        Assert.Equal("0.00000000", (await alice.Balance("USDT")).Locked);

        var after = await alice.SignedGet(SpotApi.Order, $"symbol=BTCUSDT&orderId={id}");
        Assert.Equal(("CANCLEFILLED", T0 + 10_000), (after.Str("status"), after.Num("updateTime")));
        (await alice.Signed(HttpMethod.Delete, SpotApi.Order, $"symbol=BTCUSDT&orderId={id}"))
            .AssertError(HttpStatusCode.BadRequest, -2011, "Unknown order sent.");
    }

    [Fact]
    public async Task Orders_of_another_account_or_symbol_cannot_be_seen_or_cancelled()
    {
        using var venue = new JexSimFactory();
        var alice = venue.Alice();
        var bob = venue.Bob();
        long id = await alice.Rest("BTCUSDT", "BUY", "0.1", "29000");

        (await bob.Signed(HttpMethod.Get, SpotApi.Order, $"symbol=BTCUSDT&orderId={id}")).AssertError(HttpStatusCode.BadRequest, -2013, "Order does not exist.");
        (await alice.Signed(HttpMethod.Get, SpotApi.Order, $"symbol=ETHUSDT&orderId={id}")).AssertError(HttpStatusCode.BadRequest, -2013, "Order does not exist.");
        (await bob.Signed(HttpMethod.Delete, SpotApi.Order, $"symbol=BTCUSDT&orderId={id}")).AssertError(HttpStatusCode.BadRequest, -2011, "Unknown order sent.");
        (await alice.Signed(HttpMethod.Delete, SpotApi.Order, $"symbol=ETHUSDT&orderId={id}")).AssertError(HttpStatusCode.BadRequest, -2011, "Unknown order sent.");
        // Bob's own fixture order 1 is not alice's to cancel.
        (await alice.Signed(HttpMethod.Delete, SpotApi.Order, "symbol=BTCUSDT&orderId=1")).AssertError(HttpStatusCode.BadRequest, -2011, "Unknown order sent.");

        Assert.Equal("NEW", (await alice.SignedGet(SpotApi.Order, $"symbol=BTCUSDT&orderId={id}")).Str("status"));
        Assert.Equal("NEW", (await bob.SignedGet(SpotApi.Order, "symbol=BTCUSDT&orderId=1")).Str("status"));
    }

    [Fact]
    public async Task A_filled_order_cannot_be_cancelled()
    {
        using var venue = new JexSimFactory();
        var alice = venue.Alice();
        var filled = await alice.PlaceResult("symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1&price=30000");
        Assert.Equal("FILLED", filled.Str("status"));
        (await alice.Signed(HttpMethod.Delete, SpotApi.Order, $"symbol=BTCUSDT&orderId={filled.Num("orderId")}"))
            .AssertError(HttpStatusCode.BadRequest, -2011, "Unknown order sent.");
    }

    /// <summary>
    /// Alice's orders, one second apart from T0, named by letter (ids come from the answers): A resting, B filled,
    /// C resting (all BTCUSDT), D on ETHUSDT, E cancelled, F IOC expired. Ids rise in that order.
    /// </summary>
    private static async Task<(JexSimFactory Venue, Dictionary<char, long> Ids)> SixOrders()
    {
        var venue = new JexSimFactory();
        var alice = venue.Alice();
        var ids = new Dictionary<char, long>();
        async Task At(char name, int second, string order)
        {
            venue.Clock.SetVirtual(T0 + second * 1000L);
            ids[name] = (await alice.PlaceResult(order)).Num("orderId");
        }
        await At('A', 0, "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1&price=29000");
        await At('B', 1, "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1&price=30000");
        await At('C', 2, "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1&price=29001");
        await At('D', 3, "symbol=ETHUSDT&side=BUY&type=LIMIT&quantity=1&price=1900");
        await At('E', 4, "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1&price=29002");
        (await alice.Signed(HttpMethod.Delete, SpotApi.Order, $"symbol=BTCUSDT&orderId={ids['E']}")).Ok();
        await At('F', 5, "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=IOC&quantity=0.1&price=29003");
        Assert.Equal(ids.Values.Order(), ids.Values); // one id after the other
        Assert.Equal(5, ids['F'] - ids['A']);
        return (venue, ids);
    }

    [Theory]
    [InlineData("/api/v1/spot/openOrders", "symbol=btcusdt", "A:NEW C:NEW")]
    [InlineData("/api/v1/spot/openOrders", "symbol=ETHUSDT", "D:NEW")]
    [InlineData("/api/v1/spot/openOrders", "symbol=LTCBTC", "")]
    [InlineData("/api/v1/spot/openOrders", "symbol=BTCUSDT&orderId=A", "C:NEW")]
    [InlineData("/api/v1/spot/openOrders", "symbol=BTCUSDT&limit=1", "C:NEW")]
    [InlineData("/api/v1/spot/historyOrders", "symbol=BTCUSDT", "A:NEW B:FILLED C:NEW E:CANCELED F:CANCELED")]
    [InlineData("/api/v1/spot/historyOrders", "symbol=BTCUSDT&orderId=B", "C:NEW E:CANCELED F:CANCELED")]
    [InlineData("/api/v1/spot/historyOrders", "symbol=BTCUSDT&orderId=B&limit=2", "C:NEW E:CANCELED")]
    [InlineData("/api/v1/spot/historyOrders", "symbol=BTCUSDT&limit=2", "E:CANCELED F:CANCELED")]
    [InlineData("/api/v1/spot/historyOrders", "symbol=BTCUSDT&startTime=1767225601000&endTime=1767225604000", "B:FILLED C:NEW E:CANCELED")]
    [InlineData("/api/v1/spot/historyOrders", "symbol=BTCUSDT&startTime=1767225605000", "F:CANCELED")]
    public async Task Order_lists_filter_by_symbol_status_id_time_and_limit_oldest_first(string path, string query, string expected)
    {
        var (venue, ids) = await SixOrders();
        using var _ = venue;
        foreach (var (name, id) in ids) query = query.Replace($"orderId={name}", $"orderId={id}");
        var list = await venue.Alice().SignedGet(path, query);
        Assert.Equal(JsonValueKind.Array, list.ValueKind);
        foreach (var o in list.EnumerateArray()) SpotApi.AssertShape(o, SpotApi.OrderShape);
        var names = ids.ToDictionary(x => x.Value.ToString(), x => x.Key);
        Assert.Equal(expected, string.Join(' ', list.EnumerateArray().Select(o => $"{names[o.Str("orderId")]}:{o.Str("status")}")));
    }

    [Fact]
    public async Task Order_lists_print_each_order_like_get_order()
    {
        var (venue, ids) = await SixOrders();
        using var _ = venue;
        var alice = venue.Alice();
        var history = await alice.SignedGet("/api/v1/spot/historyOrders", "symbol=BTCUSDT");
        foreach (var o in history.EnumerateArray())
            Assert.Equal((await alice.SignedGet(SpotApi.Order, $"symbol=BTCUSDT&orderId={o.Str("orderId")}")).GetRawText(), o.GetRawText());
        var filled = history.EnumerateArray().Single(o => o.Str("orderId") == ids['B'].ToString());
        Assert.Equal(("30000.00000000", "0.10000000", "0.10000000", "3000.00000000", T0 + 1000, T0 + 1000),
            (filled.Str("price"), filled.Str("origQty"), filled.Str("executedQty"), filled.Str("cummulativeQuoteQty"), filled.Num("time"), filled.Num("updateTime")));
        var cancelled = history.EnumerateArray().Single(o => o.Str("orderId") == ids['E'].ToString());
        Assert.Equal((T0 + 4000, T0 + 4000), (cancelled.Num("time"), cancelled.Num("updateTime")));
    }

    [Fact]
    public async Task Bob_sees_his_fixture_ladder_as_open_orders()
    {
        using var venue = new JexSimFactory();
        var open = await venue.Bob().SignedGet("/api/v1/spot/openOrders", "symbol=BTCUSDT");
        Assert.Equal(Enumerable.Range(1, 10).Select(i => i.ToString()).ToArray(), open.EnumerateArray().Select(o => o.Str("orderId")).ToArray());
        Assert.Equal(["SELL", "BUY", "SELL", "BUY", "SELL", "BUY", "SELL", "BUY", "SELL", "BUY"], open.EnumerateArray().Select(o => o.Str("side")).ToArray());
    }
}
