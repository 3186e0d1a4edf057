using JexSim.Engine;
using JexSim.Server.Api;
using JexSim.Server.Api.Catalogue;
using JexSim.Server.Endpoints.Contract;

namespace JexSim.Server.Tests.Contract;

/// <summary>The contract catalogue against rest-api.md (the oracle is the spec's text, not the catalogue).</summary>
public sealed class ContractCatalogueTests
{
    /// <summary>Method, path, security, weight (and weight without symbol) of every contract endpoint in the spec.</summary>
    public static TheoryData<string, string, int, int> Spec => new()
    {
        { "GET /api/v1/contractInfo", "NONE", 1, 1 },
        { "GET /api/v1/contract/depth", "NONE", 1, 1 },
        { "GET /api/v1/contract/trades", "NONE", 1, 1 },
        { "GET /api/v1/contract/historicalTrades", "MARKET_DATA", 5, 5 },
        { "GET /api/v1/contract/klines", "NONE", 1, 1 },
        { "GET /api/v1/contract/avgPrice", "NONE", 1, 1 },
        { "GET /api/v1/contract/ticker/24hr", "NONE", 1, 40 },
        { "GET /api/v1/contract/ticker/price", "NONE", 1, 2 },
        { "GET /api/v1/contract/ticker/bookTicker", "NONE", 1, 2 },
        { "GET /api/v1/contract/ticker/indicesPrice", "NONE", 1, 1 },
        { "POST /api/v1/contract/order", "TRADE", 1, 1 },
        { "POST /api/v1/contract/order/test", "TRADE", 1, 1 },
        { "GET /api/v1/contract/order", "USER_DATA", 1, 1 },
        { "DELETE /api/v1/contract/order", "TRADE", 1, 1 },
        { "GET /api/v1/contract/openOrders", "USER_DATA", 5, 5 },
        { "GET /api/v1/contract/historyOrders", "USER_DATA", 5, 5 },
        { "POST /api/v1/contract/liquidation", "TRADE", 1, 1 },
        { "GET /api/v1/contract/liquidationOrder", "MARKET_DATA", 5, 5 },
        { "GET /api/v1/contract/position", "USER_DATA", 2, 2 },
        { "POST /api/v1/contract/position/leverage", "USER_DATA", 1, 1 },
        { "GET /api/v1/contract/bill", "USER_DATA", 1, 1 },
        { "GET /api/v1/contract/userHistoricalTrades", "USER_DATA", 1, 1 },
        { "DELETE /api/v1/contract/batchOrder", "TRADE", 1, 1 },
        { "GET /api/v1/contract/batchOrder", "USER_DATA", 1, 1 },
        { "GET /api/v1/contract/historyRate", "NONE", 1, 1 },
        { "GET /api/v1/contract/protectionFund", "NONE", 1, 1 },
        { "POST /api/v1/contract/transferMargin", "USER_DATA", 1, 1 },
    };

    [Theory]
    [MemberData(nameof(Spec))]
    public void Every_contract_endpoint_is_declared_with_the_spec_security_and_weight(string key, string security, int weight, int withoutSymbol)
    {
        var endpoint = Assert.Single(ContractCatalogue.Endpoints, e => e.Key == key);
        Assert.Equal(security, endpoint.Security.ToSpec());
        Assert.Equal(weight, endpoint.Weight.For(hasSymbol: true));
        Assert.Equal(withoutSymbol, endpoint.Weight.For(hasSymbol: false));
    }

    [Fact]
    public void The_catalogue_declares_exactly_the_spec_endpoints_once()
    {
        var keys = ContractCatalogue.Endpoints.Select(e => e.Key).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(Spec.Select(row => (string)row[0]).Order(), keys.Order());
    }

    [Fact]
    public void Every_contract_route_is_served_once_and_contractInfo_is_the_contract_catalogue_one()
    {
        foreach (var endpoint in ContractCatalogue.Endpoints) Assert.Single(JexCatalogue.Endpoints, e => e.Key == endpoint.Key);
        Assert.Contains(ContractCatalogue.Endpoints, e => e.Key == "GET /api/v1/contractInfo");
    }

    [Theory]
    [InlineData("POST /api/v1/contract/order", "symbol,side,type,quantity,price,triggerType,triggerPrice,newOrderRespType")]
    [InlineData("GET /api/v1/contract/openOrders", "symbol,orderId,startTime,endTime,limit")]
    [InlineData("GET /api/v1/contract/bill", "fromId,limit,startTime,endTime")]
    [InlineData("GET /api/v1/contract/userHistoricalTrades", "symbol,endId,limit")]
    [InlineData("GET /api/v1/contract/protectionFund", "symbol,start,size,startTime,endTime")]
    [InlineData("GET /api/v1/contract/historyRate", "symbol,fromId,limit,startTime,endTime")]
    [InlineData("POST /api/v1/contract/transferMargin", "symbol,amount")]
    [InlineData("POST /api/v1/contract/position/leverage", "symbol,leverage")]
    [InlineData("DELETE /api/v1/contract/batchOrder", "ordersJsonArray")]
    [InlineData("GET /api/v1/contract/liquidationOrder", "symbol,orderId,startTime,endTime,limit")]
    public void Parameters_are_the_spec_tables(string key, string names)
    {
        var endpoint = ContractCatalogue.Endpoints.Single(e => e.Key == key);
        Assert.Equal(names.Split(','), endpoint.Parameters.Select(p => p.Name));
        Assert.All(endpoint.Parameters.Where(p => p.Kind == ParamKind.Symbol), p => Assert.Equal(MarketType.Contract, p.Market));
    }

    [Fact]
    public void Conditional_orders_need_their_trigger_and_limit_orders_refuse_one()
    {
        var rules = ContractCatalogue.Endpoints.Single(e => e.Key == "POST /api/v1/contract/order").Rules;
        JexError? Check(params (string, string)[] sent) => rules.Select(r => r.Check(sent.ToDictionary(p => p.Item1, p => p.Item2))).FirstOrDefault(e => e is not null);
        Assert.Null(Check(("type", "LIMIT")));
        Assert.Equal(-1102, Check(("type", "stopLimit"), ("triggerType", "markPrice"))?.Code);
        Assert.Null(Check(("type", "profitLimit"), ("triggerType", "markPrice"), ("triggerPrice", "1")));
        Assert.Equal(-1106, Check(("type", "LIMIT"), ("triggerPrice", "1"))?.Code);
    }

    [Theory]
    [InlineData("20", 20)]
    [InlineData("20.00", 20)]
    [InlineData("1", 1)]
    public void Leverage_is_read_as_a_whole_number(string value, int expected)
    {
        Assert.Matches(ContractAccountEndpoints.LeveragePattern, value);
        Assert.Equal(expected, ContractAccountEndpoints.ParseLeverage(value));
    }

    [Theory]
    [InlineData("20.5")]
    [InlineData("-3")]
    [InlineData("1e2")]
    public void Fractional_or_signed_leverage_does_not_pass_the_pattern(string value) =>
        Assert.DoesNotMatch(ContractAccountEndpoints.LeveragePattern, value);

    [Theory]
    [InlineData("12.5", 1_250_000_000)]
    [InlineData("-0.00000001", -1)]
    public void Transfer_amounts_are_signed_and_exact(string value, long expected)
    {
        Assert.Matches(ContractAccountEndpoints.AmountPattern, value);
        Assert.Equal(expected, ContractAccountEndpoints.ParseAmount(value));
    }

    [Fact]
    public void A_zero_transfer_is_refused()
    {
        Assert.Equal(-1100, Assert.Throws<JexException>(() => ContractAccountEndpoints.ParseAmount("0.0")).Error.Code);
        Assert.DoesNotMatch(ContractAccountEndpoints.AmountPattern, "1.123456789");
    }

    [Fact]
    public void Ledger_refusals_read_as_the_spec_codes()
    {
        var spec = new Engine.Markets.Contract.ContractSpec { Id = 0, SymbolId = 0, Symbol = "BTCUSDT", MarginAsset = 0, MaxLeverage = 100 };
        Assert.Equal(-7008, ContractErrors.ToError(Engine.Markets.Contract.ContractReject.InsufficientMargin, spec).Code);
        Assert.Equal(-7007, ContractErrors.ToError(Engine.Markets.Contract.ContractReject.InsufficientBalance, spec).Code);
        var tooLarge = ContractErrors.ToError(Engine.Markets.Contract.ContractReject.LeverageTooLarge, spec);
        Assert.Equal((-7017, "Contract leverage too large,must smaller than 100"), (tooLarge.Code, tooLarge.Msg));
        Assert.Equal(-7018, ContractErrors.ToError(Engine.Markets.Contract.ContractReject.LeverageTooSmall, spec).Code);
        Assert.Equal(-7002, ContractErrors.ToError(Engine.Markets.Contract.ContractReject.LeverageNotCovered, spec).Code);
        Assert.Equal(-7020, ContractErrors.ToError(Engine.Markets.Contract.ContractReject.PositionNotExists, spec).Code);
        Assert.Equal(-7001, ContractErrors.ToError(Engine.Markets.Contract.ContractReject.MarginBelowRequired, spec).Code);
    }
}
