using System.Text.Json;
using System.Text.Json.Nodes;
using JexSim.Engine;
using JexSim.Engine.Markets;
using JexSim.Engine.Markets.Option;
using JexSim.Persistence;
using JexSim.Server.Api;
using JexSim.Server.Simulation;
using JexSim.Server.Venue;

namespace JexSim.Server.Endpoints.Option;

/// <summary>What the option endpoints read about an option: its terms as the spec shows them, its state, its prices.</summary>
public static class OptionMarket
{
    /// <summary>The asset ids of every option's tokens (they are the option account's balances, never deposited).</summary>
    public static HashSet<int> TokenAssets(ExchangeVenue venue) => venue.Tables.Symbols.Where(s => s.Option is not null).Select(s => s.Base.Id).ToHashSet();

    /// <summary>An asset that can be deposited and withdrawn (any but an option token), by name; null otherwise.</summary>
    public static AssetSpec? WalletAsset(ExchangeVenue venue, string name) =>
        venue.FindAsset(name) is { } a && !TokenAssets(venue).Contains(a.Id) ? a : null;

    /// <summary>Why <paramref name="name"/> cannot be deposited: an option token, or no asset at all (listing the known ones).</summary>
    public static string UnknownWalletAsset(ExchangeVenue venue, string name)
    {
        if (venue.FindAsset(name) is { } token) return $"'{token.Name}' is an option token: tokens are issued (option/release) and settled, never deposited or withdrawn.";
        var tokens = TokenAssets(venue);
        return $"Unknown asset '{name}'. Known: {string.Join(", ", venue.Tables.Assets.Where(a => !tokens.Contains(a.Id)).Select(a => a.Name))}.";
    }

    /// <summary>The spec's optionInfo type: LONGS for a call, SHORTS for a put (the example's BTCCALLM and BTCPUTM).</summary>
    public static string InfoType(OptionSpec o) => o.Kind == OptionKind.Call ? "LONGS" : "SHORTS";

    /// <summary>The position's type (option/position example): CALL or PUT.</summary>
    public static string PositionType(OptionSpec o) => o.Kind == OptionKind.Call ? "CALL" : "PUT";

    public static OptionSettlementRecord? Settlement(ExchangeVenue venue, SymbolSpec s) =>
        venue.StoreReader.OptionSettlements().FirstOrDefault(x => x.Symbol == s.Name);

    /// <summary>TRADING until the exertion time, END_OF_DAY from then on (settled or about to be).</summary>
    public static string Status(ExchangeVenue venue, SymbolSpec s) =>
        !s.Trading ? "HALT" : venue.Now >= s.Option!.ExertionTime || Settlement(venue, s) is not null ? "END_OF_DAY" : "TRADING";

    /// <summary>The underlying's reference price: its feed's (index) price, else its last trade price.</summary>
    public static long ReferencePrice(ExchangeVenue venue, IndexPrices prices, SymbolSpec underlying) =>
        prices.Get(underlying)?.Price ?? venue.Views.Depth(underlying).LastPrice;

    public static object? ReleaseOption(OptionSpec o) => o.Release is not { } t ? null : new
    {
        convertRatio = FixedPoint.ToDecimal(t.ConvertRatio),
        assetMarginName = t.MarginAsset.Name,
        rateMargin = FixedPoint.ToDecimal(t.RateMargin),
        rateBase = FixedPoint.ToDecimal(t.RateBase),
        assetBaseName = t.BaseAsset.Name,
    };

    /// <summary>GET /api/v1/optionInfo: every option, in fixture order.</summary>
    public static ValueTask<IResult> Info(JexRequest r) =>
        ValueTask.FromResult(JexResults.Ok(r.Venue.SymbolsOf(MarketType.Option).Select(s => new
        {
            symbol = s.Name,
            status = Status(r.Venue, s),
            type = InfoType(s.Option!),
            exertionTime = s.Option!.ExertionTime,
            optionDesc = r.Venue.Fixture.OptionSymbols.FirstOrDefault(o => o.Symbol.Equals(s.Name, StringComparison.OrdinalIgnoreCase))?.OptionDesc ?? "",
            canRelease = s.Option.CanRelease,
            releaseOption = ReleaseOption(s.Option),
        }).ToArray()));

    /// <summary>ticker/24hr of an option: the spot fields plus expiry, settlement ("perform"), reference and strike prices.</summary>
    public static JsonObject WithTerms(JexRequest r, SymbolSpec s, object ticker)
    {
        var o = s.Option!;
        var json = JsonSerializer.SerializeToNode(ticker, JexResults.Json)!.AsObject();
        json["exertionTime"] = o.ExertionTime;
        json["performPrice"] = FixedPoint.Format(Settlement(r.Venue, s)?.Price ?? 0);
        json["referencePrice"] = FixedPoint.Format(ReferencePrice(r.Venue, r.Http.RequestServices.GetRequiredService<IndexPrices>(), o.Underlying));
        json["exertionPrice"] = FixedPoint.Format(o.Strike);
        return json;
    }
}
