using System.Net;
using JexSim.Server.Tests.Conformance;
using JexSim.Server.Tests.Infrastructure;
using JexSim.Server.Tests.Spot;
using static JexSim.Server.Tests.Conformance.ConformanceCase;

namespace JexSim.Server.Tests.Wallet;

/// <summary>wapi assetDetail, depositAddress and tradeFee on quiet.json.</summary>
public sealed class WalletTests : IDisposable
{
    private readonly JexSimFactory _venue = new();

    public void Dispose() => _venue.Dispose();

    [Fact]
    public async Task AssetDetail_lists_every_wallet_asset_in_the_spec_shape()
    {
        var detail = await _venue.Alice().SignedGet("/wapi/v1/assetDetail", "");
        Assert.Equal(["BTC", "USDT", "ETH", "JEX", "LTC"], SpotApi.Names(detail)); // option tokens are not wallet assets
        foreach (var a in detail.EnumerateObject())
        {
            SpotApi.AssertShape(a.Value, ("minWithdrawAmount", 'n'), ("withdrawFee", 's'), ("depositStatus", 'b'), ("withdrawStatus", 'b'));
            Assert.True(a.Value.GetProperty("depositStatus").GetBoolean());
        }
    }

    [Fact]
    public async Task DepositAddress_is_stable_per_account_and_asset()
    {
        var alice = await _venue.Alice().SignedGet("/wapi/v1/depositAddress", "asset=BTC");
        Assert.Equal(("BTC", true), (alice.Str("asset"), alice.GetProperty("success").GetBoolean()));
        Assert.Equal(34, alice.Str("address").Length);
        Assert.Equal(alice.Str("address"), (await _venue.Alice().SignedGet("/wapi/v1/depositAddress", "asset=btc")).Str("address"));
        Assert.NotEqual(alice.Str("address"), (await _venue.Alice().SignedGet("/wapi/v1/depositAddress", "asset=USDT")).Str("address"));
        Assert.NotEqual(alice.Str("address"), (await _venue.Bob().SignedGet("/wapi/v1/depositAddress", "asset=BTC")).Str("address"));
    }

    [Fact]
    public async Task TradeFee_comes_from_the_symbols_fees()
    {
        var all = (await _venue.Alice().SignedGet("/wapi/v1/tradeFee", "")).EnumerateArray().ToArray();
        Assert.Equal(["BTCUSDT", "ETHUSDT", "ETHBTC", "JEXBTC", "LTCBTC", "BTCCALLM", "BTCPUTM"], all.Select(f => f.Str("symbol")).ToArray());
        var one = Assert.Single((await _venue.Alice().SignedGet("/wapi/v1/tradeFee", "symbol=btcusdt")).EnumerateArray());
        Assert.Equal(("BTCUSDT", 0.0008m, 0.001m), (one.Str("symbol"), one.GetProperty("maker").GetDecimal(), one.GetProperty("taker").GetDecimal()));
    }
}

/// <summary>The wapi routes' refusals.</summary>
public sealed class WalletConformanceTests(ConformanceVenue venue) : ConformanceTable(venue), IClassFixture<ConformanceVenue>
{
    private static readonly HttpMethod Get = HttpMethod.Get;

    public static readonly IReadOnlyList<ConformanceCase> Cases =
    [
        Signed("assetDetail with a parameter it does not read: -1104", Get, "/wapi/v1/assetDetail", "symbol=BTCUSDT", Bad, -1104,
            "Not all sent parameters were read; read '2' parameter(s) but was sent '3'."),
        Signed("depositAddress without asset: -1102", Get, "/wapi/v1/depositAddress", "", Bad, -1102, Mandatory("asset")),
        Signed("depositAddress of an unknown asset: -8006", Get, "/wapi/v1/depositAddress", "asset=DOGE", Bad, -8006,
            "withdraw asset error: Unknown asset 'DOGE'. Known: BTC, USDT, ETH, JEX, LTC."),
        Signed("depositAddress of an option token: -8006", Get, "/wapi/v1/depositAddress", "asset=BTCCALLM", Bad, -8006,
            "withdraw asset error: 'BTCCALLM' is an option token: tokens are issued (option/release) and settled, never deposited or withdrawn."),
        Signed("tradeFee of an unknown symbol: -1121", Get, "/wapi/v1/tradeFee", "symbol=DOGEUSDT", Bad, -1121, "Invalid symbol."),
        Custom("tradeFee without timestamp: -1102", c => c.SignedAsIs(Get, "/wapi/v1/tradeFee", "recvWindow=5000"), Bad, -1102, Mandatory("timestamp")),
    ];

    public static TheoryData<string> CaseNames => Names(Cases);

    [Theory, MemberData(nameof(CaseNames))]
    public Task Answers_as_JEX(string name) => Run(Cases, name);
}
