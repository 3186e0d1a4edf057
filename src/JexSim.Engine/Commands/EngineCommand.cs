using JexSim.Engine.Markets.Contract;

namespace JexSim.Engine.Commands;

/// <summary>
/// One engine command as plain data: a <see cref="CommandKind"/> and its arguments in one struct, so a command can be
/// queued, logged and replayed, and applying it allocates nothing. Build it with the factory methods; apply it with
/// <see cref="Matching.ExchangeCore.Apply"/> on the writer thread.
/// </summary>
public readonly record struct EngineCommand
{
    private EngineCommand(CommandKind kind, long accountId) { Kind = kind; AccountId = accountId; }

    public CommandKind Kind { get; }
    public long AccountId { get; }
    public PlaceOrder Order { get; private init; }
    public int SymbolId { get; private init; }
    public long OrderId { get; private init; }
    public int AssetId { get; private init; }
    /// <summary>AdjustBalance: positive credits, negative debits. IssueOption/RedeemOption: tokens. ExpireOption: the settlement price.
    /// SetLeverage: the leverage; TransferMargin: the signed amount; SetIndexPrice: the index price (0: the index symbol's mid); ContractDeposit/ProtectionFundDeposit: the amount.</summary>
    public long Amount { get; private init; }
    /// <summary>SetAccountDisabled: the new flag.</summary>
    public bool Flag { get; private init; }
    /// <summary>PlaceTriggerOrder: which price the trigger watches, and the trigger price.</summary>
    public TriggerPriceType TriggerType { get; private init; }
    public long TriggerPrice { get; private init; }

    public static EngineCommand Place(in PlaceOrder order) => new(CommandKind.PlaceOrder, order.AccountId) { Order = order, SymbolId = order.SymbolId };
    public static EngineCommand Test(in PlaceOrder order) => new(CommandKind.TestOrder, order.AccountId) { Order = order, SymbolId = order.SymbolId };
    public static EngineCommand Cancel(long accountId, int symbolId, long orderId) => new(CommandKind.CancelOrder, accountId) { SymbolId = symbolId, OrderId = orderId };
    public static EngineCommand CreateAccount(long accountId) => new(CommandKind.CreateAccount, accountId);
    public static EngineCommand AdjustBalance(long accountId, int assetId, long amount) => new(CommandKind.AdjustBalance, accountId) { AssetId = assetId, Amount = amount };
    public static EngineCommand SetLeverage(long accountId, int symbolId, int leverage) => new(CommandKind.SetLeverage, accountId) { SymbolId = symbolId, Amount = leverage };
    public static EngineCommand TransferMargin(long accountId, int symbolId, long amount) => new(CommandKind.TransferMargin, accountId) { SymbolId = symbolId, Amount = amount };
    public static EngineCommand ClosePosition(long accountId, int symbolId) => new(CommandKind.ClosePosition, accountId) { SymbolId = symbolId };
    public static EngineCommand SetIndexPrice(int symbolId, long price) => new(CommandKind.SetIndexPrice, 0) { SymbolId = symbolId, Amount = price };
    /// <summary>A contract stop or take-profit order: <paramref name="order"/> has type StopLimit or ProfitLimit.</summary>
    public static EngineCommand PlaceTrigger(in PlaceOrder order, TriggerPriceType triggerType, long triggerPrice) =>
        new(CommandKind.PlaceTriggerOrder, order.AccountId) { Order = order, SymbolId = order.SymbolId, TriggerType = triggerType, TriggerPrice = triggerPrice };
    public static EngineCommand ApplyFunding(int symbolId) => new(CommandKind.ApplyFunding, 0) { SymbolId = symbolId };
    public static EngineCommand ContractDeposit(long accountId, int assetId, long amount) => new(CommandKind.ContractDeposit, accountId) { AssetId = assetId, Amount = amount };
    public static EngineCommand ProtectionFundDeposit(int assetId, long amount) => new(CommandKind.ProtectionFundDeposit, 0) { AssetId = assetId, Amount = amount };
    public static EngineCommand SetAccountDisabled(long accountId, bool disabled) => new(CommandKind.SetAccountDisabled, accountId) { Flag = disabled };
    public static EngineCommand IssueOption(long accountId, int symbolId, long tokens) => new(CommandKind.IssueOption, accountId) { SymbolId = symbolId, Amount = tokens };
    public static EngineCommand RedeemOption(long accountId, int symbolId, long tokens) => new(CommandKind.RedeemOption, accountId) { SymbolId = symbolId, Amount = tokens };
    public static EngineCommand ExpireOption(int symbolId, long settlementPrice) => new(CommandKind.ExpireOption, 0) { SymbolId = symbolId, Amount = settlementPrice };
}
