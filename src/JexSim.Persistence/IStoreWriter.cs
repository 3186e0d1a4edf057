namespace JexSim.Persistence;

/// <summary>
/// The write side of the venue's durable state, owned by the single writer: it opens (and migrates) the database,
/// recovers the engine's state from it, commits group commits, and replaces the whole state (reset, restore).
/// </summary>
public interface IStoreWriter : IDisposable
{
    /// <summary>The database file.</summary>
    string Path { get; }

    /// <summary>Reads everything needed to rebuild the engine (start-up, and after <see cref="Restore"/>).</summary>
    RecoveredState Load();

    /// <summary>Reads the contract market's state (balances, positions, pools, reference prices).</summary>
    ContractRecoveredState LoadContracts();

    /// <summary>Writes one group commit atomically and durably (per the configured durability). Single writer only.</summary>
    void Commit(CommitBatch batch);

    /// <summary>Deletes all state (admin reset); the schema stays. Single writer only.</summary>
    void Wipe();

    /// <summary>Copies the whole database into memory (admin snapshots). Single writer only, between commits.</summary>
    StoreSnapshot Snapshot();

    /// <summary>Replaces the whole database with a snapshot taken earlier (admin snapshot restore). Single writer only.</summary>
    void Restore(StoreSnapshot snapshot);
}
