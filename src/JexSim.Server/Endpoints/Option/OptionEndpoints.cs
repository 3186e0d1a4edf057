using System.Globalization;
using JexSim.Engine;
using JexSim.Engine.Markets;
using JexSim.Persistence;
using JexSim.Server.Api;
using JexSim.Server.Api.Catalogue;
using JexSim.Server.Endpoints.Spot;

namespace JexSim.Server.Endpoints.Option;

/// <summary>
/// The option market: market data and trading through the book markets' handlers (the tokens trade as spot does),
/// plus issuing (release) and redeeming (back) against collateral, the writer's info and records, and positions.
/// </summary>
public static class OptionEndpoints
{
    private const MarketType Market = MarketType.Option;
    private const string Prefix = "/api/v1/option";

    /// <summary>Whole tokens; the cap keeps amount x 10^8 inside the fixed-point range.</summary>
    private static ParamSpec Amount() => new("amount", ParamKind.Long, true) { Min = 1, Max = 90_000_000_000, Description = "Whole tokens." };

    /// <summary>The option of the option market's own routes (issue, redeem, info, records, positions): -7012 when no option has that symbol.</summary>
    private static ParamSpec Option(bool mandatory = true) => Params.Symbol(Market, mandatory) with { InvalidValue = JexErrors.UnknownOption };

    public static IEnumerable<JexEndpoint> All =>
    [
        .. SpotMarketDataEndpoints.For(Market, Prefix),
        .. SpotTradingEndpoints.For(Market, Prefix),
        new("POST", $"{Prefix}/release", SecurityType.Trade, 1, [Option(), Amount()],
            "Issue option tokens, locking margin and base collateral.", r => Change(r, release: true)),
        new("POST", $"{Prefix}/back", SecurityType.Trade, 1, [Option(), Amount()],
            "Redeem issued option tokens, releasing collateral pro rata.", r => Change(r, release: false)),
        new("GET", $"{Prefix}/position", SecurityType.UserData, 2, [Option(mandatory: false)],
            "Option tokens held, with cost and profit.", Position),
        new("GET", $"{Prefix}/info", SecurityType.UserData, 1, [Option()], "The account's issue and redemption totals of one option.",
            r => ValueTask.FromResult(JexResults.Ok(WriterInfo(r, null)))),
        new("GET", $"{Prefix}/record", SecurityType.UserData, 5,
            [Option(), Params.Long("startTime", false), Params.Long("endTime", false),
             Params.Long("fromId", false, "Only records from this id on."), Params.Limit(500, 500)],
            "Issue, redemption and expiry records of one option.", Records) { Rules = [ParamRule.TimeRange()] },
    ];

    private static async ValueTask<IResult> Change(JexRequest r, bool release)
    {
        long tokens = r.Long("amount") * FixedPoint.Scale;
        var result = release
            ? await r.Venue.IssueOptionAsync(r.AccountId, r.Symbol.Id, tokens).ConfigureAwait(false)
            : await r.Venue.RedeemOptionAsync(r.AccountId, r.Symbol.Id, tokens).ConfigureAwait(false);
        if (!result.Accepted)
        {
            // Spending tokens the account does not hold free is the option market's "asset not enough", not an order's -2010.
            throw new JexException(result.Reject == RejectReason.InsufficientBalance
                ? JexErrors.AssetNotEnough($"redeeming {r.Long("amount")} {r.Symbol.Name} needs that many free tokens.")
                : EngineRejects.ToError(result.Reject, r.Venue.Limits));
        }
        var record = r.Venue.StoreReader.OptionRecords(r.AccountId, r.Symbol.Name, null, null, null, 1)[0];
        return JexResults.Ok(WriterInfo(r, record.Time));
    }

    /// <summary>release, back and info: cumulative issued and redeemed tokens, the collateral still locked, free balances.</summary>
    private static Dictionary<string, object> WriterInfo(JexRequest r, long? createdDate)
    {
        var s = r.Symbol;
        var writer = r.Venue.StoreReader.OptionWriter(r.AccountId, s.Name);
        var terms = s.Option!.Release;
        long outstanding = writer.Released - writer.Backed - writer.Settled;
        var free = r.Venue.StoreReader.Balances(r.AccountId).ToDictionary(b => b.Asset, b => b.Free);
        var info = new Dictionary<string, object>
        {
            ["assetMargin"] = terms?.MarginAsset.Name ?? "",
            ["assetBase"] = terms?.BaseAsset.Name ?? "",
            ["assetOption"] = s.Name,
            ["releaseAmount"] = FixedPoint.Format(writer.Released),
            ["backAmount"] = FixedPoint.Format(writer.Backed),
            ["marginAmount"] = FixedPoint.Format(terms is null ? 0 : FixedPoint.ApplyRate(outstanding, terms.MarginPerToken)),
            ["baseAmount"] = FixedPoint.Format(terms is null ? 0 : FixedPoint.ApplyRate(outstanding, terms.BasePerToken)),
            ["availableMargin"] = FixedPoint.Format(terms is null ? 0 : free.GetValueOrDefault(terms.MarginAsset.Name)),
            ["availableBase"] = FixedPoint.Format(terms is null ? 0 : free.GetValueOrDefault(terms.BaseAsset.Name)),
            ["availableOption"] = FixedPoint.Format(free.GetValueOrDefault(s.Base.Name)),
        };
        if (createdDate is { } t) info["createdDate"] = t;
        return info;
    }

    private static ValueTask<IResult> Records(JexRequest r)
    {
        var s = r.Symbol;
        var terms = s.Option!.Release;
        var records = r.Venue.StoreReader.OptionRecords(r.AccountId, s.Name, r.OptionalLong("fromId"), r.OptionalLong("startTime"), r.OptionalLong("endTime"), r.Int("limit"));
        return ValueTask.FromResult(JexResults.Ok(records.Select(o => new
        {
            createdDate = o.Time,
            name = o.Symbol,
            status = o.Status,
            amount = FixedPoint.Format(o.Amount),
            convertRatio = FixedPoint.Format(terms?.ConvertRatio ?? 0),
            rateMargin = FixedPoint.Format(terms?.RateMargin ?? 0),
            baseAmount = FixedPoint.Format(o.BaseAmount),
            marginAmount = FixedPoint.Format(o.MarginAmount),
            assetMargin = terms?.MarginAsset.Name ?? "",
            assetBase = terms?.BaseAsset.Name ?? "",
            id = o.Id,
            settlementPrice = FixedPoint.Format(o.Price),
            payout = FixedPoint.Format(o.Payout),
        }).ToArray()));
    }

    /// <summary>
    /// Every option the account holds tokens of (or the one asked for): amount and free amount, the average price it paid
    /// (cost, from its buys; 0 for tokens it issued), profit at the last price and its rate, and the option's terms.
    /// </summary>
    private static ValueTask<IResult> Position(JexRequest r)
    {
        var options = r.Venue.SymbolsOf(Market).ToList();
        var balances = r.Venue.StoreReader.Balances(r.AccountId).ToDictionary(b => b.Asset);
        var rows = new List<object>();
        foreach (var s in options)
        {
            if (r.SymbolOrNull is { } only && only.Id != s.Id) continue;
            var b = balances.GetValueOrDefault(s.Base.Name);
            long amount = (b?.Free ?? 0) + (b?.Locked ?? 0);
            if (amount == 0) continue;
            var (bought, paid) = r.Venue.StoreReader.BoughtBy(r.AccountId, s.Name);
            long cost = bought == 0 ? 0 : (long)((Int128)paid * FixedPoint.Scale / bought);
            long last = r.Venue.Views.Depth(s).LastPrice;
            long profit = FixedPoint.ApplyRate(amount, last - cost);
            long rate = cost == 0 ? 0 : (long)((Int128)(last - cost) * FixedPoint.Scale / cost);
            rows.Add(new
            {
                name = s.Name,
                amount = FixedPoint.Format(amount),
                availAmount = FixedPoint.Format(b?.Free ?? 0),
                profit = FixedPoint.Format(profit),
                profitRate = FixedPoint.Format(rate),
                cost = FixedPoint.Format(cost),
                type = OptionMarket.PositionType(s.Option!),
                execTime = s.Option!.ExertionTime,
                execrPrice = FixedPoint.Format(s.Option.Strike),
                orderIndex = options.IndexOf(s),
            });
        }
        return ValueTask.FromResult(JexResults.Ok(rows));
    }
}
