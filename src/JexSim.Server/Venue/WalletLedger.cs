using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using JexSim.Engine;
using JexSim.Engine.Markets;
using JexSim.Engine.Matching;
using JexSim.Engine.Output;
using JexSim.Persistence;

namespace JexSim.Server.Venue;

/// <summary>
/// The wallet's books, kept by the writer: every deposit and withdrawal, and per wallet asset the supply it opened with
/// (the fixture's seed, accounts created later). Money enters and leaves the venue only through them, so for every
/// asset but option tokens the engine's supply equals opening + deposits − withdrawals not given back (<see cref="Check"/>).
/// Only the writer touches it (commands, recovery, rollback); endpoints read the records from the store.
/// </summary>
public sealed class WalletLedger
{
    /// <summary>Meta key prefix of each asset's opening supply ("wallet.opening.BTC").</summary>
    public const string OpeningKey = "wallet.opening.";

    private readonly Dictionary<string, long> _opening = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _flow = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WithdrawalRecord> _withdrawals = new(StringComparer.Ordinal);
    private long _nextDeposit = 1, _nextWithdrawal = 1;

    /// <summary>An account's deposit address for an asset: the first 34 hex digits of SHA-256("jexsim:account:asset"), the same on every run.</summary>
    public static string DepositAddress(long accountId, string asset) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"jexsim:{accountId}:{asset}")))[..34];

    /// <summary>A withdrawal's public id: 16 upper-case hex digits (the spec's "660A0D4AEB32BE67" form), from its sequence number.</summary>
    public static string WithdrawalId(long seq) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"jexsim:withdrawal:{seq}")))[..16];

    private static string TxId(string kind, long id) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"jexsim:{kind}-tx:{id}")));

    /// <summary>Forgets everything (a reset seeds afresh).</summary>
    public void Clear()
    {
        _opening.Clear();
        _flow.Clear();
        _withdrawals.Clear();
        _nextDeposit = _nextWithdrawal = 1;
    }

    /// <summary>
    /// Rebuilds the books from the store. A database from before the wallet (schema 3 or older) has no opening supply
    /// recorded: the supply it recovers with, less the deposits and withdrawals since, stands for it.
    /// </summary>
    public void Load(RecoveredState state, ExchangeCore core, IEnumerable<AssetSpec> walletAssets)
    {
        Clear();
        foreach (var d in state.Deposits)
        {
            Add(_flow, d.Asset, d.Amount);
            _nextDeposit = Math.Max(_nextDeposit, d.Id + 1);
        }
        foreach (var w in state.Withdrawals)
        {
            _withdrawals[w.Id] = w;
            if (!(w.ForcedStatus is { } s && WithdrawalStatus.Returns(s))) Add(_flow, w.Asset, -w.Amount);
            _nextWithdrawal = Math.Max(_nextWithdrawal, w.Seq + 1);
        }
        foreach (var asset in walletAssets)
            _opening[asset.Name] = state.Meta.TryGetValue(OpeningKey + asset.Name, out var v)
                ? long.Parse(v, CultureInfo.InvariantCulture)
                : core.Supply(asset.Id) - _flow.GetValueOrDefault(asset.Name);
    }

    /// <summary>After seeding: what each wallet asset opened with is the supply the seed left.</summary>
    public void SetOpenings(WriteContext ctx, IEnumerable<AssetSpec> walletAssets)
    {
        foreach (var asset in walletAssets) SetOpening(ctx, asset.Name, ctx.Core.Supply(asset.Id) - _flow.GetValueOrDefault(asset.Name));
    }

    /// <summary>An account created with opening balances adds them to the opening supply.</summary>
    public void AddOpening(WriteContext ctx, string asset, long amount) => SetOpening(ctx, asset, _opening.GetValueOrDefault(asset) + amount);

    private void SetOpening(WriteContext ctx, string asset, long amount)
    {
        _opening[asset] = amount;
        ctx.Meta[OpeningKey + asset] = amount.ToString(CultureInfo.InvariantCulture);
    }

    public WalletOutcome Deposit(WriteContext ctx, DepositCommand c)
    {
        var result = ctx.Core.Apply(EngineCommand.AdjustBalance(c.AccountId, c.Asset.Id, c.Amount), ctx.Now);
        if (!result.Accepted) return new WalletOutcome(result.Reject, result.Balance);
        long id = _nextDeposit++;
        var deposit = new DepositRecord(id, c.AccountId, c.Asset.Name, c.Amount, DepositAddress(c.AccountId, c.Asset.Name), TxId("deposit", id), 1, ctx.Now);
        ctx.Deposits.Add(deposit);
        Add(_flow, c.Asset.Name, c.Amount);
        return new WalletOutcome(result.Reject, result.Balance, Deposit: deposit);
    }

    public WalletOutcome Withdraw(WriteContext ctx, WithdrawCommand c)
    {
        var result = ctx.Core.Apply(EngineCommand.AdjustBalance(c.AccountId, c.Asset.Id, -c.Amount), ctx.Now);
        if (!result.Accepted) return new WalletOutcome(result.Reject, result.Balance);
        long seq = _nextWithdrawal++;
        var withdrawal = new WithdrawalRecord(seq, WithdrawalId(seq), c.AccountId, c.Asset.Name, c.Amount, c.Address, c.AddressTag, c.Name,
            TxId("withdrawal", seq), ctx.Now, c.Completed ? WithdrawalStatus.Completed : null, c.Completed ? ctx.Now : null);
        _withdrawals[withdrawal.Id] = withdrawal;
        ctx.Withdrawals.Add(withdrawal);
        Add(_flow, c.Asset.Name, -c.Amount);
        return new WalletOutcome(result.Reject, result.Balance, Withdrawal: withdrawal);
    }

    /// <summary>Forces a withdrawal's status; Cancelled, Rejected and Failure credit the amount back (through the engine).</summary>
    public WalletOutcome Force(WriteContext ctx, ForceWithdrawalStatusCommand c, Func<string, AssetSpec?> findAsset)
    {
        if (!_withdrawals.TryGetValue(c.WithdrawalId, out var w))
            return new WalletOutcome(Engine.Commands.RejectReason.None, default) { Refusal = WalletRefusal.UnknownWithdrawal };
        int previous = WithdrawalStatus.At(w, ctx.Now);
        if (WithdrawalStatus.IsFinal(previous))
            return new WalletOutcome(Engine.Commands.RejectReason.None, default, Withdrawal: w) { Refusal = WalletRefusal.AlreadyFinal, PreviousStatus = previous };
        BalanceState balance = default;
        if (WithdrawalStatus.Returns(c.Status))
        {
            // A fixture changed since (ResetOnFixtureChange off) may have dropped the asset: nothing to give back into.
            if (findAsset(w.Asset) is not { } asset) return new WalletOutcome(Engine.Commands.RejectReason.InvalidAmount, default, Withdrawal: w) { PreviousStatus = previous };
            var result = ctx.Core.Apply(EngineCommand.AdjustBalance(w.AccountId, asset.Id, w.Amount), ctx.Now);
            if (!result.Accepted) return new WalletOutcome(result.Reject, result.Balance, Withdrawal: w) { PreviousStatus = previous };
            balance = result.Balance;
            Add(_flow, w.Asset, w.Amount);
        }
        var forced = w with { ForcedStatus = c.Status, ForcedTime = ctx.Now };
        _withdrawals[w.Id] = forced;
        ctx.Withdrawals.Add(forced);
        return new WalletOutcome(Engine.Commands.RejectReason.None, balance, Withdrawal: forced) { PreviousStatus = previous };
    }

    /// <summary>
    /// The wallet's invariant, one line per asset that breaks it: the engine's supply of every wallet asset equals its
    /// opening supply plus the deposits less the withdrawals not given back. Run on the writer (Sequencer.Inspect).
    /// </summary>
    public List<string> Check(ExchangeCore core, IEnumerable<AssetSpec> walletAssets)
    {
        var problems = new List<string>();
        foreach (var asset in walletAssets)
        {
            long opening = _opening.GetValueOrDefault(asset.Name), flow = _flow.GetValueOrDefault(asset.Name);
            if (core.Supply(asset.Id) != opening + flow)
                problems.Add($"{asset.Name} supply {core.Supply(asset.Id)} differs from opening {opening} + deposits − withdrawals {flow} = {opening + flow}");
        }
        return problems;
    }

    private static void Add(Dictionary<string, long> totals, string asset, long amount) => totals[asset] = totals.GetValueOrDefault(asset) + amount;
}
