using JexSim.Engine.Books;
using JexSim.Engine.Matching;
using JexSim.Server.Venue;

namespace JexSim.Server.Streams;

/// <summary>
/// One committed batch as the stream publishers need it: values only, copied on the writer by
/// <see cref="StreamCommitTap"/>, so nothing downstream reads the engine. Handled in this order: the state replacement,
/// then trades, order changes and balances, then disabled accounts.
/// </summary>
/// <param name="Time">Venue time of the commit (Unix ms): the user events' E.</param>
/// <param name="DepthBaselines">
/// Set when a reset or restore in this batch replaced the whole state: every symbol's book as the new state has it
/// (indexed by symbol id), the diff-depth stream's new starting point. Null otherwise.
/// </param>
/// <param name="BooksGeneration">With <paramref name="DepthBaselines"/>: the views' <see cref="MarketViews.Generation"/> they belong to.</param>
/// <param name="Trades">Every trade of the batch, in order.</param>
/// <param name="Orders">Order state changes of accounts that have a user data stream, in order.</param>
/// <param name="Balances">
/// Per such account whose balances changed: every asset's balance after the batch (indexed by asset id), and whether the
/// batch changed one of its option tokens (then the option account's event goes out too).
/// </param>
/// <param name="DisabledAccounts">Accounts this batch disabled.</param>
/// <param name="Contract">The contract market's changes of such accounts (empty when none).</param>
public sealed record StreamCommit(
    long Time,
    DepthSnapshot[]? DepthBaselines,
    int BooksGeneration,
    Trade[] Trades,
    OrderState[] Orders,
    (long AccountId, BalanceState[] Balances, bool Options)[] Balances,
    long[] DisabledAccounts,
    ContractStreamChanges Contract);
