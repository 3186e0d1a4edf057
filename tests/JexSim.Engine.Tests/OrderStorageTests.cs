using System.Runtime.CompilerServices;

namespace JexSim.Engine.Tests;

/// <summary>The pooled order storage: slot size (the memory target rests on it), slot reuse, and a deep book's levels.</summary>
public class OrderStorageTests
{
    [Fact]
    public void An_order_slot_is_80_bytes() => Assert.Equal(80, Unsafe.SizeOf<OrderSlot>());

    [Fact]
    public void Packed_order_fields_round_trip_every_value()
    {
        var slot = default(OrderSlot);
        foreach (var side in Enum.GetValues<Side>())
        foreach (var type in Enum.GetValues<OrderType>())
        foreach (var tif in Enum.GetValues<TimeInForce>())
        foreach (var status in Enum.GetValues<OrderStatus>())
        {
            slot.Side = side; slot.Type = type; slot.TimeInForce = tif; slot.Status = status;
            Assert.Equal((side, type, tif, status), (slot.Side, slot.Type, slot.TimeInForce, slot.Status));
        }
    }

    [Fact]
    public void Thousands_of_levels_added_and_removed_in_random_order_keep_the_book_sorted_and_whole()
    {
        var ex = TestExchange.Create(limits: new Markets.OrderLimits { MaxOpenOrdersPerSymbol = 10_000 });
        long maker = ex.Account(1, usdt: 10_000_000m, btc: 1_000m);
        var rng = new Random(7);
        var resting = new List<long>();
        for (int i = 0; i < 3_000; i++)
        {
            if (resting.Count > 0 && rng.Next(3) == 0)
            {
                int k = rng.Next(resting.Count);
                Assert.True(ex.Cancel(maker, resting[k]).Accepted);
                resting.RemoveAt(k);
                continue;
            }
            // Bids below 10,000 and asks above it, on thousands of distinct prices: a deep, never crossing book.
            bool buy = rng.Next(2) == 0;
            decimal price = buy ? 10_000m - rng.Next(1, 5_000) : 10_000m + rng.Next(1, 5_000);
            resting.Add(ex.Rest(buy ? ex.Buy(maker, price, 0.01m) : ex.Sell(maker, price, 0.01m)));
        }
        var bids = ex.Depth(Side.Buy);
        var asks = ex.Depth(Side.Sell);
        Assert.True(bids.Zip(bids.Skip(1)).All(p => p.First.Price > p.Second.Price));
        Assert.True(asks.Zip(asks.Skip(1)).All(p => p.First.Price < p.Second.Price));
        Assert.Equal(resting.Count, ex.Core.OpenOrderCount);
        Assert.Equal(bids.Length, ex.Book().Bids.LevelCount);
        Assert.True(bids.Length + asks.Length > 500);
        // Every level holds exactly its own orders (a cancel took from the order's level, not another one that reused a
        // freed level slot), and is found again by its price.
        foreach (var side in new[] { ex.Book().Bids, ex.Book().Asks })
            foreach (var level in side.Levels())
            {
                var orders = level.Orders().ToArray();
                Assert.All(orders, o => Assert.Equal(level.Price, o.Price));
                Assert.Equal(level.OrderCount, orders.Length);
                Assert.Equal(level.TotalQuantity, orders.Sum(o => o.Remaining));
                Assert.Equal(level.TotalQuantity, side.Get(level.Price)!.TotalQuantity);
            }
        ex.AssertInvariants();

        foreach (long id in resting) Assert.True(ex.Cancel(maker, id).Accepted);
        Assert.Equal(0, ex.Book().Bids.LevelCount + ex.Book().Asks.LevelCount);
        Assert.Null(ex.Book().Bids.Best);
        Assert.Null(ex.Book().Asks.Best);
    }

    [Fact]
    public void A_steady_flow_of_orders_allocates_nothing_and_reused_index_pages_find_only_their_new_orders()
    {
        var ex = TestExchange.Create();
        long maker = ex.Account(1, usdt: 1_000_000m);
        var order = new PlaceOrder(maker, TestExchange.BtcUsdt, Side.Buy, OrderType.Limit, TimeInForce.Gtc, TestExchange.Fp(100m), TestExchange.Fp(0.1m));
        long keep = ex.Rest(ex.Place(order));
        long PlaceAndCancel(long now)
        {
            ex.Core.Output.Clear();
            long id = ex.Core.Place(order, now).Order.Id;
            ex.Core.Output.Clear();
            Assert.True(ex.Core.Cancel(maker, TestExchange.BtcUsdt, id, now).Accepted);
            return id;
        }
        // Warm-up: the output lists reach their size and the index has emptied (and kept) pages of 4,096 ids.
        long first = PlaceAndCancel(2);
        for (int i = 0; i < 20_000; i++) PlaceAndCancel(3);

        long allocated = GC.GetAllocatedBytesForCurrentThread();
        long last = 0;
        for (int i = 0; i < 40_000; i++) last = PlaceAndCancel(4);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - allocated);
        ex.AssertInvariants();

        // Ids of closed orders on emptied (and reused) pages are unknown; the order that kept its page is still found.
        Assert.False(ex.Cancel(maker, first).Accepted);
        Assert.False(ex.Cancel(maker, last).Accepted);
        long fresh = ex.Rest(ex.Place(order));
        Assert.Equal(2, ex.Core.OpenOrderCount);
        Assert.True(ex.Cancel(maker, fresh).Accepted);
        Assert.True(ex.Cancel(maker, keep).Accepted);
        Assert.Equal(0, ex.Core.OpenOrderCount);
    }
}
