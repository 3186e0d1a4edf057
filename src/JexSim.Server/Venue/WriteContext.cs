using JexSim.Engine.Matching;
using JexSim.Persistence;

namespace JexSim.Server.Venue;

/// <summary>What a venue command sees on the writer: the engine, the sequenced time, and the non-engine rows it commits.</summary>
public sealed class WriteContext(ExchangeCore core, CommitBatch batch)
{
    public ExchangeCore Core { get; internal set; } = core;

    /// <summary>The venue time of this command, in Unix ms (taken from the venue's clock as the command is applied).</summary>
    public long Now { get; internal set; }

    // Rows that are not engine state, written straight into the batch this command will be committed in.
    public List<AccountRecord> Accounts => batch.Accounts;
    public List<ApiKeyRecord> ApiKeys => batch.ApiKeys;
    public Dictionary<string, string> Meta => batch.Meta;
    public List<DepositRecord> Deposits => batch.Deposits;
    public List<WithdrawalRecord> Withdrawals => batch.Withdrawals;

    /// <summary>Runs on the writer after the batch is durable, before callers are answered (e.g. publishing a new API key).</summary>
    public List<Action> AfterCommit { get; } = new();

    /// <summary>True when a command of this batch replaced the whole state (reset, restore): observers start over.</summary>
    internal bool StateReplaced { get; set; }

    /// <summary>
    /// A reset or restore puts a new engine in place and marks the batch <see cref="StateReplaced"/>. Such a command
    /// runs in a batch of its own (<see cref="SequencedCommand.Exclusive"/>), so nothing earlier is queued to drop.
    /// </summary>
    internal void ReplaceState(ExchangeCore core)
    {
        Core = core;
        StateReplaced = true;
    }
}
