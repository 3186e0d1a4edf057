namespace JexSim.Persistence;

/// <summary>
/// The venue's durable state. The single writer calls <see cref="Commit"/>; any thread may call the queries,
/// which only ever see committed batches.
/// </summary>
public interface IExchangeStore : IDisposable
{
    /// <summary>Reads everything needed to rebuild the engine.</summary>
    RecoveredState Load();

    /// <summary>Writes one group commit atomically and durably (per the configured durability). Single writer only.</summary>
    void Commit(CommitBatch batch);

    /// <summary>Deletes all state (admin reset). Single writer only.</summary>
    void Wipe();

    /// <summary>Copies the whole database into memory (admin snapshots). Single writer only, between commits.</summary>
    StoreSnapshot Snapshot();

    /// <summary>Replaces the whole database with a snapshot taken earlier (admin snapshot restore). Single writer only.</summary>
    void Restore(StoreSnapshot snapshot);

    IReadOnlyList<BalanceRecord> Balances(long accountId);
    OrderRecord? Order(long accountId, string symbol, long orderId);
    IReadOnlyList<OrderRecord> OpenOrders(long accountId, string symbol, OrderQuery query);
    IReadOnlyList<OrderRecord> HistoryOrders(long accountId, string symbol, OrderQuery query);
    IReadOnlyList<TradeRecord> RecentTrades(string symbol, int limit);
    IReadOnlyList<TradeRecord> TradesFrom(string symbol, long fromId, int limit);
    IReadOnlyList<CandleRecord> Candles(string symbol, long fromOpenTime, long toOpenTime);
    /// <summary>The newest one-minute candle opening before <paramref name="openTime"/> (the price a quiet interval carries).</summary>
    CandleRecord? LastCandleBefore(string symbol, long openTime);
    (long QuoteVolume, long Volume) TradeVolumeSince(string symbol, long since);
    IReadOnlyList<AccountRecord> Accounts();
}

/// <summary>Filters of openOrders/historyOrders: orders after an id, inside a time range, newest first up to a limit.</summary>
public readonly record struct OrderQuery(long? FromOrderId, long? StartTime, long? EndTime, int Limit);

/// <summary>A copy of the whole store held in memory; dispose it to free the memory.</summary>
public abstract class StoreSnapshot : IDisposable
{
    public abstract void Dispose();
}
