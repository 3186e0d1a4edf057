namespace JexSim.Persistence;

/// <summary>The read side of the venue's durable state: the queries behind the endpoints. Any thread; committed batches only.</summary>
public interface IStoreReader : IDisposable
{
    IReadOnlyList<AccountRecord> Accounts();
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
}
