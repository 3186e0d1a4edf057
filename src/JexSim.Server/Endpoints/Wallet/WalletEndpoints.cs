using System.Text.RegularExpressions;
using JexSim.Engine;
using JexSim.Engine.Accounts;
using JexSim.Engine.Commands;
using JexSim.Engine.Markets;
using JexSim.Persistence;
using JexSim.Server.Api;
using JexSim.Server.Api.Catalogue;
using JexSim.Server.Endpoints.Option;
using JexSim.Server.Venue;

namespace JexSim.Server.Endpoints.Wallet;

/// <summary>
/// The wallet (wapi.md) endpoints: asset details, deposit addresses, deposit history, trading fees, withdrawals and
/// their history. A withdrawal debits at once; its status then moves on the venue clock (<see cref="WithdrawalStatus"/>).
/// Deposits arrive through the admin API (POST /admin/v1/deposits), as they would from outside the exchange.
/// </summary>
public static partial class WalletEndpoints
{
    private const string Prefix = "/wapi/v1";
    private const string AssetPattern = "^[A-Za-z0-9]{1,20}$";

    private static ParamSpec Status(int max, string description) =>
        new("status", ParamKind.Int, false) { Min = 0, Max = max, Description = description };

    private static IReadOnlyList<ParamSpec> WithdrawParameters =>
    [
        Params.String("asset", true, AssetPattern),
        Params.String("address", true, description: "10 to 100 letters and digits; not the account's own deposit address."),
        Params.String("addressTag", false, "^[A-Za-z0-9]{1,64}$"),
        Params.Decimal("amount", true, "Positive, at most the free balance."),
        new("name", ParamKind.String, false) { MaxLength = 64, Description = "An alias for the address." },
    ];

    public static IEnumerable<JexEndpoint> All =>
    [
        new("GET", $"{Prefix}/assetDetail", SecurityType.UserData, 1, [], "Deposit and withdrawal terms of every asset.", AssetDetail),
        new("GET", $"{Prefix}/depositAddress", SecurityType.UserData, 1, [Params.String("asset", true, AssetPattern)],
            "The account's deposit address for an asset (stable per account and asset).", DepositAddress),
        new("GET", $"{Prefix}/depositHistory", SecurityType.UserData, 5,
            [Params.String("asset", false, AssetPattern), Status(1, "0 pending, 1 success."), Params.Long("startTime", false), Params.Long("endTime", false)],
            "The account's deposits, newest first.", DepositHistory) { Rules = [ParamRule.TimeRange()] },
        new("GET", $"{Prefix}/tradeFee", SecurityType.UserData, 1, [Params.String("symbol", false, Params.SymbolPattern)],
            "Maker and taker fee rates of every symbol (or one), from the fixture.", TradeFee),
        new("GET", $"{Prefix}/withdraw", SecurityType.UserData, 1, WithdrawParameters,
            "Withdraw: debits at once; the status then moves on the venue clock. Needs the withdraw permission.", Withdraw),
        new("POST", $"{Prefix}/withdraw", SecurityType.UserData, 1, WithdrawParameters,
            "The same withdrawal as a POST (Binance's method).", Withdraw),
        new("GET", $"{Prefix}/withdrawHistory", SecurityType.UserData, 5,
            [Params.String("asset", false, AssetPattern),
             Status(6, "0 Email Sent, 1 Cancelled, 2 Awaiting Approval, 3 Rejected, 4 Processing, 5 Failure, 6 Completed."),
             Params.Long("startTime", false), Params.Long("endTime", false)],
            "The account's withdrawals, newest first.", WithdrawHistory) { Rules = [ParamRule.TimeRange()] },
    ];

    private static ValueTask<IResult> AssetDetail(JexRequest r)
    {
        var detail = new Dictionary<string, object>();
        foreach (var a in r.Venue.WalletAssets)
            detail[a.Name] = new { minWithdrawAmount = 0, withdrawFee = "0", depositStatus = true, withdrawStatus = true };
        return ValueTask.FromResult(JexResults.Ok(detail));
    }

    private static AssetSpec Asset(JexRequest r) =>
        OptionMarket.WalletAsset(r.Venue, r.String("asset")!) ?? throw new JexException(JexErrors.WithdrawAssetError(OptionMarket.UnknownWalletAsset(r.Venue, r.String("asset")!)));

    /// <summary>The asset filter of a history: null for all; an asset that is not a wallet asset is -8006 as elsewhere.</summary>
    private static string? AssetFilter(JexRequest r) => r.Has("asset") ? Asset(r).Name : null;

    private static ValueTask<IResult> DepositAddress(JexRequest r)
    {
        var asset = Asset(r);
        return ValueTask.FromResult(JexResults.Ok(new { address = WalletLedger.DepositAddress(r.AccountId, asset.Name), asset = asset.Name, success = true }));
    }

    private static ValueTask<IResult> DepositHistory(JexRequest r)
    {
        var deposits = r.Venue.StoreReader.Deposits(r.AccountId, AssetFilter(r), r.Has("status") ? r.Int("status") : null, r.OptionalLong("startTime"), r.OptionalLong("endTime"));
        return ValueTask.FromResult(JexResults.Ok(deposits.Select(DepositView).ToArray()));
    }

    /// <summary>One depositHistory entry, as the spec's example shows it (amount a number).</summary>
    public static object DepositView(DepositRecord d) => new
    {
        insertTime = d.Time,
        amount = FixedPoint.ToDecimal(d.Amount),
        asset = d.Asset,
        address = d.Address,
        txId = d.TxId,
        status = d.Status,
    };

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

    [GeneratedRegex("^[A-Za-z0-9]{10,100}$")]
    private static partial Regex AddressForm();

    private static async ValueTask<IResult> Withdraw(JexRequest r)
    {
        if (!r.ApiKey!.Permissions.HasFlag(Permissions.Withdraw))
            throw new JexException(JexErrors.WithdrawForbidden("this API key does not have the withdraw permission."));
        var asset = Asset(r);
        string address = r.String("address")!;
        if (!AddressForm().IsMatch(address))
            throw new JexException(JexErrors.WithdrawAddressError($"'{address}' is not an address: 10 to 100 letters and digits."));
        if (address == WalletLedger.DepositAddress(r.AccountId, asset.Name))
            throw new JexException(JexErrors.WithdrawAddressError($"'{address}' is this account's own {asset.Name} deposit address."));
        long amount = r.Scaled("amount")!.Value;
        if (amount <= 0) throw new JexException(JexErrors.WithdrawAmountError($"the amount must be greater than 0, not {r.String("amount")}."));
        var outcome = await r.Venue.WithdrawAsync(r.AccountId, asset, amount, address, r.String("addressTag"), r.String("name")).ConfigureAwait(false);
        return outcome.Reject switch
        {
            RejectReason.None => JexResults.Ok(new { id = outcome.Withdrawal!.Id }),
            RejectReason.InsufficientBalance => throw new JexException(JexErrors.BalanceNotEnough(
                $"withdrawing {FixedPoint.Format(amount)} {asset.Name} needs that much free; the free balance is {FixedPoint.Format(outcome.Balance.Free)}.")),
            _ => throw new JexException(EngineRejects.ToError(outcome.Reject, r.Venue.Limits)),
        };
    }

    private static ValueTask<IResult> WithdrawHistory(JexRequest r)
    {
        long now = r.Venue.Now;
        int? status = r.Has("status") ? r.Int("status") : null;
        var withdrawals = r.Venue.StoreReader.Withdrawals(r.AccountId, AssetFilter(r), r.OptionalLong("startTime"), r.OptionalLong("endTime"))
            .Where(w => status is null || WithdrawalStatus.At(w, now) == status)
            .Select(w => WithdrawalView(w, now)).ToArray();
        return ValueTask.FromResult(JexResults.Ok(new { withdrawRecordList = withdrawals, success = true }));
    }

    /// <summary>One withdrawRecordList entry, as the spec's example shows it, with its status at <paramref name="now"/>.</summary>
    public static object WithdrawalView(WithdrawalRecord w, long now) => new
    {
        id = w.Id,
        amount = FixedPoint.ToDecimal(w.Amount),
        address = w.Address,
        asset = w.Asset,
        txId = w.TxId,
        applyTime = w.ApplyTime,
        status = WithdrawalStatus.At(w, now),
    };
}
