using JexSim.Engine;
using JexSim.Engine.Accounts;
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
        var spot = r.Venue.Tables.Assets.Select(a =>
        {
            var b = stored.GetValueOrDefault(a.Name);
            return new
            {
                asset = a.Name, canDeposit = true, canTrade, canWithdraw,
                free = FixedPoint.Format(b?.Free ?? 0), locked = FixedPoint.Format(b?.Locked ?? 0),
            };
        }).ToArray();
        return ValueTask.FromResult(JexResults.Ok(new
        {
            updateTime = r.Venue.Now,
            contractBalances = Endpoints.Contract.ContractAccountEndpoints.Balances(r),
            optionBalances = Array.Empty<object>(),
            spotBalances = spot,
        }));
    }
}
