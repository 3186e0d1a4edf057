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
    }
}
