using JexSim.Engine;
using JexSim.Persistence;
using Microsoft.Data.Sqlite;

namespace JexSim.Server.Tests.Durability;

/// <summary>The group commit's statements: what one batch writes, read back through the store's own recovery and reader.</summary>
public sealed class StoreWriterTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "jexsim-store", Guid.NewGuid().ToString("N"));
    private readonly string _path;
    private readonly SqliteStoreWriter _store;

    public StoreWriterTests()
    {
        _path = Path.Combine(_dir, "s.db");
        _store = new SqliteStoreWriter(_path, JexSim.Persistence.Durability.Normal);
    }

    public void Dispose()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    private static OrderRecord Order(long id, long filled, OrderStatus status, long time) =>
        new(id, 1, "BTCUSDT", Side.Buy, OrderType.Limit, TimeInForce.Gtc, 30_000 * FixedPoint.Scale, FixedPoint.Scale, filled,
            filled * 30_000, status, 1_000, time, (FixedPoint.Scale - filled) * 30_000);

    [Fact]
    public void An_order_changed_twice_in_one_batch_is_stored_once_in_its_last_state()
    {
        var batch = new CommitBatch();
        batch.Orders.Add(Order(1, 0, OrderStatus.New, 1_000));
        batch.Orders.Add(Order(2, 0, OrderStatus.New, 1_000));
        batch.Orders.Add(Order(1, FixedPoint.Scale / 2, OrderStatus.PartiallyFilled, 1_001));
        batch.Orders.Add(Order(1, FixedPoint.Scale, OrderStatus.Filled, 1_002));
        _store.Commit(batch);

        var reader = new SqliteStoreReader(_path);
        Assert.Equal(Order(1, FixedPoint.Scale, OrderStatus.Filled, 1_002), reader.Order(1, "BTCUSDT", 1));
        Assert.Equal(Order(2, 0, OrderStatus.New, 1_000), reader.Order(1, "BTCUSDT", 2));
        // Only order 2 is open after the batch (the partial open-order index saw order 1 only as filled).
        Assert.Equal([2L], _store.Load().OpenOrders.Select(o => o.Id));

        // The next batch moves the same order on from what was stored.
        batch.Clear();
        batch.Orders.Add(Order(2, FixedPoint.Scale, OrderStatus.Filled, 1_005));
        _store.Commit(batch);
        Assert.Equal(OrderStatus.Filled, reader.Order(1, "BTCUSDT", 2)!.Status);
        Assert.Empty(_store.Load().OpenOrders);
    }

    [Fact]
    public void Every_kind_of_row_round_trips_with_nulls_and_flags_bound_by_name()
    {
        var batch = new CommitBatch();
        batch.Accounts.Add(new AccountRecord(7, null, false, 123));
        batch.Accounts.Add(new AccountRecord(8, "ünïcödé desk", false, 124));
        batch.ApiKeys.Add(new ApiKeyRecord("key7", "secret7", 7, 3));
        batch.Balances.Add(new BalanceRecord(7, "USDT", 5 * FixedPoint.Scale, FixedPoint.Scale));
        batch.Markets.Add(new MarketRecord("BTCUSDT", 42, 30_000 * FixedPoint.Scale));
        batch.Meta["clock"] = "frozen";
        _store.Commit(batch);
        batch.Clear();
        // UPDATE accounts SET disabled = $disabled WHERE id = $id: the placeholders come in the other order than the columns.
        batch.AccountFlags.Add((7, true));
        _store.Commit(batch);

        var state = _store.Load();
        Assert.Equal([new AccountRecord(7, null, true, 123), new AccountRecord(8, "ünïcödé desk", false, 124)], state.Accounts);
        Assert.Equal([new ApiKeyRecord("key7", "secret7", 7, 3)], state.ApiKeys);
        Assert.Equal([new BalanceRecord(7, "USDT", 5 * FixedPoint.Scale, FixedPoint.Scale)], state.Balances);
        Assert.Equal([new MarketRecord("BTCUSDT", 42, 30_000 * FixedPoint.Scale)], state.Markets);
        Assert.Equal("frozen", state.Meta["clock"]);
    }

    [Fact]
    public void A_failing_row_fails_the_whole_commit_and_the_next_commit_still_writes()
    {
        var batch = new CommitBatch();
        batch.Trades.Add(new TradeRecord(1, "BTCUSDT", 100, 1, 100, 1_000, 1, 2, 1, 2, true, 0, 0));
        _store.Commit(batch);

        batch.Clear();
        batch.Orders.Add(Order(5, 0, OrderStatus.New, 1_000));
        batch.Trades.Add(new TradeRecord(1, "BTCUSDT", 100, 1, 100, 1_000, 1, 2, 1, 2, true, 0, 0)); // the same trade id again
        Assert.Throws<SqliteException>(() => _store.Commit(batch));
        Assert.Empty(_store.Load().OpenOrders); // the order of the failed batch was rolled back with it

        batch.Clear();
        batch.Orders.Add(Order(6, 0, OrderStatus.New, 1_000));
        batch.Trades.Add(new TradeRecord(2, "BTCUSDT", 100, 1, 100, 1_000, 1, 2, 1, 2, true, 0, 0));
        _store.Commit(batch);
        Assert.Equal([6L], _store.Load().OpenOrders.Select(o => o.Id));
    }
}
