using JexSim.Engine;
using JexSim.Engine.Accounts;
using JexSim.Engine.Markets;
using JexSim.Server.Api;
using JexSim.Server.Api.Catalogue;

namespace JexSim.Server.Endpoints.Account;

/// <summary>The account across markets: spot, contract and option balances.</summary>
public static class AccountEndpoints
{
    public static IEnumerable<JexEndpoint> All =>
    [
        new("GET", "/api/v1/account", SecurityType.UserData, 1, [], "Balances of the spot, contract and option accounts.", Account),
    ];

    private static ValueTask<IResult> Account(JexRequest r)
    {
        var key = r.ApiKey!;
        var stored = r.Venue.StoreReader.Balances(r.AccountId).ToDictionary(b => b.Asset);
        bool canTrade = key.Permissions.HasFlag(Permissions.Trade), canWithdraw = key.Permissions.HasFlag(Permissions.Withdraw);
        // Option tokens are the option account's: issued and settled, never deposited or withdrawn.
        var tokens = Option.OptionMarket.TokenAssets(r.Venue);
        object Row(AssetSpec a, bool wallet)
        {
            var b = stored.GetValueOrDefault(a.Name);
            return new
            {
                asset = a.Name, canDeposit = wallet, canTrade, canWithdraw = wallet && canWithdraw,
                free = FixedPoint.Format(b?.Free ?? 0), locked = FixedPoint.Format(b?.Locked ?? 0),
            };
        }
        var spot = r.Venue.Tables.Assets.Where(a => !tokens.Contains(a.Id)).Select(a => Row(a, true)).ToArray();
        var option = r.Venue.Tables.Assets.Where(a => tokens.Contains(a.Id)).Select(a => Row(a, false)).ToArray();
        return ValueTask.FromResult(JexResults.Ok(new
        {
            updateTime = r.Venue.Now,
            contractBalances = Endpoints.Contract.ContractAccountEndpoints.Balances(r),
            optionBalances = option,
            spotBalances = spot,
        }));
    }
}
