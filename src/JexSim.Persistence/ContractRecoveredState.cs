namespace JexSim.Persistence;

/// <summary>What the contract market needs to rebuild its ledger (its open orders come with <see cref="RecoveredState"/>).</summary>
public sealed record ContractRecoveredState(
    IReadOnlyList<ContractBalanceRecord> Balances,
    IReadOnlyList<ContractPositionRecord> Positions,
    IReadOnlyList<ContractPoolRecord> Pools,
    IReadOnlyList<ContractMarkRecord> Marks,
    /// <summary>Stop and take-profit orders waiting for their trigger.</summary>
    IReadOnlyList<ContractTriggerRecord> Triggers,
    /// <summary>After the highest stored contract order id (0 when there is none).</summary>
    long NextOrderId);
