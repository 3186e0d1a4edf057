namespace JexSim.Engine.Output;

/// <summary>
/// What the engine changed since the last <see cref="Clear"/>, as VALUES, in command order: order states, trades,
/// balances after (one row per balance, updated in place), level totals after, and (filled by
/// <see cref="Matching.ExchangeCore.EndBatch"/>) each changed market's state and each touched account's balances.
/// The writer persists one batch's output in one transaction and hands the same output to the publishers;
/// nothing reads the engine again after a batch.
/// </summary>
public sealed class BatchOutput
{
    private bool[] _symbolChanged = [];

    public List<OrderState> Orders { get; } = new();
    public List<Trade> Trades { get; } = new();
    public List<BalanceState> Balances { get; } = new();
    public List<LevelChange> Levels { get; } = new();
    public List<long> NewAccounts { get; } = new();
    /// <summary>Accounts whose disabled flag a command changed, with the new value.</summary>
    public List<(long AccountId, bool Disabled)> AccountFlags { get; } = new();
    /// <summary>Options: issues, redemptions and expiry payouts, per account.</summary>
    public List<OptionEvent> OptionEvents { get; } = new();
    /// <summary>Options settled by this batch.</summary>
    public List<OptionSettlement> OptionSettlements { get; } = new();

    /// <summary>Contract bills in command order (fills: positionSize, closPosition, fee; transfers; funding; liquidation; adl).</summary>
    public List<ContractBill> ContractBills { get; } = new();
    /// <summary>Contract prices (index, basis, mark, funding state) each time a command changed them.</summary>
    public List<ContractMarkState> ContractMarks { get; } = new();
    /// <summary>Fundings applied in the batch (contract/historyRate).</summary>
    public List<ContractFundingState> ContractFundings { get; } = new();
    /// <summary>Stop and take-profit triggers placed, fired or cancelled in the batch, in order.</summary>
    public List<ContractTriggerState> ContractTriggers { get; } = new();
    /// <summary>(account id, symbol id) of every contract position a command touched (duplicates allowed).</summary>
    public List<(long AccountId, int SymbolId)> ContractTouched { get; } = new();
    /// <summary>After <see cref="Matching.ExchangeCore.EndBatch"/>: each touched position, once.</summary>
    public List<ContractPositionState> ContractPositions { get; } = new();
    /// <summary>After <see cref="Matching.ExchangeCore.EndBatch"/>: the contract balances of each touched account.</summary>
    public List<ContractBalanceState> ContractBalances { get; } = new();
    /// <summary>After <see cref="Matching.ExchangeCore.EndBatch"/>: fee account and fund of each margin asset touched.</summary>
    public List<ContractPoolState> ContractPools { get; } = new();
    /// <summary>Contract orders and closes refused in the batch (they change nothing; the user streams report them).</summary>
    public List<ContractRefusal> ContractRefusals { get; } = new();

    /// <summary>Symbols whose book or last price changed (a level change or a trade), each once, in first-change order.</summary>
    public List<int> ChangedSymbols { get; } = new();

    /// <summary>Per changed symbol (same order as <see cref="ChangedSymbols"/>), after <see cref="Matching.ExchangeCore.EndBatch"/>.</summary>
    public List<MarketState> Markets { get; } = new();

    /// <summary>Every balance of each account in <see cref="Balances"/>, after <see cref="Matching.ExchangeCore.EndBatch"/>.</summary>
    public List<AccountBalances> Accounts { get; } = new();

    /// <summary>Changes with every <see cref="Clear"/>; lets the ledger find a balance's row without hashing.</summary>
    internal int Stamp { get; private set; } = 1;

    public bool IsEmpty => Orders.Count == 0 && Trades.Count == 0 && Balances.Count == 0 && NewAccounts.Count == 0 && AccountFlags.Count == 0
        && OptionEvents.Count == 0 && OptionSettlements.Count == 0 && ContractTouched.Count == 0 && ContractMarks.Count == 0 && ContractFundings.Count == 0 && ContractTriggers.Count == 0;

    internal int AddBalance(in BalanceState row)
    {
        Balances.Add(row);
        return Balances.Count - 1;
    }

    internal void SetBalance(int row, in BalanceState value) => Balances[row] = value;

    internal void AddLevel(in LevelChange change)
    {
        Levels.Add(change);
        SymbolChanged(change.SymbolId);
    }

    internal void AddTrade(in Trade trade)
    {
        Trades.Add(trade);
        SymbolChanged(trade.SymbolId);
    }

    private void SymbolChanged(int symbolId)
    {
        if (symbolId >= _symbolChanged.Length) Array.Resize(ref _symbolChanged, Math.Max(symbolId + 1, _symbolChanged.Length * 2));
        if (_symbolChanged[symbolId]) return;
        _symbolChanged[symbolId] = true;
        ChangedSymbols.Add(symbolId);
    }

    public void Clear()
    {
        foreach (int id in ChangedSymbols) _symbolChanged[id] = false;
        ChangedSymbols.Clear();
        Orders.Clear();
        Trades.Clear();
        Balances.Clear();
        Levels.Clear();
        NewAccounts.Clear();
        AccountFlags.Clear();
        OptionEvents.Clear();
        OptionSettlements.Clear();
        Markets.Clear();
        Accounts.Clear();
        ContractBills.Clear();
        ContractMarks.Clear();
        ContractFundings.Clear();
        ContractTriggers.Clear();
        ContractTouched.Clear();
        ContractPositions.Clear();
        ContractBalances.Clear();
        ContractPools.Clear();
        ContractRefusals.Clear();
        Stamp++;
    }
}
