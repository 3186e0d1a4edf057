using JexSim.Server.Api;
using JexSim.Server.Endpoints.Contract;

namespace JexSim.Server.Tests.Contract;

public sealed class OrdersJsonArrayTests
{
    [Fact]
    public void The_cancel_example_parses_with_string_ids_and_any_case_symbols()
    {
        var refs = OrdersJsonArray.Parse("""[{"symbol":"btcusdt","orderId":"4612172002566865072"},{"symbol":"btcusdt","orderId":"4612170903055237327"},{"symbol":"EOSUSDT","orderId":"4612170903055237327"},{"symbol":"ETHUSDT","orderId":"4612168704031981750"}]""", OrdersJsonArray.MaxCancel);
        Assert.Equal(4, refs.Count);
        Assert.Equal(new BatchOrderRef("btcusdt", 4612172002566865072), refs[0]);
        Assert.Equal(new BatchOrderRef("ETHUSDT", 4612168704031981750), refs[3]);
    }

    [Fact]
    public void The_query_example_parses_with_numeric_ids_and_optional_symbols()
    {
        var refs = OrdersJsonArray.Parse("""[{"orderId":4611993881683165185},{"orderId":4611993881683165185,"symbol":"btcusdt"},{"orderId":4611993881683165185,"symbol":"eosusdt"},{"orderId":123,"symbol":"btcusdt"}]""", OrdersJsonArray.MaxQuery);
        Assert.Equal(new BatchOrderRef(null, 4611993881683165185), refs[0]);
        Assert.Equal(new BatchOrderRef("eosusdt", 4611993881683165185), refs[2]);
        Assert.Equal(new BatchOrderRef("btcusdt", 123), refs[3]);
    }

    [Theory]
    [InlineData("""[1]""")]
    [InlineData("""[{"symbol":"btcusdt"}]""")]
    [InlineData("""[{"orderId":"12x"}]""")]
    [InlineData("""[{"orderId":-5}]""")]
    [InlineData("""[{"orderId":1.5}]""")]
    [InlineData("""[{"orderId":99999999999999999999}]""")]
    public void An_element_without_a_usable_order_id_becomes_its_own_not_found(string json)
    {
        var refs = OrdersJsonArray.Parse(json, 10);
        Assert.Single(refs);
        Assert.Null(refs[0].OrderId);
    }

    [Theory]
    [InlineData("not json", -1100)]
    [InlineData("""{"orderId":1}""", -1100)]
    [InlineData("""[{"orderId":1}""", -1100)]
    [InlineData("[]", -1102)]
    [InlineData("""[[[[[1]]]]]""", -1100)]
    public void A_parameter_that_is_not_a_json_array_of_orders_is_refused_whole(string json, int code)
    {
        var e = Assert.Throws<JexException>(() => OrdersJsonArray.Parse(json, 10));
        Assert.Equal(code, e.Error.Code);
    }

    [Fact]
    public void At_most_10_orders_are_cancelled_and_100_queried_per_request()
    {
        string Array(int n) => "[" + string.Join(",", Enumerable.Range(1, n).Select(i => $$"""{"orderId":{{i}}}""")) + "]";
        Assert.Equal(10, OrdersJsonArray.Parse(Array(10), OrdersJsonArray.MaxCancel).Count);
        var e = Assert.Throws<JexException>(() => OrdersJsonArray.Parse(Array(11), OrdersJsonArray.MaxCancel));
        Assert.Equal(-1101, e.Error.Code);
        Assert.Contains("at most 10", e.Error.Msg);
        Assert.Equal(100, OrdersJsonArray.Parse(Array(100), OrdersJsonArray.MaxQuery).Count);
        Assert.Equal(-1101, Assert.Throws<JexException>(() => OrdersJsonArray.Parse(Array(101), OrdersJsonArray.MaxQuery)).Error.Code);
    }
}
