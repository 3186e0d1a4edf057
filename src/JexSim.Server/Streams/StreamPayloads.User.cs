using System.Globalization;
using JexSim.Engine;
using JexSim.Engine.Markets;
using JexSim.Engine.Markets.Contract;
using JexSim.Server.Endpoints.Contract;

namespace JexSim.Server.Streams;

/// <summary>The user-data events: execution reports, refusals, account balances and contract positions.</summary>
public static partial class StreamPayloads
{
    /// <summary>execSpotReport (execOptionReport has the same shape).</summary>
    public static byte[] ExecutionReport(MarketType market, SymbolSpec symbol, OrderState o, long eventTime) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("E", eventTime);
        w.WriteString("e", $"exec{StreamNames.MarketTitle(market)}Report");
        w.WriteString("s", symbol.Name);
        w.WriteString("S", o.Side.ToApi());
        w.Amount("q", o.Quantity);
        w.Amount("p", o.Price);
        w.WriteString("X", Api.SpotOrderStatus.Of(o.Status, o.Filled));
        w.WriteNumber("i", o.Id);
        w.Amount("z", o.Filled);
        w.WriteNumber("O", o.Time);
        w.Amount("Z", o.CumulativeQuote);
        w.WriteEndObject();
    });

    /// <summary>
    /// execContractReport {E,e,s,X,r,i,z,Z}: the contract status vocabulary, r "NONE" (the example's value for an order
    /// that was not refused), the order id as the 19-digit string REST uses, z signed (sells negative), Z the filled value.
    /// </summary>
    public static byte[] ContractExecutionReport(SymbolSpec symbol, OrderState o, long eventTime) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("E", eventTime);
        w.WriteString("e", "execContractReport");
        w.WriteString("s", symbol.Name);
        w.WriteString("X", ContractVocabulary.Status(ContractVocabulary.FromEngine(o.Status)));
        w.WriteString("r", "NONE");
        w.WriteString("i", ContractOrderId.Format(o.Id));
        w.Amount("z", ContractVocabulary.Signed(o.Side, o.Filled));
        w.Amount("Z", o.CumulativeQuote);
        w.WriteEndObject();
    });

    /// <summary>
    /// A refused contract order: {E,X:"FAIL",e,r} with r from the spec's list. s, z and Z do not exist when refused (the
    /// spec); i neither, since the venue refuses before it numbers the order (REST answers the error, with no id).
    /// </summary>
    public static byte[] ContractRefusalReport(string reason, long eventTime) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("E", eventTime);
        w.WriteString("X", "FAIL");
        w.WriteString("e", "execContractReport");
        w.WriteString("r", reason);
        w.WriteEndObject();
    });

    /// <summary>
    /// accountContractInfo: the account's contract balances after a change, with the futures-only o (order margin) and p
    /// (position margin); l = o + p and f is free, as contractBalances in GET /api/v1/account. W and D are false (a
    /// contract balance is funded by transfers, as REST's canWithdraw/canDeposit say).
    /// </summary>
    public static byte[] AccountContractInfo(IReadOnlyList<(string Asset, ContractBalanceState Balance)> balances, ListenKey key, long eventTime) => Write(w =>
    {
        w.WriteStartObject();
        bool trade = key.Permissions.HasFlag(Engine.Accounts.Permissions.Trade);
        w.WriteString("e", "accountContractInfo");
        w.WriteNumber("E", eventTime);
        w.WriteNumber("m", 0);
        w.WriteNumber("t", 0);
        w.WriteNumber("u", eventTime);
        w.WriteStartArray("B");
        foreach (var (asset, b) in balances)
        {
            w.WriteStartObject();
            w.WriteString("a", asset);
            w.Amount("o", b.OrderMargin);
            w.Amount("p", b.PositionMargin);
            w.Amount("f", b.Free);
            w.Amount("l", b.OrderMargin + b.PositionMargin);
            w.WriteBoolean("T", trade);
            w.WriteBoolean("W", false);
            w.WriteBoolean("D", false);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>
    /// contractPositions: the positions a batch changed, each after the change (a closed position shows with q 0), in the
    /// example's fields. c, l and t are GET contract/position's costPrice, liquidationPrice and positionCost; b and S its
    /// buyOrderCost and sellOrderCost, n their sum; o the position margin; i and m the initial (1/leverage) and maintenance
    /// margin rates; R the position's value at cost (the risk it uses); r the contract's risk limit (fixture riskLimit,
    /// 0 = none). JexSim ranks auto-deleveraging only when it happens (by PnL / margin at the mark), so a (a standing queue
    /// rank) is "0".
    /// </summary>
    public static byte[] ContractPositions(IReadOnlyList<(ContractSpec Spec, Position Position)> positions, long eventTime) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("E", eventTime);
        w.WriteString("e", "contractPositions");
        w.WriteStartArray("p");
        foreach (var (spec, p) in positions)
        {
            w.WriteStartObject();
            w.WriteString("M", spec.MaxLeverage.ToString(CultureInfo.InvariantCulture));
            w.Amount("R", p.Cost);
            w.Amount("S", p.SellOrderMargin);
            w.WriteString("a", "0");
            w.Amount("b", p.BuyOrderMargin);
            w.WriteString("c", Decimals(ContractMath.CostPrice(p, spec.Multiplier), 8));
            w.WriteString("d", ContractVocabulary.Direction(p.Quantity));
            w.WriteString("i", Decimals(1m / p.Leverage, 8));
            w.WriteString("l", Decimals(ContractMath.LiquidationPrice(p, spec), 8));
            w.Amount("m", spec.MaintenanceMarginRate);
            w.Amount("n", p.BuyOrderMargin + p.SellOrderMargin);
            w.Amount("o", p.Margin);
            w.Amount("q", p.Quantity);
            w.Amount("r", spec.RiskLimit);
            w.WriteString("s", spec.Symbol);
            w.Amount("t", p.Cost);
            w.WriteString("v", p.Leverage.ToString("0.00", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static string Decimals(decimal value, int decimals) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("0." + new string('0', decimals), CultureInfo.InvariantCulture);

    /// <summary>One balance row of an account event.</summary>
    public readonly record struct BalanceRow(string Asset, long Free, long Locked);

    /// <summary>accountSpotInfo (accountOptionInfo / accountContractInfo share the shape): the account's balances after a change.</summary>
    public static byte[] AccountInfo(MarketType market, IReadOnlyList<BalanceRow> balances, ListenKey key, long updateTime, long eventTime) => Write(w =>
    {
        bool trade = key.Permissions.HasFlag(Engine.Accounts.Permissions.Trade);
        bool withdraw = key.Permissions.HasFlag(Engine.Accounts.Permissions.Withdraw);
        w.WriteStartObject();
        w.WriteString("e", $"account{StreamNames.MarketTitle(market)}Info");
        w.WriteNumber("E", eventTime);
        w.WriteNumber("m", 0);
        w.WriteNumber("t", 0);
        w.WriteNumber("u", updateTime);
        w.WriteStartArray("B");
        foreach (var b in balances)
        {
            w.WriteStartObject();
            w.WriteString("a", b.Asset);
            w.Amount("f", b.Free);
            w.Amount("l", b.Locked);
            w.WriteBoolean("T", trade);
            w.WriteBoolean("W", withdraw);
            w.WriteBoolean("D", market == MarketType.Spot);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });
}
