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

    /// <summary>Runs on the writer after the batch is durable, before callers are answered (e.g. publishing a new API key).</summary>
    public List<Action> AfterCommit { get; } = new();
}
