using System.Text.Json;
using JexSim.Engine;
using JexSim.Engine.Markets.Contract;
using JexSim.Server.Api;
using JexSim.Server.Endpoints.Contract;

namespace JexSim.Server.Tests.Contract;

/// <summary>The contract answers have the spec examples' fields, in their order, with their types and vocabulary.</summary>
public sealed class ContractJsonTests
{
    private static long Fp(decimal d) => FixedPoint.FromDecimal(d);

    private static readonly ContractOrderView Resting = new("BTCUSDT", (1L << 62) + 7, Side.Buy, ContractOrderType.Limit, Fp(3800m), Fp(1m), 0, 0, 0,
        ContractOrderStatus.Entrusted, 1551257976000, 1551257935000);

    private static readonly ContractOrderView SellPartFilled = Resting with
    {
        Id = 8, Side = Side.Sell, Filled = Fp(0.4m), ExecutedPrice = Fp(3801.5m), FilledValue = Fp(1520.6m), Status = ContractOrderStatus.PartFilled,
    };

    private static JsonElement Json(object value) => JsonSerializer.SerializeToElement(value, JexResults.Json);

    private static string[] Keys(JsonElement e) => [.. e.EnumerateObject().Select(p => p.Name)];

    [Fact]
    public void Order_ids_are_19_digit_strings_above_2_to_the_53()
    {
        var json = Json(ContractJson.OrderAck(Resting));
        Assert.Equal(["symbol", "orderId"], Keys(json));
        string id = json.GetProperty("orderId").GetString()!;
        Assert.Equal(19, id.Length);
        Assert.True(long.Parse(id) > 1L << 53);
        Assert.NotEqual(long.Parse(id), (long)(double)long.Parse(id)); // a double loses it
        Assert.True(ContractOrderId.TryToEngine(long.Parse(id), out long engineId));
        Assert.Equal((1L << 62) + 7, engineId);
        Assert.False(ContractOrderId.TryToEngine(123, out _));
    }

    [Fact]
    public void The_result_and_cancel_answers_are_lower_case_as_their_examples()
    {
        var json = Json(ContractJson.OrderOutcome(Resting));
        Assert.Equal(["symbol", "orderId", "side", "origQty", "executedQty", "price", "status", "type"], Keys(json));
        Assert.Equal("buy", json.GetProperty("side").GetString());
        Assert.Equal("entrusted", json.GetProperty("status").GetString());
        Assert.Equal("limit", json.GetProperty("type").GetString());
        Assert.Equal("1.00000000", json.GetProperty("origQty").GetString());
        Assert.Equal("3800.00000000", json.GetProperty("price").GetString());
    }

    [Fact]
    public void Sell_quantities_are_negative_in_order_answers_and_positive_in_the_close_answer()
    {
        var outcome = Json(ContractJson.OrderOutcome(SellPartFilled));
        Assert.Equal("-1.00000000", outcome.GetProperty("origQty").GetString());
        Assert.Equal("-0.40000000", outcome.GetProperty("executedQty").GetString());
        Assert.Equal("partfilled", outcome.GetProperty("status").GetString());
        Assert.Equal("-1.00000000", Json(ContractJson.OrderDetail(SellPartFilled)).GetProperty("origQty").GetString());
        Assert.Equal("-0.40000000", Json(ContractJson.BatchOrder(SellPartFilled)).GetProperty("executedQty").GetString());

        var close = Json(ContractJson.Liquidation(SellPartFilled with { Type = ContractOrderType.Market, Status = ContractOrderStatus.Entrusting }));
        Assert.Equal(["symbol", "orderId", "side", "origQty", "status", "type"], Keys(close));
        Assert.Equal("sell", close.GetProperty("side").GetString());
        Assert.Equal("1.00000000", close.GetProperty("origQty").GetString());
        Assert.Equal("market", close.GetProperty("type").GetString());
        Assert.Equal("entrusting", close.GetProperty("status").GetString());
    }

    [Fact]
    public void The_order_detail_is_upper_case_with_a_null_executed_price_before_any_fill()
    {
        var json = Json(ContractJson.OrderDetail(Resting));
        Assert.Equal(["symbol", "orderId", "updateTime", "side", "origQty", "executedQty", "price", "executedPrice", "status", "time", "reject", "type"], Keys(json));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("executedPrice").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("reject").ValueKind);
        Assert.Equal("BUY", json.GetProperty("side").GetString());
        Assert.Equal("ENTRUSTED", json.GetProperty("status").GetString());
        Assert.Equal("LIMIT", json.GetProperty("type").GetString());
        Assert.Equal(1551257935000, json.GetProperty("updateTime").GetInt64());
        Assert.Equal("3801.50000000", Json(ContractJson.OrderDetail(SellPartFilled)).GetProperty("executedPrice").GetString());
        Assert.Equal("FLAT", Json(ContractJson.OrderDetail(Resting with { Type = ContractOrderType.Flat })).GetProperty("type").GetString());
    }

    [Fact]
    public void The_batch_answers_carry_orders_and_errors_in_the_examples_shapes()
    {
        var order = Json(ContractJson.BatchOrder(Resting));
        Assert.Equal(["symbol", "orderId", "updateTime", "side", "origQty", "executedQty", "price", "executedPrice", "status", "time", "type"], Keys(order));
        Assert.Equal("0.00000000", order.GetProperty("executedPrice").GetString());
        Assert.Equal("entrusted", order.GetProperty("status").GetString());
        var error = Json(ContractJson.BatchError(JexErrors.OrderDoesNotExist));
        Assert.Equal(["msg", "code"], Keys(error));
        Assert.Equal(-2013, error.GetProperty("code").GetInt32());
        Assert.Equal("Order does not exist.", error.GetProperty("msg").GetString());
    }

    [Fact]
    public void Open_orders_follow_their_spot_like_example_with_the_contract_statuses()
    {
        var json = Json(ContractJson.OpenOrder(SellPartFilled));
        Assert.Equal(["symbol", "orderId", "price", "origQty", "executedQty", "cummulativeQuoteQty", "status", "timeInForce", "type", "side", "time", "updateTime", "working"], Keys(json));
        Assert.Equal("PARTFILLED", json.GetProperty("status").GetString());
        Assert.Equal("1520.60000000", json.GetProperty("cummulativeQuoteQty").GetString());
        Assert.True(json.GetProperty("working").GetBoolean());
    }

    [Fact]
    public void A_position_has_every_field_of_the_example_and_values_it_at_the_mark()
    {
        var spec = new ContractSpec { Id = 0, SymbolId = 0, Symbol = "EOSUSDT", MarginAsset = 0, MaintenanceMarginRate = Fp(0.005m) };
        var position = new Position(Fp(1m), Fp(2300.6803m), Fp(725.9045m), 10);
        var view = ContractPositionView.From(position, spec, Fp(2299.1642m));
        var json = Json(ContractJson.Position(view));
        Assert.Equal(["symbol", "direction", "leverage", "currentQuantity", "positionMargin", "positionCost", "costPrice", "liquidationPrice",
            "profit", "profitRate", "risk", "initialMargin", "maintenanceMargin", "buyOrderCost", "sellOrderCost", "position"], Keys(json));
        Assert.Equal("longs", json.GetProperty("direction").GetString());
        Assert.Equal("10.00", json.GetProperty("leverage").GetString());
        Assert.Equal("-1.51610000", json.GetProperty("profit").GetString());
        Assert.Equal("-0.0020885667", json.GetProperty("profitRate").GetString()); // the example's value
        Assert.Equal("0.10000000", json.GetProperty("initialMargin").GetString());
        Assert.Equal("0.00500000", json.GetProperty("maintenanceMargin").GetString());
        Assert.Equal("2300.68030000", json.GetProperty("costPrice").GetString());
        Assert.Equal("1582.68924624", json.GetProperty("liquidationPrice").GetString());
        Assert.Equal("shorts", Json(ContractJson.Position(ContractPositionView.From(new Position(Fp(-2m), Fp(10m), Fp(1m), 10), spec, Fp(5m))))
            .GetProperty("direction").GetString());
    }

    [Fact]
    public void Bills_funding_fund_and_transfer_answers_use_json_numbers_without_trailing_zeros()
    {
        var bill = Json(ContractJson.Bill(new ContractBillView(854797, Fp(0.662m), 1551275686000, "BTCUSDT", ContractBillType.PositionSize)));
        Assert.Equal(["id", "amount", "createdDate", "symbol", "type"], Keys(bill));
        Assert.Equal("0.662", bill.GetProperty("amount").GetRawText());
        Assert.Equal("2019-02-27 13:54:46", bill.GetProperty("createdDate").GetString());
        Assert.Equal("positionSize", bill.GetProperty("type").GetString());
        Assert.Equal("closPosition", ContractVocabulary.Bill(ContractBillType.ClosePosition));

        var rate = Json(ContractJson.FundingRate(new ContractFundingView(14415, Fp(0.0001m), Fp(0.0003m), "EOSUSDT", 1550833084000)));
        Assert.Equal(["id", "fundingRate", "fundingRateDay", "symbol", "date"], Keys(rate));
        Assert.Equal("0.0001", rate.GetProperty("fundingRate").GetRawText());

        var fund = Json(ContractJson.ProtectionFund(new ProtectionFundView(1879095, 1551083545000, "EOSUSDT", Fp(218.47009356m))));
        Assert.Equal(["id", "createdDate", "symbol", "insuranceFund"], Keys(fund));
        Assert.Equal("218.47009356", fund.GetProperty("insuranceFund").GetRawText());

        var transfer = Json(ContractJson.TransferMargin("USDT", Fp(889486m), Fp(1.6m)));
        Assert.Equal(["asset", "balance", "lockBalance"], Keys(transfer));
        Assert.Equal("889486", transfer.GetProperty("balance").GetRawText());
        Assert.Equal("1.6", transfer.GetProperty("lockBalance").GetRawText());
    }

    [Fact]
    public void Contract_info_indices_trades_and_balances_match_their_examples()
    {
        var info = Json(ContractJson.ContractInfo(new ContractInfoView("BTCUSDT", Fp(0.000002m), 600000, 1551337200000, Fp(0.000002m),
            Fp(212921.712m), 2, Fp(2300.0046m), Fp(2300m), false)));
        Assert.Equal(["fundingRate", "fundingInterval", "nextFundingTime", "predictedFundingRate", "turnover24", "markMethod", "markPrice",
            "lastPrice", "autoDeleveraging", "symbol"], Keys(info));
        Assert.Equal("0.000002", info.GetProperty("fundingRate").GetRawText());
        Assert.Equal("2300", info.GetProperty("lastPrice").GetRawText());
        Assert.Equal("DISABLE", info.GetProperty("autoDeleveraging").GetString());

        var indices = Json(ContractJson.Indices(new ContractIndicesView("BTCUSDT", Fp(2600m), Fp(2300m), Fp(2300.0023m))));
        Assert.Equal(["symbol", "price", "indexPrice", "markPrice"], Keys(indices));

        var trade = Json(ContractJson.UserTrade(new ContractTradeView(854797, (1L << 62) + 5, Fp(10000m), -Fp(0.1m), 1569575228000, 0, false)));
        Assert.Equal(["id", "orderId", "price", "qty", "time", "feeRate", "buyerMaker"], Keys(trade));
        Assert.Equal("-0.10000000", trade.GetProperty("qty").GetString());
        Assert.Equal(JsonValueKind.Number, trade.GetProperty("id").ValueKind);
        Assert.Equal(19, trade.GetProperty("orderId").GetString()!.Length);

        var balance = Json(ContractJson.Balance(new ContractBalanceView("USDT", Fp(8144.0412m), Fp(1000m), Fp(855.3288m)), canTrade: true));
        Assert.Equal(["asset", "canDeposit", "canTrade", "canWithdraw", "free", "locked"], Keys(balance));
        Assert.Equal("usdt", balance.GetProperty("asset").GetString());
        Assert.Equal("1855.32880000", balance.GetProperty("locked").GetString());
    }

    [Theory]
    [InlineData(OrderStatus.New, "ENTRUSTED")]
    [InlineData(OrderStatus.PartiallyFilled, "PARTFILLED")]
    [InlineData(OrderStatus.Filled, "FILLED")]
    [InlineData(OrderStatus.Canceled, "CANCEL")]
    [InlineData(OrderStatus.Expired, "CANCEL")]
    [InlineData(OrderStatus.Rejected, "FAIL")]
    public void Engine_statuses_read_in_the_contract_vocabulary(OrderStatus status, string expected) =>
        Assert.Equal(expected, ContractVocabulary.Status(ContractVocabulary.FromEngine(status)));
}
