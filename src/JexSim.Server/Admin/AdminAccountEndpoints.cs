using System.Text.Json;
using JexSim.Engine;
using JexSim.Engine.Accounts;
using JexSim.Engine.Matching;
using JexSim.Server.Api;
using JexSim.Server.Fixtures;
using JexSim.Server.Venue;

namespace JexSim.Server.Admin;

/// <summary>Accounts: create (with balances and permissions), list, disable, credit and debit.</summary>
public static class AdminAccountEndpoints
{
    public static void MapAdminAccounts(this RouteGroupBuilder admin)
    {
        admin.MapPost("/accounts", CreateAccount).WithSummary("Create an account with balances and optional permissions; returns its API key and secret.");
        admin.MapGet("/accounts", ListAccounts).WithSummary("Every account with its API keys (not secrets), permissions and balances.");
        admin.MapPost("/accounts/{accountId}/disable", (long accountId, ExchangeVenue venue) => SetDisabled(accountId, true, venue))
            .WithSummary("Disable an account: its keys are refused (-2015) and it cannot trade.");
        admin.MapPost("/accounts/{accountId}/enable", (long accountId, ExchangeVenue venue) => SetDisabled(accountId, false, venue))
            .WithSummary("Enable a disabled account again.");
        admin.MapPost("/accounts/{accountId}/balances", AdjustBalance)
            .WithSummary("Credit (positive amount) or debit (negative amount) an asset: recorded as a deposit, or as a withdrawal completed at once.");
    }

    public sealed record CreateAccountRequest(Dictionary<string, string>? Balances, List<string>? Permissions, string? Name);

    private static async Task<IResult> CreateAccount(HttpRequest http, ExchangeVenue venue)
    {
        JsonElement json;
        try { json = await AdminEndpoints.ReadBody(http, "balances", "permissions", "name"); } // no body at all (curl -X POST) is {}
        catch (Simulation.AdminInputException e) when (e.Field == "body" && e.Status == StatusCodes.Status400BadRequest)
        {
            return AdminEndpoints.BadRequest("Body " + e.Message); // "Body is not valid JSON: ...", as this call always said
        }
        CreateAccountRequest? body;
        try { body = json.Deserialize<CreateAccountRequest>(JexResults.Json); }
        catch (JsonException e)
        {
            return AdminEndpoints.BadRequest($"Body is not valid JSON: {e.Message}");
        }
        body ??= new CreateAccountRequest(null, null, null);

        var balances = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var (asset, amount) in body.Balances ?? new())
        {
            if (Endpoints.Option.OptionMarket.WalletAsset(venue, asset) is null) return AdminEndpoints.BadRequest(Endpoints.Option.OptionMarket.UnknownWalletAsset(venue, asset));
            if (!decimal.TryParse(amount, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var d)
                || !FixedPoint.TryFromDecimal(d, out long scaled) || scaled < 0)
                return AdminEndpoints.BadRequest(d > BalanceLimit.WholeUnits
                    ? $"Balance of {asset} must be at most {BalanceLimit.Describe}, not '{amount}'."
                    : $"Balance of {asset} must be a non-negative decimal string with at most 8 decimals, not '{amount}'.");
            balances[asset.ToUpperInvariant()] = scaled;
        }
        Permissions permissions;
        try { permissions = body.Permissions is null ? Permissions.All : FixtureLoader.ParsePermissions(body.Permissions, "permissions"); }
        catch (FixtureException e) { return AdminEndpoints.BadRequest(e.Message); } // "permissions: unknown permission ..."

        var key = ExchangeVenue.NewKey(0, permissions);
        long id = await venue.CreateAccountAsync(null, body.Name, key, balances, permissions);
        return JexResults.Ok(new { accountId = id, apiKey = key.Key, secretKey = key.Secret, permissions = Describe(permissions) });
    }

    private static IResult ListAccounts(ExchangeVenue venue)
    {
        var accounts = venue.StoreReader.Accounts().Select(a => new
        {
            accountId = a.Id,
            name = a.Name,
            disabled = a.Disabled,
            createdTime = a.CreatedTime,
            apiKeys = venue.Keys.ForAccount(a.Id).OrderBy(k => k.Key, StringComparer.Ordinal)
                .Select(k => new { apiKey = k.Key, permissions = Describe(k.Permissions) }),
            balances = venue.StoreReader.Balances(a.Id).Where(b => b.Free != 0 || b.Locked != 0)
                .Select(b => new { asset = b.Asset, free = FixedPoint.Format(b.Free), locked = FixedPoint.Format(b.Locked) }),
        });
        return JexResults.Ok(accounts);
    }

    private static async Task<IResult> SetDisabled(long accountId, bool disabled, ExchangeVenue venue)
    {
        var reject = await venue.SetAccountDisabledAsync(accountId, disabled);
        return reject == RejectReason.None
            ? JexResults.Ok(new { accountId, disabled })
            : AdminEndpoints.NotFound("accountId", $"Unknown account {accountId}.");
    }

    private static async Task<IResult> AdjustBalance(long accountId, HttpRequest http, ExchangeVenue venue)
    {
        var body = await AdminEndpoints.ReadBody(http, "asset", "amount");
        string assetName = AdminEndpoints.String(body, "asset") ?? throw new Simulation.AdminInputException("asset", "is required, e.g. \"USDT\".");
        var asset = Endpoints.Option.OptionMarket.WalletAsset(venue, assetName) ?? throw new Simulation.AdminInputException("asset", Endpoints.Option.OptionMarket.UnknownWalletAsset(venue, assetName));
        long amount = AdminEndpoints.Decimal(body, "amount") ?? throw new Simulation.AdminInputException("amount", "is required: a decimal string, positive to credit, negative to debit.");
        if (amount == 0) throw new Simulation.AdminInputException("amount", "must not be zero.");
        // The venue's balance limit (a policy below the engine's own fixed-point cap, which still guards the credit itself).
        long held = await venue.Sequencer.Inspect(core => core.Supply(asset.Id));
        if (amount > BalanceLimit.Scaled - held) return AdminEndpoints.Invalid("amount", BalanceLimit.Refusal(asset.Name, held));
        // A credit is a deposit, a debit a withdrawal completed at once: both are recorded, so the wallet accounts for it.
        var outcome = amount > 0
            ? await venue.DepositAsync(accountId, asset, amount)
            : await venue.WithdrawAsync(accountId, asset, -amount, AdminDebitAddress, null, "admin debit", completed: true);
        var balance = outcome.Balance;
        return outcome.Reject switch
        {
            RejectReason.None => JexResults.Ok(new { accountId, asset = asset.Name, free = FixedPoint.Format(balance.Free), locked = FixedPoint.Format(balance.Locked) }),
            RejectReason.UnknownAccount => AdminEndpoints.NotFound("accountId", $"Unknown account {accountId}."),
            RejectReason.InsufficientBalance => AdminEndpoints.Invalid("amount", $"Cannot debit {FixedPoint.Format(-amount)} {asset.Name}: free balance is {FixedPoint.Format(balance.Free)}."),
            _ => AdminEndpoints.Invalid("amount", AdminWalletEndpoints.Refused(outcome.Reject, amount, asset.Name)),
        };
    }

    /// <summary>The address an admin debit's withdrawal record names.</summary>
    public const string AdminDebitAddress = "jexsim-admin-debit";

    public static string[] Describe(Permissions p) =>
        new[] { ("read", Permissions.Read), ("trade", Permissions.Trade), ("withdraw", Permissions.Withdraw) }
            .Where(x => p.HasFlag(x.Item2)).Select(x => x.Item1).ToArray();
}
