using JexSim.Engine;
using JexSim.Engine.Books;

namespace JexSim.Persistence;

/// <summary>How hard a commit tries to survive a crash (JexSim:Durability).</summary>
public enum Durability
{
    /// <summary>fsync on every group commit: survives power loss.</summary>
    Full,
    /// <summary>WAL without fsync per commit: survives a process crash (kill -9), not power loss.</summary>
    Normal,
    /// <summary>No syncing at all: memory speed, for throwaway CI runs.</summary>
    None,
}

public sealed record ApiKeyRecord(string ApiKey, string SecretKey, long AccountId, int Permissions);

public sealed record AccountRecord(long Id, string? Name, bool Disabled, long CreatedTime);

public sealed record BalanceRecord(long AccountId, string Asset, long Free, long Locked);

/// <summary>A stored order, with its symbol by name (ids are a fixture detail, names are stable).</summary>
public sealed record OrderRecord(
    long Id, long AccountId, string Symbol, Side Side, OrderType Type, TimeInForce TimeInForce,
    long Price, long Quantity, long Filled, long CumulativeQuote, OrderStatus Status, long Time, long UpdateTime, long Locked);

public sealed record TradeRecord(
    long Id, string Symbol, long Price, long Quantity, long QuoteQuantity, long Time,
    long BuyOrderId, long SellOrderId, long BuyerAccountId, long SellerAccountId, bool BuyerMaker, long BuyerFee, long SellerFee);

/// <summary>One-minute candle; every longer interval is aggregated from these.</summary>
public sealed record CandleRecord(
    string Symbol, long OpenTime, long Open, long High, long Low, long Close,
    long Volume, long QuoteVolume, long Trades, long TakerBuyVolume, long TakerBuyQuoteVolume);

public sealed record MarketRecord(string Symbol, long UpdateId, long LastPrice);

/// <summary>
/// An option record (GET option/record): Status 1 issued, 2 redeemed, 3 writer's expiry, 4 holder's expiry; Id is given
/// by the store (0 before it is written).
/// </summary>
public sealed record OptionRecord(
    long Id, long AccountId, string Symbol, int Status, long Amount, long MarginAmount, long BaseAmount, long Price, long Payout, long Time);

/// <summary>One writer's position in one option, summed from its records.</summary>
public sealed record OptionWriterRecord(long AccountId, string Symbol, long Released, long Backed, long Settled);

/// <summary>An option that settled: at what price, what one token paid, when.</summary>
public sealed record OptionSettlementRecord(string Symbol, long Price, long Payoff, long Time);

/// <summary>Everything needed to rebuild the engine after a restart.</summary>
public sealed record RecoveredState(
    IReadOnlyList<AccountRecord> Accounts,
    IReadOnlyList<ApiKeyRecord> ApiKeys,
    IReadOnlyList<BalanceRecord> Balances,
    IReadOnlyList<OrderRecord> OpenOrders,
    IReadOnlyList<MarketRecord> Markets,
    long NextOrderId,
    long NextTradeId,
    IReadOnlyDictionary<string, string> Meta)
{
    public IReadOnlyList<OptionWriterRecord> OptionWriters { get; init; } = [];
    public IReadOnlyList<OptionSettlementRecord> OptionSettlements { get; init; } = [];
    public IReadOnlyList<DepositRecord> Deposits { get; init; } = [];
    public IReadOnlyList<WithdrawalRecord> Withdrawals { get; init; } = [];
    public bool IsEmpty => Accounts.Count == 0 && ApiKeys.Count == 0;
}
