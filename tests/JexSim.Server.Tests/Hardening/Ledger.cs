using JexSim.Server.Tests.Infrastructure;
using JexSim.Server.Venue;
using Microsoft.Extensions.DependencyInjection;

namespace JexSim.Server.Tests.Hardening;

/// <summary>
/// The engine's own checks, run on the writer: invariants (ledger, locks, books) and per-asset supply; and the wallet's:
/// every wallet asset's supply is its opening supply plus deposits less withdrawals (money moves in and out only so).
/// </summary>
public static class Ledger
{
    public static async Task AssertHolds(JexSimFactory venue)
    {
        var exchange = venue.Services.GetRequiredService<ExchangeVenue>();
        var problems = await exchange.Sequencer.Inspect(core => core.CheckInvariants().Concat(exchange.Wallet.Check(core, exchange.WalletAssets)).ToList());
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    public static Task<long> Supply(JexSimFactory venue, string asset)
    {
        var exchange = venue.Services.GetRequiredService<ExchangeVenue>();
        int id = exchange.FindAsset(asset)!.Id;
        return exchange.Sequencer.Inspect(core => core.Supply(id));
    }
}
