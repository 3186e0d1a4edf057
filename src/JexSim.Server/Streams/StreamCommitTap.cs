using System.Threading.Channels;
using JexSim.Engine.Books;
using JexSim.Engine.Matching;
using JexSim.Server.Venue;

namespace JexSim.Server.Streams;

/// <summary>
/// Where streams meet the single writer: an <see cref="ICommitObserver"/> that turns each committed batch into a
/// <see cref="StreamCommit"/> of values and hands it to an unbounded channel, so the writer never waits on a
/// publisher. This is the only stream code that reads a <see cref="CommittedBatch"/> (or the engine behind it).
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
        bool users = hub.AnyUserStreams && (output.Orders.Count > 0 || output.Balances.Count > 0);
        long[] disabled = DisabledAccounts(batch.AccountFlags);
        if (!batch.StateReplaced && output.Trades.Count == 0 && !users && disabled.Length == 0) return;

        DepthSnapshot[]? baselines = null;
        int generation = 0;
        if (batch.StateReplaced)
        {
            generation = venue.Views.Generation;
            // The views were republished from the new engine before observers run, so these are the new books exactly.
            baselines = venue.Tables.Symbols.Select(s => venue.Views.Depth(s)).ToArray();
            // Done here, before the reset is answered (as the API keys are), so a listenKey taken after it is never closed by it.
            listenKeys.CloseAll();
        }

        OrderState[] orders = [];
        (long, BalanceState[])[] balances = [];
        if (users)
        {
            var ownOrders = new List<OrderState>();
            foreach (var o in output.Orders)
                if (hub.HasUserStream(o.AccountId)) ownOrders.Add(o);
            orders = ownOrders.ToArray();
            var touched = new List<long>();
            foreach (var b in output.Balances)
                if (hub.HasUserStream(b.AccountId) && !touched.Contains(b.AccountId)) touched.Add(b.AccountId);
            int assets = batch.Core.Assets.Count;
            balances = new (long, BalanceState[])[touched.Count];
            for (int i = 0; i < touched.Count; i++)
            {
                var rows = new BalanceState[assets];
                for (int a = 0; a < rows.Length; a++) rows[a] = batch.Core.Balance(touched[i], a);
                balances[i] = (touched[i], rows);
            }
        }
        _commits.Writer.TryWrite(new StreamCommit(batch.Time, baselines, generation, output.Trades.Count > 0 ? output.Trades.ToArray() : [], orders, balances, disabled));
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
