using System.Net.WebSockets;
using JexSim.Engine;
using JexSim.Server.Endpoints.Contract;
using JexSim.Server.Venue;

namespace JexSim.Server.Streams;

/// <summary>
/// The user data streams: an execution report for every order change of an account with a live listenKey and its
/// balances after the change, pushed as soon as the batch is committed and never dropped. Owns the listenKey wiring: a
/// key that closes or expires, or whose account is disabled, closes its sockets.
/// </summary>
public sealed class UserDataPublisher
{
    /// <summary>Close reason of a user data socket whose listenKey was deleted, expired, or dropped by a reset.</summary>
    public const string ListenKeyClosedReason = "listenKey expired or closed";

    /// <summary>Close reason of a user data socket whose account was disabled (status 1008, policy violation).</summary>
    public const string AccountDisabledReason = "Account disabled";

    private readonly StreamHub _hub;
    private readonly ExchangeVenue _venue;
    private readonly ListenKeys _listenKeys;

    public UserDataPublisher(StreamHub hub, ExchangeVenue venue, ListenKeys listenKeys)
    {
        _hub = hub;
        _venue = venue;
        _listenKeys = listenKeys;
        _listenKeys.Closed += key => _hub.CloseUserStream(key, WebSocketCloseStatus.NormalClosure, ListenKeyClosedReason);
    }

    /// <summary>
    /// Every order state change of the commit (and each refused contract order), then the balances after it, then the
    /// contract balances and positions it changed, to the accounts' user streams.
    /// </summary>
    public void Publish(StreamCommit commit)
    {
        var symbols = _venue.Tables.Symbols;
        foreach (var o in commit.Orders)
        {
            if (_hub.UserStream(o.AccountId) is not { } sub) continue;
            var symbol = symbols[o.SymbolId];
            sub.Publish(symbol.Market == MarketType.Contract
                ? StreamPayloads.ContractExecutionReport(symbol, o, commit.Time)
                : StreamPayloads.ExecutionReport(symbol.Market, symbol, o, commit.Time), mustDeliver: true);
        }
        foreach (var refusal in commit.Contract.Refusals)
        {
            if (_hub.UserStream(refusal.AccountId) is not { } sub || ContractVocabulary.RefusalReason(refusal.Reason) is not { } reason) continue;
            sub.Publish(StreamPayloads.ContractRefusalReport(reason, commit.Time), mustDeliver: true);
        }
        foreach (var (accountId, balances, options) in commit.Balances)
        {
            if (_hub.UserStream(accountId) is not { } sub || _listenKeys.Find(sub.Key.ListenKey!) is not { } key) continue;
            var assets = _venue.Tables.Assets;
            // Option tokens are the option account's: accountOptionInfo when the batch changed one, accountSpotInfo for the rest.
            var tokens = Endpoints.Option.OptionMarket.TokenAssets(_venue);
            StreamPayloads.BalanceRow[] Rows(bool token) =>
                balances.Where(b => tokens.Contains(b.AssetId) == token).Select(b => new StreamPayloads.BalanceRow(assets[b.AssetId].Name, b.Free, b.Locked)).ToArray();
            sub.Publish(StreamPayloads.AccountInfo(MarketType.Spot, Rows(false), key, commit.Time, commit.Time), mustDeliver: true);
            if (options) sub.Publish(StreamPayloads.AccountInfo(MarketType.Option, Rows(true), key, commit.Time, commit.Time), mustDeliver: true);
        }
        PublishContract(commit);
    }

    /// <summary>accountContractInfo with each account's contract balances after the batch, then contractPositions with the positions it changed.</summary>
    private void PublishContract(StreamCommit commit)
    {
        var changes = commit.Contract;
        if (changes.IsEmpty) return;
        foreach (var group in changes.Balances.GroupBy(b => b.AccountId))
        {
            if (_hub.UserStream(group.Key) is not { } sub || _listenKeys.Find(sub.Key.ListenKey!) is not { } key) continue;
            var rows = group.Select(b => (_venue.Tables.Assets[b.AssetId].Name, b)).ToList();
            sub.Publish(StreamPayloads.AccountContractInfo(rows, key, commit.Time), mustDeliver: true);
        }
        var contracts = _venue.Tables.Contracts;
        foreach (var group in changes.Positions.GroupBy(p => p.AccountId))
        {
            if (_hub.UserStream(group.Key) is not { } sub) continue;
            // A commit from before a reset to another fixture may name contracts the venue no longer has: those are left out.
            var rows = group.Select(p => (Spec: contracts.FirstOrDefault(c => c.SymbolId == p.SymbolId), p.Position))
                .Where(r => r.Spec is not null).Select(r => (r.Spec!, r.Position)).ToList();
            if (rows.Count == 0) continue;
            sub.Publish(StreamPayloads.ContractPositions(rows, commit.Time), mustDeliver: true);
        }
    }

    /// <summary>A disabled account's listenKey is closed and its user data sockets with it (1008, "Account disabled").</summary>
    public void CloseDisabled(long[] accounts)
    {
        foreach (long account in accounts)
        {
            if (_listenKeys.OfAccount(account) is not { } key) continue;
            // First the sockets, with the reason; closing the key then finds them closing already.
            _hub.CloseUserStream(key.Key, WebSocketCloseStatus.PolicyViolation, AccountDisabledReason);
            _listenKeys.Close(key.Key, account);
        }
    }

    /// <summary>Drops listenKeys whose time has passed (venue clock); their sockets close.</summary>
    public void ExpireListenKeys() => _listenKeys.ExpireDue();
}
