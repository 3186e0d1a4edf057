using JexSim.Engine;
using JexSim.Engine.Commands;
using JexSim.Server.Api;
using JexSim.Server.Endpoints.Option;
using JexSim.Server.Endpoints.Wallet;
using JexSim.Server.Simulation;
using JexSim.Server.Venue;

namespace JexSim.Server.Admin;

/// <summary>The wallet seen from outside the venue: deposits arriving, and withdrawals whose status an operator decides.</summary>
public static class AdminWalletEndpoints
{
    public static void MapAdminWallet(this RouteGroupBuilder admin)
    {
        admin.MapPost("/deposits", Deposit)
            .WithSummary("Credit a deposit ({\"accountId\",\"asset\",\"amount\"}); it shows in GET /wapi/v1/depositHistory with status 1 (success).");
        admin.MapPost("/withdrawals/{id}/status", ForceStatus)
            .WithSummary("Force a withdrawal's status ({\"status\":0-6}); 1 Cancelled, 3 Rejected and 5 Failure give the amount back.");
    }

    private static async Task<IResult> Deposit(HttpRequest http, ExchangeVenue venue)
    {
        var body = await AdminEndpoints.ReadBody(http, "accountId", "asset", "amount");
        long accountId = AdminEndpoints.Long(body, "accountId") ?? throw new AdminInputException("accountId", "is required, e.g. 1.");
        string assetName = AdminEndpoints.String(body, "asset") ?? throw new AdminInputException("asset", "is required, e.g. \"USDT\".");
        var asset = OptionMarket.WalletAsset(venue, assetName) ?? throw new AdminInputException("asset", OptionMarket.UnknownWalletAsset(venue, assetName));
        long amount = AdminEndpoints.Decimal(body, "amount") ?? throw new AdminInputException("amount", "is required: a positive decimal string such as \"1.5\".");
        if (amount <= 0) throw new AdminInputException("amount", "must be positive: a deposit credits the account (debit through a withdrawal).");
        long held = await venue.Sequencer.Inspect(core => core.Supply(asset.Id));
        if (amount > BalanceLimit.Scaled - held) return AdminEndpoints.Invalid("amount", BalanceLimit.Refusal(asset.Name, held));
        var outcome = await venue.DepositAsync(accountId, asset, amount);
        return outcome.Reject switch
        {
            RejectReason.None => JexResults.Ok(WalletEndpoints.DepositView(outcome.Deposit!)),
            RejectReason.UnknownAccount => AdminEndpoints.NotFound("accountId", $"Unknown account {accountId}."),
            _ => AdminEndpoints.Invalid("amount", Refused(outcome.Reject, amount, asset.Name)),
        };
    }

    private static async Task<IResult> ForceStatus(string id, HttpRequest http, ExchangeVenue venue)
    {
        var body = await AdminEndpoints.ReadBody(http, "status");
        long status = AdminEndpoints.Long(body, "status") ?? throw new AdminInputException("status", "is required: 0 Email Sent, 1 Cancelled, 2 Awaiting Approval, 3 Rejected, 4 Processing, 5 Failure, 6 Completed.");
        if (status is < 0 or > 6) throw new AdminInputException("status", $"must be 0 to 6 (0 Email Sent, 1 Cancelled, 2 Awaiting Approval, 3 Rejected, 4 Processing, 5 Failure, 6 Completed), not {status}.");
        var outcome = await venue.ForceWithdrawalStatusAsync(id, (int)status);
        if (outcome.Refusal == WalletRefusal.UnknownWithdrawal) return AdminEndpoints.NotFound("id", $"Unknown withdrawal '{id}'.");
        if (outcome.Refusal == WalletRefusal.AlreadyFinal)
            return AdminEndpoints.Invalid("status", $"withdrawal {id} is already {WithdrawalStatus.Name(outcome.PreviousStatus!.Value)} ({outcome.PreviousStatus}), a final status.",
                StatusCodes.Status409Conflict);
        if (outcome.Reject != RejectReason.None)
            return AdminEndpoints.Invalid("status", $"giving back {FixedPoint.Format(outcome.Withdrawal!.Amount)} {outcome.Withdrawal.Asset} was refused: {outcome.Reject}.");
        return JexResults.Ok(WalletEndpoints.WithdrawalView(outcome.Withdrawal!, venue.Now));
    }

    /// <summary>Why the engine refused a credit or debit, in words.</summary>
    public static string Refused(RejectReason reject, long amount, string asset) => reject switch
    {
        RejectReason.BalanceOverflow => $"Cannot credit {FixedPoint.Format(amount)} {asset}: the venue's total {asset} would exceed {FixedPoint.Format(Engine.Accounts.Ledger.MaxSupply)}, the most the fixed-point range holds.",
        _ => $"Amount refused: {reject}.",
    };
}
