using JexSim.Engine;
using JexSim.Engine.Markets;
using JexSim.Engine.Markets.Contract;
using JexSim.Engine.Output;
using JexSim.Persistence;
using JexSim.Server.Api;
using JexSim.Server.Endpoints.Contract;

namespace JexSim.Server.Venue;

/// <summary>
/// The contract market behind the contract endpoints: commands go through the venue's sequencer (one engine command
/// each), queries read the store's committed state: each contract's index, basis and mark, its fundings (historyRate)
/// and the last rate applied. The predicted funding rate is the next funding's formula
/// (<see cref="ContractMath.FundingRate"/>) at the committed basis and index.
/// </summary>
public sealed class ContractMarket(ExchangeVenue venue) : IContractMarket
{
    private const long Day = 86_400_000;

    private IStoreReader Store => venue.StoreReader;

    private ContractSpec SpecOf(SymbolSpec symbol) => venue.Tables.Contracts.First(c => c.SymbolId == symbol.Id);

    private Dictionary<string, ContractMarkRecord> Prices() => Store.ContractMarks().ToDictionary(m => m.Symbol, StringComparer.OrdinalIgnoreCase);

    /// <summary>Fundings fall on multiples of the interval since the Unix epoch; the next is the first after now.</summary>
    public static long NextFundingTime(long now, long interval) => (now / interval + 1) * interval;

    public IReadOnlyList<ContractInfoView> Info()
    {
        var prices = Prices();
        long now = venue.Now;
        return venue.Tables.Contracts.Select(c =>
        {
            var symbol = venue.Tables.Symbols[c.SymbolId];
            long turnover = Store.TradeVolumeSince(symbol.StoreKey, now - Day).QuoteVolume;
            var p = prices.GetValueOrDefault(c.Symbol);
            long predicted = p is null ? 0 : ContractMath.FundingRate(c, p.Basis, p.Index);
            return new ContractInfoView(c.Symbol, p?.FundingRate ?? 0, c.FundingInterval, NextFundingTime(now, c.FundingInterval), predicted, turnover, c.MarkMethod,
                p?.Price ?? 0, venue.Views.Depth(symbol).LastPrice, c.AutoDeleveraging);
        }).ToList();
    }

    public ContractIndicesView Indices(SymbolSpec symbol)
    {
        var p = Prices().GetValueOrDefault(symbol.Name);
        return new ContractIndicesView(symbol.Name, venue.Views.Depth(symbol).LastPrice, p?.Index ?? 0, p?.Price ?? 0);
    }

    public async ValueTask<ContractOutcome<ContractOrderView>> PlaceAsync(ContractOrderRequest request)
    {
        var type = request.Type switch
        {
            ContractOrderType.StopLimit => OrderType.StopLimit,
            ContractOrderType.ProfitLimit => OrderType.ProfitLimit,
            _ => OrderType.Limit,
        };
        var order = new PlaceOrder(request.AccountId, request.Symbol.Id, request.Side, type, TimeInForce.Gtc, request.Price, request.Quantity);
        // order/test of a stop or take-profit order checks the filters and the margin of the limit order it would place.
        var result = request.Test ? await venue.ValidateOrderAsync(order with { Type = OrderType.Limit }).ConfigureAwait(false)
            : type == OrderType.Limit ? await venue.PlaceOrderAsync(order).ConfigureAwait(false)
            : await venue.Sequencer.Submit(EngineCommand.PlaceTrigger(order, TriggerOf(request.TriggerType), request.TriggerPrice)).ConfigureAwait(false);
        if (!result.Accepted) return ContractOutcome<ContractOrderView>.Refused(ToError(result.Reject, request.Symbol));
        return ContractOutcome<ContractOrderView>.Ok(request.Test ? null! : View(request.Symbol, result.Order));
    }

    public async ValueTask<ContractOutcome<ContractOrderView>> CancelAsync(long accountId, SymbolSpec symbol, long orderId)
    {
        var result = await venue.CancelOrderAsync(accountId, symbol.Id, orderId).ConfigureAwait(false);
        return result.Accepted ? ContractOutcome<ContractOrderView>.Ok(View(symbol, result.Order)) : ContractOutcome<ContractOrderView>.Refused(ToError(result.Reject, symbol));
    }

    public async ValueTask<ContractOutcome<ContractOrderView>> ClosePositionAsync(long accountId, SymbolSpec symbol)
    {
        var result = await venue.Sequencer.Submit(EngineCommand.ClosePosition(accountId, symbol.Id)).ConfigureAwait(false);
        if (!result.Accepted) return ContractOutcome<ContractOrderView>.Refused(ToError(result.Reject, symbol));
        return ContractOutcome<ContractOrderView>.Ok(View(symbol, result.Order));
    }

    public ContractOrderView? Order(long accountId, string? symbol, long orderId)
    {
        if (symbol is null)
            return Store.OrderById(accountId, orderId) is { } any && ContractName(any.Symbol) is { } name ? View(name, any) : null;
        var spec = venue.FindSymbol(symbol, MarketType.Contract);
        return spec is not null && Store.Order(accountId, spec.StoreKey, orderId) is { } o ? View(spec.Name, o) : null;
    }

    public IReadOnlyList<ContractOrderView> OpenOrders(long accountId, string symbol, OrderQuery query) =>
        Orders(symbol, key => Store.OpenOrders(accountId, key, query));

    public IReadOnlyList<ContractOrderView> HistoryOrders(long accountId, string symbol, OrderQuery query) =>
        Orders(symbol, key => Store.HistoryOrders(accountId, key, query));

    public IReadOnlyList<ContractOrderView> LiquidationOrders(long accountId, string symbol, OrderQuery query) =>
        Orders(symbol, key => Store.MarketOrders(accountId, key, query));

    private List<ContractOrderView> Orders(string symbol, Func<string, IReadOnlyList<OrderRecord>> query)
    {
        var spec = venue.FindSymbol(symbol, MarketType.Contract);
        return spec is null ? [] : query(spec.StoreKey).Select(o => View(spec.Name, o)).ToList();
    }

    public IReadOnlyList<ContractPositionView> Positions(long accountId, string? symbol)
    {
        var prices = Prices();
        var views = new List<ContractPositionView>();
        foreach (var p in Store.ContractPositions(accountId))
        {
            if (symbol is not null && !p.Symbol.Equals(symbol, StringComparison.OrdinalIgnoreCase)) continue;
            if (p.Quantity == 0 && p.Margin == 0 && p.BuyOrderQuantity == 0 && p.SellOrderQuantity == 0) continue;
            if (venue.FindSymbol(p.Symbol, MarketType.Contract) is not { } spec) continue;
            var contract = SpecOf(spec);
            var position = new Position(p.Quantity, p.Cost, p.Margin, p.Leverage, p.RealisedPnl, p.FeesPaid);
            long profit = ContractMath.UnrealisedPnl(position, contract.Multiplier, prices.GetValueOrDefault(p.Symbol)?.Price ?? 0);
            views.Add(new ContractPositionView(spec.Name, p.Quantity, p.Leverage, contract.MaxLeverage, p.Margin, p.Cost,
                ContractMath.CostPrice(position, contract.Multiplier), ContractMath.LiquidationPrice(position, contract), profit,
                ContractMath.ProfitRate(profit, p.Margin), contract.MaintenanceMarginRate, p.BuyOrderMargin, p.SellOrderMargin));
        }
        return views;
    }

    public async ValueTask<JexError?> SetLeverageAsync(long accountId, SymbolSpec symbol, int leverage)
    {
        var result = await venue.Sequencer.Submit(EngineCommand.SetLeverage(accountId, symbol.Id, leverage)).ConfigureAwait(false);
        return result.Accepted ? null : ToError(result.Reject, symbol);
    }

    public async ValueTask<ContractOutcome<ContractTransfer>> TransferMarginAsync(long accountId, SymbolSpec symbol, long amount)
    {
        var result = await venue.Sequencer.Submit(EngineCommand.TransferMargin(accountId, symbol.Id, amount)).ConfigureAwait(false);
        if (!result.Accepted) return ContractOutcome<ContractTransfer>.Refused(ToError(result.Reject, symbol));
        var b = result.Balance;
        return ContractOutcome<ContractTransfer>.Ok(new ContractTransfer(venue.Tables.Assets[b.AssetId].Name, b.Free, b.Locked));
    }

    public IReadOnlyList<ContractBillView> Bills(long accountId, OrderQuery query) =>
        Store.ContractBills(accountId, query).Select(b => new ContractBillView(b.Id, b.Amount, b.Time, b.Symbol, b.Type)).ToList();

    public IReadOnlyList<ContractTradeView> UserTrades(long accountId, string symbol, long? endId, int limit)
    {
        if (venue.FindSymbol(symbol, MarketType.Contract) is not { } spec) return [];
        return Store.AccountTrades(accountId, spec.StoreKey, endId, limit).Select(t =>
        {
            bool buyer = t.BuyerAccountId == accountId;
            bool maker = buyer == t.BuyerMaker;
            return new ContractTradeView(t.Id, buyer ? t.BuyOrderId : t.SellOrderId, t.Price, buyer ? t.Quantity : -t.Quantity, t.Time,
                maker ? spec.MakerFeeRate : spec.TakerFeeRate, t.BuyerMaker);
        }).ToList();
    }

    /// <summary>The contract's fundings; fundingRateDay is the rate times the fundings in a day (86,400,000 / interval).</summary>
    public IReadOnlyList<ContractFundingView> FundingHistory(string symbol, OrderQuery query)
    {
        if (venue.FindSymbol(symbol, MarketType.Contract) is not { } spec) return [];
        long interval = SpecOf(spec).FundingInterval;
        return Store.ContractFundingHistory(spec.Name, query)
            .Select(f => new ContractFundingView(f.Id, f.Rate, (long)((Int128)f.Rate * Day / interval), spec.Name, f.Time)).ToList();
    }

    public IReadOnlyList<ProtectionFundView> ProtectionFund(string symbol, OrderQuery query)
    {
        if (venue.FindSymbol(symbol, MarketType.Contract) is not { } spec) return [];
        string asset = venue.Tables.Assets[SpecOf(spec).MarginAsset].Name;
        return Store.ContractFundHistory(asset, query).Select(f => new ProtectionFundView(f.Id, f.Time, spec.Name, f.Balance)).ToList();
    }

    public IReadOnlyList<ContractBalanceView> Balances(long accountId)
    {
        var stored = Store.ContractBalances(accountId).ToDictionary(b => b.Asset, StringComparer.OrdinalIgnoreCase);
        return venue.Tables.Contracts.Select(c => venue.Tables.Assets[c.MarginAsset].Name).Distinct().Select(asset =>
            stored.GetValueOrDefault(asset) is { } b
                ? new ContractBalanceView(asset, b.Free, b.OrderMargin, b.PositionMargin)
                : new ContractBalanceView(asset, 0, 0, 0)).ToList();
    }

    // ------------------------------------------------------------------ mapping

    private JexError ToError(RejectReason reject, SymbolSpec symbol) => reject switch
    {
        RejectReason.InsufficientMargin => ContractErrors.MarginNotEnough,
        RejectReason.InsufficientBalance => ContractErrors.AssetNotEnough,
        RejectReason.LeverageTooLarge => ContractErrors.LeverageTooLarge(SpecOf(symbol).MaxLeverage),
        RejectReason.LeverageTooSmall => ContractErrors.LeverageTooSmall,
        RejectReason.LeverageNotCovered => ContractErrors.ToError(ContractReject.LeverageNotCovered, SpecOf(symbol)),
        RejectReason.MarginBelowRequired => ContractErrors.ToError(ContractReject.MarginBelowRequired, SpecOf(symbol)),
        RejectReason.PositionNotExists => ContractErrors.PositionNotExists,
        RejectReason.NoLiquidity => ContractErrors.LiquidationFail,
        RejectReason.PositionLiquidating => ContractErrors.PositionLiquidating,
        RejectReason.RiskLimitReached => ContractErrors.RiskLimit,
        RejectReason.TriggerDirection => ContractErrors.TriggerDirection,
        RejectReason.ReachLiquidationPrice => ContractErrors.ReachLiquidationPrice,
        RejectReason.MaxTriggerOrders => JexErrors.MaxOrders(Engine.Matching.ExchangeCore.MaxTriggerOrders),
        _ => EngineRejects.ToError(reject, venue.Limits),
    };

    private static string? ContractName(string storeKey) =>
        storeKey.StartsWith("contract:", StringComparison.Ordinal) ? storeKey["contract:".Length..] : null;

    private static ContractOrderView View(SymbolSpec symbol, in OrderState o) =>
        new(symbol.Name, o.Id, o.Side, TypeOf(o.Type), o.Price, o.Quantity, o.Filled,
            AveragePrice(o.CumulativeQuote, o.Filled), o.CumulativeQuote, ContractVocabulary.FromEngine(o.Status), o.Time, o.UpdateTime);

    private static ContractOrderView View(string symbol, OrderRecord o) =>
        new(symbol, o.Id, o.Side, TypeOf(o.Type), o.Price, o.Quantity, o.Filled,
            AveragePrice(o.CumulativeQuote, o.Filled), o.CumulativeQuote, ContractVocabulary.FromEngine(o.Status), o.Time, o.UpdateTime);

    private static TriggerPriceType TriggerOf(string? triggerType) => triggerType switch
    {
        "markPrice" => TriggerPriceType.MarkPrice,
        "indexPrice" => TriggerPriceType.IndexPrice,
        _ => TriggerPriceType.LastPrice,
    };

    private static ContractOrderType TypeOf(OrderType type) => type switch
    {
        OrderType.Market => ContractOrderType.Market,
        OrderType.Flat => ContractOrderType.Flat,
        OrderType.StopLimit => ContractOrderType.StopLimit,
        OrderType.ProfitLimit => ContractOrderType.ProfitLimit,
        _ => ContractOrderType.Limit,
    };

    private static long AveragePrice(long value, long quantity) => quantity == 0 ? 0 : (long)((Int128)value * FixedPoint.Scale / quantity);
}
