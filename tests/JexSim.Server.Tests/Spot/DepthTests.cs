using System.Globalization;
using System.Text.Json;
using JexSim.Server.Tests.Infrastructure;

namespace JexSim.Server.Tests.Spot;

/// <summary>GET /api/v1/spot/depth: every allowed limit on a book deeper than 60 levels, and lastUpdateId.</summary>
public sealed class DepthTests(DeepBookFixture book) : IClassFixture<DeepBookFixture>
{
    [Theory]
    [InlineData(5)]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(50)]
    [InlineData(60)]
    [InlineData(null)] // default 60
    public async Task Depth_returns_limit_levels_per_side_best_first(int? limit)
    {
        var depth = await book.Venue.Alice().Get("/api/v1/spot/depth", "symbol=btcusdt" + (limit is null ? "" : $"&limit={limit}"));
        SpotApi.AssertShape(depth, ("lastUpdateId", 'n'), ("bids", 'a'), ("asks", 'a'));
        Assert.Equal(book.UpdateId, depth.Num("lastUpdateId"));
        int n = limit ?? 60;
        Assert.Equal(book.Bids.Take(n).ToArray(), Rows(depth.GetProperty("bids")));
        Assert.Equal(book.Asks.Take(n).ToArray(), Rows(depth.GetProperty("asks")));
    }

    [Fact]
    public async Task An_untouched_book_shows_the_fixture_ladder_exactly()
    {
        var depth = await book.Venue.Alice().Get("/api/v1/spot/depth", "symbol=LTCBTC&limit=5");
        Assert.Equal([("0.00249000", "50.00000000"), ("0.00248000", "40.00000000"), ("0.00247000", "30.00000000"), ("0.00246000", "20.00000000"), ("0.00245000", "10.00000000")],
            Rows(depth.GetProperty("bids")));
        Assert.Equal([("0.00250000", "50.00000000"), ("0.00251000", "40.00000000"), ("0.00252000", "30.00000000"), ("0.00253000", "20.00000000"), ("0.00254000", "10.00000000")],
            Rows(depth.GetProperty("asks")));
    }

    /// <summary>Each row is [price, qty, []] with price and qty as strings.</summary>
    internal static (string Price, string Qty)[] Rows(JsonElement side) => side.EnumerateArray().Select(row =>
    {
        var cells = row.EnumerateArray().ToArray();
        Assert.Equal(3, cells.Length);
        Assert.Equal(JsonValueKind.Array, cells[2].ValueKind);
        Assert.Empty(cells[2].EnumerateArray());
        return (cells[0].GetString()!, cells[1].GetString()!);
    }).ToArray();
}

/// <summary>BTCUSDT with 75 bid and 75 ask levels: the fixture's five each side plus 70 of alice's.</summary>
public sealed class DeepBookFixture : IAsyncLifetime
{
    public JexSimFactory Venue { get; } = new();
    public List<(string Price, string Qty)> Bids { get; } = [("29990.00000000", "0.50000000"), ("29980.00000000", "0.40000000"), ("29970.00000000", "0.30000000"), ("29960.00000000", "0.20000000"), ("29950.00000000", "0.10000000")];
    public List<(string Price, string Qty)> Asks { get; } = [("30000.00000000", "0.50000000"), ("30010.00000000", "0.40000000"), ("30020.00000000", "0.30000000"), ("30030.00000000", "0.20000000"), ("30040.00000000", "0.10000000")];
    public long UpdateId { get; private set; }

    public async Task InitializeAsync()
    {
        var alice = Venue.Alice();
        for (int i = 0; i < 70; i++)
        {
            string bid = (29900 - i).ToString(CultureInfo.InvariantCulture), ask = (30100 + i).ToString(CultureInfo.InvariantCulture);
            await alice.Rest("BTCUSDT", "BUY", "0.001", bid);
            await alice.Rest("BTCUSDT", "SELL", "0.001", ask);
            Bids.Add((bid + ".00000000", "0.00100000"));
            Asks.Add((ask + ".00000000", "0.00100000"));
        }
        // Ten fixture orders and 140 of alice's, each changing the book once.
        UpdateId = 150;
    }

    public Task DisposeAsync()
    {
        Venue.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>lastUpdateId moves with every change of the book, and only then.</summary>
public sealed class DepthUpdateIdTests
{
    [Fact]
    public async Task LastUpdateId_increases_with_each_change_of_the_book_and_only_then()
    {
        using var venue = new JexSimFactory();
        var alice = venue.Alice();
        async Task<long> UpdateId(string symbol = "BTCUSDT") => (await alice.Get("/api/v1/spot/depth", $"symbol={symbol}&limit=5")).Num("lastUpdateId");

        long seeded = await UpdateId();
        Assert.True(seeded > 0);

        (await alice.Signed(HttpMethod.Post, "/api/v1/spot/order/test", "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.1&price=29995")).Ok();
        Assert.Equal(seeded, await UpdateId());

        long id = await alice.Rest("BTCUSDT", "BUY", "0.1", "29995");
        long rested = await UpdateId();
        Assert.True(rested > seeded);
        var depth = await alice.Get("/api/v1/spot/depth", "symbol=BTCUSDT&limit=5");
        Assert.Equal(("29995.00000000", "0.10000000"), DepthTests.Rows(depth.GetProperty("bids"))[0]);

        await alice.Rest("ETHUSDT", "BUY", "0.1", "1900");
        Assert.Equal(rested, await UpdateId());

        var rejected = await alice.Place("symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=100&price=29000");
        Assert.Equal(-2010, rejected.Code);
        Assert.Equal(rested, await UpdateId());

        (await alice.Signed(HttpMethod.Delete, SpotApi.Order, $"symbol=BTCUSDT&orderId={id}")).Ok();
        long cancelled = await UpdateId();
        Assert.True(cancelled > rested);

        await alice.PlaceResult("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.1&price=30000");
        long traded = await UpdateId();
        Assert.True(traded > cancelled);
        depth = await alice.Get("/api/v1/spot/depth", "symbol=BTCUSDT&limit=5");
        Assert.Equal(("30000.00000000", "0.40000000"), DepthTests.Rows(depth.GetProperty("asks"))[0]);
        Assert.Equal(("29990.00000000", "0.50000000"), DepthTests.Rows(depth.GetProperty("bids"))[0]);
    }
}
