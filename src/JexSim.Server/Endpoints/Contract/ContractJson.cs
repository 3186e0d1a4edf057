using System.Globalization;
using JexSim.Engine;
using JexSim.Server.Api;

namespace JexSim.Server.Endpoints.Contract;

/// <summary>
/// The response shapes of the contract endpoints, field for field as the spec's examples write them (see
/// docs/contract-api-notes.md for each choice). Prices, quantities and amounts are strings with 8 decimals, as the
/// spot endpoints print them; the fields the examples show as JSON numbers (contractInfo, bill amounts, funding rates,
/// the protection fund, transferMargin) are numbers, without trailing zeros. Order ids are 19-digit strings.
/// </summary>
public static class ContractJson
{
    /// <summary>POST contract/order with newOrderRespType ACK (the default).</summary>
    public static object OrderAck(ContractOrderView o) => new { symbol = o.Symbol, orderId = ContractOrderId.Format(o.Id) };

    /// <summary>POST contract/order RESULT and DELETE contract/order: lower-case side, status and type; sells negative.</summary>
    public static object OrderOutcome(ContractOrderView o) => new
    {
        symbol = o.Symbol,
        orderId = ContractOrderId.Format(o.Id),
        side = ContractVocabulary.Lower(ContractVocabulary.Side(o.Side)),
        origQty = Quantity(o, o.Quantity),
        executedQty = Quantity(o, o.Filled),
        price = FixedPoint.Format(o.Price),
        status = ContractVocabulary.Lower(ContractVocabulary.Status(o.Status)),
        type = ContractVocabulary.Lower(ContractVocabulary.Type(o.Type)),
    };

    /// <summary>GET contract/order, historyOrders and liquidationOrder: upper case, executedPrice null before a fill, reject.</summary>
    public static object OrderDetail(ContractOrderView o) => new
    {
        symbol = o.Symbol,
        orderId = ContractOrderId.Format(o.Id),
        updateTime = o.UpdateTime,
        side = ContractVocabulary.Side(o.Side),
        origQty = Quantity(o, o.Quantity),
        executedQty = Quantity(o, o.Filled),
        price = FixedPoint.Format(o.Price),
        executedPrice = o.Filled == 0 ? null : FixedPoint.Format(o.ExecutedPrice),
        status = ContractVocabulary.Status(o.Status),
        time = o.Time,
        reject = o.Reject,
        type = ContractVocabulary.Type(o.Type),
    };

    /// <summary>GET contract/openOrders: the example's spot-like shape (cummulativeQuoteQty, timeInForce, working)
    /// with the contract status vocabulary.</summary>
    public static object OpenOrder(ContractOrderView o) => new
    {
        symbol = o.Symbol,
        orderId = ContractOrderId.Format(o.Id),
        price = FixedPoint.Format(o.Price),
        origQty = Quantity(o, o.Quantity),
        executedQty = Quantity(o, o.Filled),
        cummulativeQuoteQty = FixedPoint.Format(o.FilledValue),
        status = ContractVocabulary.Status(o.Status),
        timeInForce = "GTC",
        type = ContractVocabulary.Type(o.Type),
        side = ContractVocabulary.Side(o.Side),
        time = o.Time,
        updateTime = o.UpdateTime,
        working = true,
    };

    /// <summary>An element of the batchOrder answers: lower case, executedPrice "0.00000000" before a fill, no reject.</summary>
    public static object BatchOrder(ContractOrderView o) => new
    {
        symbol = o.Symbol,
        orderId = ContractOrderId.Format(o.Id),
        updateTime = o.UpdateTime,
        side = ContractVocabulary.Lower(ContractVocabulary.Side(o.Side)),
        origQty = Quantity(o, o.Quantity),
        executedQty = Quantity(o, o.Filled),
        price = FixedPoint.Format(o.Price),
        executedPrice = FixedPoint.Format(o.Filled == 0 ? 0 : o.ExecutedPrice),
        status = ContractVocabulary.Lower(ContractVocabulary.Status(o.Status)),
        time = o.Time,
        type = ContractVocabulary.Lower(ContractVocabulary.Type(o.Type)),
    };

    /// <summary>An element of the batchOrder answers for an order that failed: msg first, as the example.</summary>
    public static object BatchError(JexError error) => new { msg = error.Msg, code = error.Code };

    /// <summary>POST contract/liquidation: the closing market order; its example shows a sell with a positive origQty.</summary>
    public static object Liquidation(ContractOrderView o) => new
    {
        symbol = o.Symbol,
        orderId = ContractOrderId.Format(o.Id),
        side = ContractVocabulary.Lower(ContractVocabulary.Side(o.Side)),
        origQty = FixedPoint.Format(o.Quantity),
        status = ContractVocabulary.Lower(ContractVocabulary.Status(o.Status)),
        type = ContractVocabulary.Lower(ContractVocabulary.Type(o.Type)),
    };

    /// <summary>An element of GET contract/position.</summary>
    public static object Position(ContractPositionView p) => new
    {
        symbol = p.Symbol,
        direction = ContractVocabulary.Direction(p.Quantity),
        leverage = p.Leverage.ToString("0.00", CultureInfo.InvariantCulture),
        currentQuantity = FixedPoint.Format(p.Quantity),
        positionMargin = FixedPoint.Format(p.Margin),
        positionCost = FixedPoint.Format(p.Cost),
        costPrice = Decimals(p.CostPrice, 8),
        liquidationPrice = Decimals(p.LiquidationPrice, 8),
        profit = FixedPoint.Format(p.Profit),
        profitRate = Decimals(p.ProfitRate, 10),
        risk = (string?)null,
        initialMargin = Decimals(p.InitialMarginRate, 8),
        maintenanceMargin = FixedPoint.Format(p.MaintenanceMarginRate),
        buyOrderCost = FixedPoint.Format(p.BuyOrderCost),
        sellOrderCost = FixedPoint.Format(p.SellOrderCost),
        position = (string?)null,
    };

    /// <summary>An element of GET contract/bill; createdDate in UTC as "yyyy-MM-dd HH:mm:ss".</summary>
    public static object Bill(ContractBillView b) => new
    {
        id = b.Id,
        amount = Number(b.Amount),
        createdDate = DateTimeOffset.FromUnixTimeMilliseconds(b.Time).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        symbol = b.Symbol,
        type = ContractVocabulary.Bill(b.Type),
    };

    /// <summary>An element of GET contract/userHistoricalTrades: quantity signed, feeRate a string.</summary>
    public static object UserTrade(ContractTradeView t) => new
    {
        id = t.Id,
        orderId = ContractOrderId.Format(t.OrderId),
        price = FixedPoint.Format(t.Price),
        qty = FixedPoint.Format(t.Quantity),
        time = t.Time,
        feeRate = FixedPoint.Format(t.FeeRate),
        buyerMaker = t.BuyerMaker,
    };

    public static object FundingRate(ContractFundingView f) => new
    {
        id = f.Id, fundingRate = Number(f.FundingRate), fundingRateDay = Number(f.FundingRateDay), symbol = f.Symbol, date = f.Time,
    };

    public static object ProtectionFund(ProtectionFundView f) => new
    {
        id = f.Id, createdDate = f.Time, symbol = f.Symbol, insuranceFund = Number(f.Balance),
    };

    /// <summary>POST contract/transferMargin: the balance the margin came from, after the transfer.</summary>
    public static object TransferMargin(string asset, long free, long locked) => new
    {
        asset, balance = Number(free), lockBalance = Number(locked),
    };

    public static object ContractInfo(ContractInfoView c) => new
    {
        fundingRate = Number(c.FundingRate),
        fundingInterval = c.FundingInterval,
        nextFundingTime = c.NextFundingTime,
        predictedFundingRate = Number(c.PredictedFundingRate),
        turnover24 = Number(c.Turnover24),
        markMethod = c.MarkMethod,
        markPrice = Number(c.MarkPrice),
        lastPrice = Number(c.LastPrice),
        autoDeleveraging = c.AutoDeleveraging ? "ENABLE" : "DISABLE",
        symbol = c.Symbol,
    };

    public static object Indices(ContractIndicesView i) => new
    {
        symbol = i.Symbol, price = FixedPoint.Format(i.Price), indexPrice = FixedPoint.Format(i.IndexPrice), markPrice = FixedPoint.Format(i.MarkPrice),
    };

    /// <summary>An element of the account's contractBalances; the example writes the asset in lower case.</summary>
    public static object Balance(ContractBalanceView b, bool canTrade) => new
    {
        asset = b.Asset.ToLowerInvariant(),
        canDeposit = false,
        canTrade,
        canWithdraw = false,
        free = FixedPoint.Format(b.Free),
        locked = FixedPoint.Format(b.Locked),
    };

    /// <summary>A scaled amount as a JSON number without trailing zeros (0.66200000 -> 0.662).</summary>
    public static decimal Number(long scaled) => FixedPoint.ToDecimal(scaled) / 1.0000000000000000000000000000m;

    private static string Quantity(ContractOrderView o, long quantity) => FixedPoint.Format(ContractVocabulary.Signed(o.Side, quantity));

    private static string Decimals(decimal value, int decimals) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("0." + new string('0', decimals), CultureInfo.InvariantCulture);
}
