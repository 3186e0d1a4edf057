using JexSim.Engine.Markets;
using JexSim.Persistence;
using JexSim.Server.Api;

namespace JexSim.Server.Endpoints.Contract;

/// <summary>
/// What the contract endpoints need from the venue: the seam between the HTTP surface (catalogue, validation, JSON
/// shapes, all in this folder) and the engine's contract market. Commands go through the sequencer and answer with
/// the state they left; queries read the published read side. Order ids here are the engine's (the endpoints convert
/// with <see cref="ContractOrderId"/>). The venue registers one implementation in DI; see ContractCatalogue.
/// </summary>
public interface IContractMarket
{
    /// <summary>contractInfo: every contract, in the fixture's order.</summary>
    IReadOnlyList<ContractInfoView> Info();

    ContractIndicesView Indices(SymbolSpec symbol);

    /// <summary>Places (or with Test, only checks) an order. Refusals: the spot codes for filters and the open-order
    /// cap (-9000, -2019), -7008 for margin, -7004/-7006 for the risk refusals, and for stopLimit/profitLimit the trigger
    /// rules (-7020 no position, -7004, -2019 beyond ten waiting).</summary>
    ValueTask<ContractOutcome<ContractOrderView>> PlaceAsync(ContractOrderRequest request);

    /// <summary>Cancels an open order; unknown or closed: -2011.</summary>
    ValueTask<ContractOutcome<ContractOrderView>> CancelAsync(long accountId, SymbolSpec symbol, long orderId);

    /// <summary>Closes the whole position at market (POST contract/liquidation); no position: -7020.</summary>
    ValueTask<ContractOutcome<ContractOrderView>> ClosePositionAsync(long accountId, SymbolSpec symbol);

    /// <summary>One of the account's orders; with a null symbol, in any contract. Null when unknown.</summary>
    ContractOrderView? Order(long accountId, string? symbol, long orderId);

    IReadOnlyList<ContractOrderView> OpenOrders(long accountId, string symbol, OrderQuery query);

    IReadOnlyList<ContractOrderView> HistoryOrders(long accountId, string symbol, OrderQuery query);

    /// <summary>The account's closing and liquidation orders (MARKET from POST contract/liquidation, FLAT from the venue's liquidations).</summary>
    IReadOnlyList<ContractOrderView> LiquidationOrders(long accountId, string symbol, OrderQuery query);

    /// <summary>The account's positions that hold quantity, margin or orders; one contract or all.</summary>
    IReadOnlyList<ContractPositionView> Positions(long accountId, string? symbol);

    /// <summary>Sets the position's leverage: -7017/-7018 out of range, -7002 when the margin would not cover it.</summary>
    ValueTask<JexError?> SetLeverageAsync(long accountId, SymbolSpec symbol, int leverage);

    /// <summary>Moves margin between the spot balance and the position (+ in, - out): -7020 no position,
    /// -7007 spot balance too small, -7001 below what the position requires.</summary>
    ValueTask<ContractOutcome<ContractTransfer>> TransferMarginAsync(long accountId, SymbolSpec symbol, long amount);

    /// <summary>The account's bills across contracts, oldest first; query.FromOrderId is the bill id to start after.</summary>
    IReadOnlyList<ContractBillView> Bills(long accountId, OrderQuery query);

    /// <summary>The account's fills in a contract, newest last; endId: only fills with a smaller id.</summary>
    IReadOnlyList<ContractTradeView> UserTrades(long accountId, string symbol, long? endId, int limit);

    IReadOnlyList<ContractFundingView> FundingHistory(string symbol, OrderQuery query);

    IReadOnlyList<ProtectionFundView> ProtectionFund(string symbol, OrderQuery query);

    /// <summary>The account's contract balances (one per margin asset).</summary>
    IReadOnlyList<ContractBalanceView> Balances(long accountId);
}
