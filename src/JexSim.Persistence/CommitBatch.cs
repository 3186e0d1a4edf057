namespace JexSim.Persistence;

/// <summary>
/// What one group commit writes, in one transaction: the changes of many sequenced commands.
/// The sequencer fills it from the engine's output; the store knows nothing about the engine's objects.
/// </summary>
public sealed class CommitBatch
{
    public List<AccountRecord> Accounts { get; } = new();
    public List<ApiKeyRecord> ApiKeys { get; } = new();
    public List<BalanceRecord> Balances { get; } = new();
    public List<OrderRecord> Orders { get; } = new();
    public List<TradeRecord> Trades { get; } = new();
    public List<MarketRecord> Markets { get; } = new();
    public List<(long AccountId, bool Disabled)> AccountFlags { get; } = new();
    public Dictionary<string, string> Meta { get; } = new();
    public List<OptionRecord> OptionRecords { get; } = new();
    public List<OptionSettlementRecord> OptionSettlements { get; } = new();
    // Wallet
    public List<DepositRecord> Deposits { get; } = new();
    public List<WithdrawalRecord> Withdrawals { get; } = new();
    // Contract market
    public List<ContractBalanceRecord> ContractBalances { get; } = new();
    public List<ContractPositionRecord> ContractPositions { get; } = new();
    public List<ContractPoolRecord> ContractPools { get; } = new();
    public List<ContractFundRecord> ContractFund { get; } = new();
    public List<ContractBillRecord> ContractBills { get; } = new();
    public List<ContractMarkRecord> ContractMarks { get; } = new();
    public List<ContractFundingRecord> ContractFundings { get; } = new();
    public List<ContractTriggerRecord> ContractTriggers { get; } = new();

    public bool IsEmpty =>
        Accounts.Count == 0 && ApiKeys.Count == 0 && Balances.Count == 0 && Orders.Count == 0 &&
        Trades.Count == 0 && Markets.Count == 0 && AccountFlags.Count == 0 && Meta.Count == 0 &&
        OptionRecords.Count == 0 && OptionSettlements.Count == 0 && Deposits.Count == 0 && Withdrawals.Count == 0 &&
        ContractBalances.Count == 0 && ContractPositions.Count == 0 && ContractPools.Count == 0 && ContractBills.Count == 0 && ContractMarks.Count == 0 && ContractFundings.Count == 0 && ContractTriggers.Count == 0;

    public void Clear()
    {
        Accounts.Clear(); ApiKeys.Clear(); Balances.Clear(); Orders.Clear(); Trades.Clear();
        Markets.Clear(); AccountFlags.Clear(); Meta.Clear(); OptionRecords.Clear(); OptionSettlements.Clear(); Deposits.Clear(); Withdrawals.Clear();
        ContractBalances.Clear(); ContractPositions.Clear(); ContractPools.Clear(); ContractFund.Clear(); ContractBills.Clear(); ContractMarks.Clear(); ContractFundings.Clear(); ContractTriggers.Clear();
    }
}
