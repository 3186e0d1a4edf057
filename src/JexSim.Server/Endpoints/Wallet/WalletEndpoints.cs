using System.Security.Cryptography;
using System.Text;
using JexSim.Engine;
using JexSim.Server.Api;
using JexSim.Server.Api.Catalogue;
using JexSim.Server.Endpoints.Option;

namespace JexSim.Server.Endpoints.Wallet;

/// <summary>
/// The wallet (wapi.md) endpoints this build serves: asset details, deposit addresses and trading fees. Deposits and
/// withdrawals move through the admin API's balance adjustment in this build, so every asset reports withdrawals as
/// unavailable (withdrawStatus false) rather than promising a route it does not have.
/// </summary>
public static class WalletEndpoints
{
    private const string Prefix = "/wapi/v1";

    public static IEnumerable<JexEndpoint> All =>
    [
        new("GET", $"{Prefix}/assetDetail", SecurityType.UserData, 1, [], "Deposit and withdrawal terms of every asset.", AssetDetail),
        new("GET", $"{Prefix}/depositAddress", SecurityType.UserData, 1, [Params.String("asset", true, "^[A-Za-z0-9]{1,20}$")],
            "The account's deposit address for an asset (stable per account and asset).", DepositAddress),
        new("GET", $"{Prefix}/tradeFee", SecurityType.UserData, 1, [Params.String("symbol", false, Params.SymbolPattern)],
            "Maker and taker fee rates of every symbol (or one), from the fixture.", TradeFee),
    ];

    private static ValueTask<IResult> AssetDetail(JexRequest r)
    {
        var tokens = OptionMarket.TokenAssets(r.Venue);
        var detail = new Dictionary<string, object>();
        foreach (var a in r.Venue.Tables.Assets.Where(a => !tokens.Contains(a.Id)))
            detail[a.Name] = new { minWithdrawAmount = 0, withdrawFee = "0", depositStatus = true, withdrawStatus = false };
        return ValueTask.FromResult(JexResults.Ok(detail));
    }

    private static ValueTask<IResult> DepositAddress(JexRequest r)
    {
        var asset = OptionMarket.WalletAsset(r.Venue, r.String("asset")!)
            ?? throw new JexException(JexErrors.WithdrawAssetError(OptionMarket.UnknownWalletAsset(r.Venue, r.String("asset")!)));
        return ValueTask.FromResult(JexResults.Ok(new { address = Address(r.AccountId, asset.Name), asset = asset.Name, success = true }));
    }

    /// <summary>A deposit address: the first 34 hex digits of SHA-256("jexsim:account:asset"), the same on every run.</summary>
    public static string Address(long accountId, string asset) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"jexsim:{accountId}:{asset}")))[..34];

    private static ValueTask<IResult> TradeFee(JexRequest r)
    {
        // The book markets' symbols (spot and options); contract fees are in contractInfo, under the same names as spot.
        var symbols = r.Venue.Tables.Symbols.Where(s => s.Market != MarketType.Contract);
        if (r.String("symbol") is { } name)
        {
            var one = symbols.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) ?? throw new JexException(JexErrors.InvalidSymbol);
            symbols = [one];
        }
        return ValueTask.FromResult(JexResults.Ok(symbols.Select(s => new
        {
            symbol = s.Name,
            maker = FixedPoint.ToDecimal(s.MakerFeeRate),
            taker = FixedPoint.ToDecimal(s.TakerFeeRate),
        }).ToArray()));
    }
}
