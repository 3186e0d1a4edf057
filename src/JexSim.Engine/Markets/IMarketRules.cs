using JexSim.Engine.Books;
using JexSim.Engine.Commands;

namespace JexSim.Engine.Markets;

/// <summary>
/// The one seam between matching (which knows no money) and a market's risk and settlement, in exchange-core's
/// pre-hold / match / settle / release style. For every order, <see cref="Matching.ExchangeCore"/> calls:
/// <list type="number">
/// <item><see cref="Approve"/>: may this order be placed? Decide what it must hold (spot: quote cash for a buy, base
/// for a sell; contracts: order margin; options: premium or the writer's collateral), store that amount in
/// <see cref="OrderSlot.Locked"/>, and change NOTHING else. A refusal leaves no trace.</item>
/// <item><see cref="Hold"/>: move the approved amount from free to held. Called only after approval and after the
/// matching-side checks (FOK), so nothing is held for an order that never enters the book.</item>
/// <item><see cref="Settle"/>, once per fill, at the maker's price: move value between the two accounts (spot: base
/// against quote, fees; contracts: open/close a position, realise PnL, margin; options: premium, token balances) and
/// lower each order's <see cref="OrderSlot.Locked"/> by what the fill consumed. It must not fail: everything it spends
/// was held by Approve/Hold, and every amount is bounded by the asset's capped supply (see <see cref="Accounts.Ledger"/>).</item>
/// <item><see cref="Release"/>: the order closed (filled, cancelled, expired); give back what it still holds.</item>
/// </list>
/// Implementations are structs: the engine calls them through a generic type parameter constrained to this interface,
/// so the JIT specialises matching per market and no call is dispatched through the interface on the hot path. The
/// engine picks the rules once per command with one switch on <see cref="SymbolSpec.Market"/>; the matcher itself
/// never branches on the market. A new market is one folder under Markets/ with one struct implementing this, plus
/// one case in that switch; account-level commands of its own (set leverage, transfer margin, funding, exercise) are
/// new <see cref="CommandKind"/>s handled by that market's ledger.
/// </summary>
public interface IMarketRules
{
    /// <summary>Checks the order against this market's risk and sets <see cref="OrderSlot.Locked"/>; changes no state.</summary>
    RejectReason Approve(ref OrderSlot order, OrderBook book);

    /// <summary>Holds what <see cref="Approve"/> decided (the amount in <see cref="OrderSlot.Locked"/>).</summary>
    void Hold(ref OrderSlot order);

    /// <summary>Applies one fill of <paramref name="quantity"/> at <paramref name="price"/> (quote amount <paramref name="quote"/>).</summary>
    void Settle(ref OrderSlot taker, ref OrderSlot maker, long price, long quantity, long quote, out long buyerFee, out long sellerFee);

    /// <summary>Gives back what a closed order still holds and sets its <see cref="OrderSlot.Locked"/> to 0.</summary>
    void Release(ref OrderSlot order);

    /// <summary>The asset an order's <see cref="OrderSlot.Locked"/> is held in (for the engine's invariant check).</summary>
    int HeldAsset(in OrderSlot order);
}
