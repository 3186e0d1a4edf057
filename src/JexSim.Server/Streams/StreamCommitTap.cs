using System.Threading.Channels;
using JexSim.Engine.Books;
using JexSim.Server.Venue;

namespace JexSim.Server.Streams;

/// <summary>
/// Where streams meet the single writer: an <see cref="ICommitObserver"/> that turns each committed batch into a
/// <see cref="StreamCommit"/> of values and hands it to an unbounded channel, so the writer never waits on a
/// publisher. This is the only stream code that reads a <see cref="CommittedBatch"/>, and it reads only its output values
/// (the engine is never read after a batch).
/// </summary>
public sealed class StreamCommitTap(ExchangeVenue venue, StreamHub hub, ListenKeys listenKeys) : ICommitObserver
{
    private readonly Channel<StreamCommit> _commits =
        Channel.CreateUnbounded<StreamCommit>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    /// <summary>The copied commits, in commit order (read by <see cref="StreamPublishing"/>).</summary>
    public ChannelReader<StreamCommit> Commits => _commits.Reader;

    /// <summary>No more commits will be handed on (the host is stopping).</summary>
    public void Complete() => _commits.Writer.TryComplete();

    public void OnCommitted(in CommittedBatch batch)
    {
        var output = batch.Output;
        bool users = hub.AnyUserStreams && (output.Orders.Count > 0 || output.Accounts.Count > 0
            || output.ContractPositions.Count > 0 || output.ContractBalances.Count > 0 || output.ContractRefusals.Count > 0);
        long[] disabled = DisabledAccounts(output.AccountFlags);
        if (!batch.StateReplaced && output.Trades.Count == 0 && !users && disabled.Length == 0) return;

        DepthSnapshot[]? baselines = null;
        int generation = 0;
        if (batch.StateReplaced)
        {
            generation = venue.Views.Generation;
            // The views were republished with the new state's books before observers run, so these are the new books exactly.
            baselines = venue.Tables.Symbols.Select(s => venue.Views.Depth(s)).ToArray();
            // Done here, before the reset is answered (as the API keys are), so a listenKey taken after it is never closed by it.
            listenKeys.CloseAll();
        }

        OrderState[] orders = [];
        (long, BalanceState[], bool)[] balances = [];
        var contract = ContractStreamChanges.None;
        if (users)
        {
            var ownOrders = new List<OrderState>();
            foreach (var o in output.Orders)
                if (hub.HasUserStream(o.AccountId)) ownOrders.Add(o);
            orders = ownOrders.ToArray();
            // Full balances come as values too: the engine's EndBatch puts every asset's balance of each account the
            // batch touched into output.Accounts (one row per asset, after the batch). Nothing here reads the engine.
            var touched = new List<(long, BalanceState[], bool)>();
            var tokens = Endpoints.Option.OptionMarket.TokenAssets(venue);
            foreach (var a in output.Accounts)
                if (hub.HasUserStream(a.AccountId))
                    touched.Add((a.AccountId, a.Balances, output.Balances.Exists(b => b.AccountId == a.AccountId && tokens.Contains(b.AssetId))));
            balances = touched.ToArray();
            contract = ContractChanges(output);
        }
        _commits.Writer.TryWrite(new StreamCommit(batch.Time, baselines, generation, output.Trades.Count > 0 ? output.Trades.ToArray() : [], orders, balances, disabled, contract));
    }

    /// <summary>The contract values of the batch (refusals, balances and positions after it) that belong to accounts with a user stream.</summary>
    private ContractStreamChanges ContractChanges(BatchOutput output)
    {
        if (output.ContractRefusals.Count == 0 && output.ContractBalances.Count == 0 && output.ContractPositions.Count == 0) return ContractStreamChanges.None;
        var changes = new ContractStreamChanges(
            output.ContractRefusals.Where(r => hub.HasUserStream(r.AccountId)).ToArray(),
            output.ContractBalances.Where(b => hub.HasUserStream(b.AccountId)).ToArray(),
            output.ContractPositions.Where(p => hub.HasUserStream(p.AccountId)).ToArray());
        return changes.IsEmpty ? ContractStreamChanges.None : changes;
    }

    /// <summary>Accounts whose last flag in the batch is "disabled".</summary>
    private static long[] DisabledAccounts(IReadOnlyList<(long AccountId, bool Disabled)> flags)
    {
        if (flags.Count == 0) return [];
        var last = new Dictionary<long, bool>();
        foreach (var (account, disabled) in flags) last[account] = disabled;
        return last.Where(f => f.Value).Select(f => f.Key).ToArray();
    }
}
