using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using JexSim.Server.Tests.Infrastructure;

namespace JexSim.Server.Tests.Streams;

/// <summary>
/// The README's procedure, as a client would run it: subscribe to the diff stream and buffer, fetch a REST snapshot,
/// drop buffered events with v &lt;= lastUpdateId, apply the rest in order (checking U = previous v + 1), and keep
/// applying. The local book must equal REST depth (limit 60) exactly.
/// </summary>
public sealed class OrderBookSyncTests
{
    private sealed class LocalBook
    {
        public SortedDictionary<decimal, string> Bids { get; } = new(Comparer<decimal>.Create((a, b) => b.CompareTo(a)));
        public SortedDictionary<decimal, string> Asks { get; } = new();
        public long Version { get; set; }

        public void Load(JsonElement depth)
        {
            Version = depth.GetProperty("lastUpdateId").GetInt64();
            foreach (var l in depth.GetProperty("bids").EnumerateArray()) Bids[Price(l)] = l[1].GetString()!;
            foreach (var l in depth.GetProperty("asks").EnumerateArray()) Asks[Price(l)] = l[1].GetString()!;
        }

        /// <summary>Applies a diff event; false when it does not follow on (the client would resync).</summary>
        public bool Apply(JsonElement update)
        {
            long u = update.GetProperty("U").GetInt64(), v = update.GetProperty("v").GetInt64();
            if (v <= Version) return true;               // already in the snapshot
            if (u > Version + 1) return false;           // a gap
            Set(Bids, update.GetProperty("b"));
            Set(Asks, update.GetProperty("a"));
            Version = v;
            return true;
        }

        private static void Set(SortedDictionary<decimal, string> side, JsonElement changes)
        {
            foreach (var l in changes.EnumerateArray())
            {
                if (decimal.Parse(l[1].GetString()!, CultureInfo.InvariantCulture) == 0) side.Remove(Price(l));
                else side[Price(l)] = l[1].GetString()!;
            }
        }

        private static decimal Price(JsonElement level) => decimal.Parse(level[0].GetString()!, CultureInfo.InvariantCulture);

        public IEnumerable<(string, string)> Rows(SortedDictionary<decimal, string> side) =>
            side.Select(kv => (kv.Key.ToString("0.00000000", CultureInfo.InvariantCulture), kv.Value));
    }

    [Fact]
    public async Task A_book_rebuilt_from_a_snapshot_and_diffs_equals_REST_depth_after_a_random_order_stream()
    {
        using var venue = FastStreams.Venue();
        var alice = venue.Alice();
        var bob = venue.Bob();
        var random = new Random(20260101);
        var openOrders = new List<(JexClient Client, long Id)>();

        // Diffs arrive on a background reader into a buffer, as a client's socket handler would put them.
        await using var ws = await StreamSocket.ConnectAsync(venue, "/ws/btcusdt@spotDepth");
        var buffer = new BlockingCollection<JsonElement>();
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                JsonElement? m;
                try { m = await ws.ReceiveAsync(TimeSpan.FromSeconds(60)); }
                catch (Exception) { break; }
                if (m is null) break;
                buffer.Add(m.Value);
            }
            buffer.CompleteAdding();
        });

        async Task RandomOrdersAsync(int count)
        {
            for (int i = 0; i < count; i++)
            {
                var client = random.Next(2) == 0 ? alice : bob;
                if (openOrders.Count > 0 && random.Next(5) == 0)
                {
                    int pick = random.Next(openOrders.Count);
                    var (owner, id) = openOrders[pick];
                    openOrders.RemoveAt(pick);
                    await owner.Signed(HttpMethod.Delete, "/api/v1/spot/order", $"symbol=BTCUSDT&orderId={id}");
                    continue;
                }
                bool buy = random.Next(2) == 0;
                // Prices over ~150 ticks of 5 USDT on each side, a few crossing: the book grows past the 60 covered levels.
                int offset = random.Next(-3, 150) * 5;
                decimal price = buy ? 29990 - offset : 30000 + offset;
                decimal qty = random.Next(1, 40) / 1000m;
                var placed = await client.Signed(HttpMethod.Post, "/api/v1/spot/order",
                    FormattableString.Invariant($"symbol=BTCUSDT&side={(buy ? "BUY" : "SELL")}&type=LIMIT&quantity={qty}&price={price}&newOrderRespType=RESULT"));
                Assert.Equal(HttpStatusCode.OK, placed.Status);
                if (placed.Json.GetProperty("status").GetString() is "NEW" or "PARTIALLY_FILLED")
                    openOrders.Add((client, placed.Json.GetProperty("orderId").GetInt64()));
            }
        }

        await RandomOrdersAsync(150);
        var snapshot = (await alice.Public(HttpMethod.Get, "/api/v1/spot/depth", "symbol=BTCUSDT&limit=60")).Json;
        await RandomOrdersAsync(250);
        // A last change at the touch, so the final version is sure to be in a diff event.
        var bestBid = decimal.Parse((await alice.Public(HttpMethod.Get, "/api/v1/spot/depth", "symbol=BTCUSDT&limit=5")).Json.GetProperty("bids")[0][0].GetString()!, CultureInfo.InvariantCulture);
        await bob.Signed(HttpMethod.Post, "/api/v1/spot/order", FormattableString.Invariant($"symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=0.001&price={bestBid + 0.01m}"));
        var final = (await alice.Public(HttpMethod.Get, "/api/v1/spot/depth", "symbol=BTCUSDT&limit=60")).Json;
        long finalVersion = final.GetProperty("lastUpdateId").GetInt64();
        Assert.Equal(60, final.GetProperty("bids").GetArrayLength()); // the book is deeper than the covered range
        Assert.True(final.GetProperty("asks").GetArrayLength() >= 60);

        var book = new LocalBook();
        book.Load(snapshot);
        int applied = 0;
        while (book.Version < finalVersion)
        {
            Assert.True(buffer.TryTake(out var update, TimeSpan.FromSeconds(10)), $"no diff reached version {finalVersion} (at {book.Version})");
            Assert.True(book.Apply(update), $"gap: U={update.GetProperty("U")} after v={book.Version}");
            applied++;
        }
        stop.Cancel();
        ws.Socket.Abort();
        await reader;
        Assert.Equal(finalVersion, book.Version);
        Assert.True(applied > 0);

        var restBids = final.GetProperty("bids").EnumerateArray().Select(l => (l[0].GetString()!, l[1].GetString()!)).ToList();
        var restAsks = final.GetProperty("asks").EnumerateArray().Select(l => (l[0].GetString()!, l[1].GetString()!)).ToList();
        Assert.Equal(restBids, book.Rows(book.Bids).ToList());
        Assert.Equal(restAsks, book.Rows(book.Asks).ToList());
    }
}
