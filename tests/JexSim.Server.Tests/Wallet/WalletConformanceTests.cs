using System.Net;
using JexSim.Server.Tests.Conformance;
using JexSim.Server.Venue;
using static JexSim.Server.Tests.Conformance.ConformanceCase;

namespace JexSim.Server.Tests.Wallet;

/// <summary>The wapi routes' refusals, one real request each (quiet.json: alice holds 10 BTC and may withdraw).</summary>
public sealed class WalletConformanceTests(ConformanceVenue venue) : ConformanceTable(venue), IClassFixture<ConformanceVenue>
{
    private const string W = "/wapi/v1";
    private static readonly HttpMethod Get = HttpMethod.Get, Post = HttpMethod.Post;
    private const string To = "address=bc1qexampleaddress0000000000000000000";

    public static readonly IReadOnlyList<ConformanceCase> Cases =
    [
        Signed("assetDetail with a parameter it does not read: -1104", Get, $"{W}/assetDetail", "symbol=BTCUSDT", Bad, -1104,
            "Not all sent parameters were read; read '2' parameter(s) but was sent '3'."),
        Signed("depositAddress without asset: -1102", Get, $"{W}/depositAddress", "", Bad, -1102, Mandatory("asset")),
        Signed("depositAddress of an unknown asset: -8006", Get, $"{W}/depositAddress", "asset=DOGE", Bad, -8006,
            "withdraw asset error: Unknown asset 'DOGE'. Known: BTC, USDT, ETH, JEX, LTC."),
        Signed("depositAddress of an option token: -8006", Get, $"{W}/depositAddress", "asset=BTCCALLM", Bad, -8006,
            "withdraw asset error: 'BTCCALLM' is an option token: tokens are issued (option/release) and settled, never deposited or withdrawn."),
        Signed("depositHistory with status 2: -1100", Get, $"{W}/depositHistory", "status=2", Bad, -1100, Illegal("status", "0 - 1")),
        Signed("depositHistory ending before it starts: -1127", Get, $"{W}/depositHistory", "startTime=5000&endTime=4000", Bad, -1127, "endTime befor startTime"),
        Signed("depositHistory of an unknown asset: -8006", Get, $"{W}/depositHistory", "asset=DOGE", Bad, -8006,
            "withdraw asset error: Unknown asset 'DOGE'. Known: BTC, USDT, ETH, JEX, LTC."),
        Signed("tradeFee of an unknown symbol: -1121", Get, $"{W}/tradeFee", "symbol=DOGEUSDT", Bad, -1121, "Invalid symbol."),
        Custom("tradeFee without timestamp: -1102", c => c.SignedAsIs(Get, $"{W}/tradeFee", "recvWindow=5000"), Bad, -1102, Mandatory("timestamp")),
        Signed("withdraw without address: -1102", Get, $"{W}/withdraw", "asset=BTC&amount=1", Bad, -1102, Mandatory("address")),
        Signed("withdraw of 0: -8000", Get, $"{W}/withdraw", $"asset=BTC&{To}&amount=0", Bad, -8000, "withdraw amount error: the amount must be greater than 0, not 0."),
        Signed("withdraw of a negative amount: -1100", Get, $"{W}/withdraw", $"asset=BTC&{To}&amount=-1", Bad, -1100, Illegal("amount", Decimal)),
        Signed("withdraw beyond 8 decimals: -1111", Get, $"{W}/withdraw", $"asset=BTC&{To}&amount=0.000000001", Bad, -1111,
            "Precision is over the maximum defined for this asset."),
        Signed("withdraw to a malformed address: -8003", Get, $"{W}/withdraw", "asset=BTC&address=not-an-address&amount=1", Bad, -8003,
            "withdraw address error: 'not-an-address' is not an address: 10 to 100 letters and digits."),
        Signed("withdraw to the account's own deposit address: -8003", Get, $"{W}/withdraw",
            $"asset=BTC&address={WalletLedger.DepositAddress(1, "BTC")}&amount=1", Bad, -8003,
            $"withdraw address error: '{WalletLedger.DepositAddress(1, "BTC")}' is this account's own BTC deposit address."),
        Signed("withdraw with a malformed addressTag: -1100", Get, $"{W}/withdraw", $"asset=BTC&{To}&addressTag=a%20b&amount=1", Bad, -1100,
            Illegal("addressTag", "^[A-Za-z0-9]{1,64}$")),
        Signed("withdraw over the balance: -8004", Get, $"{W}/withdraw", $"asset=BTC&{To}&amount=10.5", Bad, -8004,
            "your balance is not enough: withdrawing 10.50000000 BTC needs that much free; the free balance is 10.00000000."),
        Signed("POST withdraw over the balance: -8004", Post, $"{W}/withdraw", $"asset=LTC&{To}&amount=1000.00000001", Bad, -8004,
            "your balance is not enough: withdrawing 1000.00000001 LTC needs that much free; the free balance is 1000.00000000."),
        Signed("withdraw of an unknown asset: -8006", Get, $"{W}/withdraw", $"asset=DOGE&{To}&amount=1", Bad, -8006,
            "withdraw asset error: Unknown asset 'DOGE'. Known: BTC, USDT, ETH, JEX, LTC."),
        Signed("withdraw of an option token: -8006", Get, $"{W}/withdraw", $"asset=BTCPUTM&{To}&amount=1", Bad, -8006,
            "withdraw asset error: 'BTCPUTM' is an option token: tokens are issued (option/release) and settled, never deposited or withdrawn."),
        Custom("withdraw with a key without the withdraw permission: 403 -8001",
            async c => await (await c.ReadOnly()).Signed(Get, $"{W}/withdraw", $"asset=USDT&{To}&amount=1"), HttpStatusCode.Forbidden, -8001,
            "withdraw is forbidden: this API key does not have the withdraw permission."),
        Signed("withdrawHistory with status 7: -1100", Get, $"{W}/withdrawHistory", "status=7", Bad, -1100, Illegal("status", "0 - 6")),
        Signed("withdrawHistory ending before it starts: -1127", Get, $"{W}/withdrawHistory", "startTime=5000&endTime=4000", Bad, -1127, "endTime befor startTime"),
        Signed("withdrawHistory of an option token: -8006", Get, $"{W}/withdrawHistory", "asset=BTCCALLM", Bad, -8006,
            "withdraw asset error: 'BTCCALLM' is an option token: tokens are issued (option/release) and settled, never deposited or withdrawn."),
    ];

    public static TheoryData<string> CaseNames => Names(Cases);

    [Theory, MemberData(nameof(CaseNames))]
    public Task Answers_as_JEX(string name) => Run(Cases, name);
}
