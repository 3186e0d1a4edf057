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
    /// <summary>Option records of an account, oldest first: one symbol or all (null), after an id, within a time range.</summary>
    IReadOnlyList<OptionRecord> OptionRecords(long accountId, string? symbol, long? fromId, long? startTime, long? endTime, int limit);
    IReadOnlyList<OptionSettlementRecord> OptionSettlements();
    /// <summary>An account's position as writer of one option, summed from its records (zeros when it wrote none).</summary>
    OptionWriterRecord OptionWriter(long accountId, string symbol);
    /// <summary>The account's trades of a symbol as buyer: (quantity, quote) sums, for its average cost.</summary>
    (long Quantity, long Quote) BoughtBy(long accountId, string symbol);

    // ---- wallet
    /// <summary>An account's deposits, newest first: of one asset or all (null), within a time range (insert time).</summary>
    IReadOnlyList<DepositRecord> Deposits(long accountId, string? asset, int? status, long? startTime, long? endTime);
    /// <summary>An account's withdrawals, newest first: of one asset or all (null), within a time range (apply time).</summary>
    IReadOnlyList<WithdrawalRecord> Withdrawals(long accountId, string? asset, long? startTime, long? endTime);

    // ---- contract market (symbols of orders and trades by store key; contract tables by contract name)
    IReadOnlyList<ContractBalanceRecord> ContractBalances(long accountId);
    IReadOnlyList<ContractPositionRecord> ContractPositions(long accountId);
    IReadOnlyList<ContractMarkRecord> ContractMarks();
    /// <summary>The account's bills, oldest first: after query.FromOrderId (a bill id) or else the newest query.Limit.</summary>
    IReadOnlyList<ContractBillRecord> ContractBills(long accountId, OrderQuery query);
    /// <summary>The fund of a margin asset after each change, as query pages it (FromOrderId = an entry id).</summary>
    IReadOnlyList<ContractFundRecord> ContractFundHistory(string asset, OrderQuery query);
    /// <summary>A contract's fundings (contract/historyRate), oldest first; query.FromOrderId is the id to start after.</summary>
    IReadOnlyList<ContractFundingRecord> ContractFundingHistory(string symbol, OrderQuery query);
    /// <summary>The account's fills in a symbol (either side), newest last; only ids below <paramref name="endId"/> when given.</summary>
    IReadOnlyList<TradeRecord> AccountTrades(long accountId, string symbol, long? endId, int limit);
    /// <summary>The account's MARKET orders in a symbol (a contract's closing orders), as <see cref="HistoryOrders"/> pages them.</summary>
    IReadOnlyList<OrderRecord> MarketOrders(long accountId, string symbol, OrderQuery query);
    /// <summary>One of the account's orders by id, in any symbol.</summary>
    OrderRecord? OrderById(long accountId, long orderId);
}
