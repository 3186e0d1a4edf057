using JexSim.Engine.Books;
using JexSim.Engine.Commands;
using JexSim.Engine.Markets.Spot;

namespace JexSim.Engine.Markets.Option;

/// <summary>
/// Options: the tokens are an asset traded against the quote asset as premium, so holding and settling a fill is
/// exactly spot's (a buy holds its premium, a sell holds its tokens; fees as spot) and is delegated to
/// <see cref="SpotRules"/>. What is the option market's own: no order is approved at or after the exertion time,
/// nor once the option has settled.
/// </summary>
public readonly struct OptionRules(SpotRules spot, OptionWriters writers) : IMarketRules
{
    public RejectReason Approve(ref OrderSlot order, OrderBook book) =>
        writers.IsClosed(order.SymbolId, order.Time) ? RejectReason.OptionExpired : spot.Approve(ref order, book);

    public void Hold(ref OrderSlot order) => spot.Hold(ref order);

    public void Settle(ref OrderSlot taker, ref OrderSlot maker, long price, long quantity, long quote, out long buyerFee, out long sellerFee) =>
        spot.Settle(ref taker, ref maker, price, quantity, quote, out buyerFee, out sellerFee);

    public void Release(ref OrderSlot order) => spot.Release(ref order);

    public int HeldAsset(in OrderSlot order) => spot.HeldAsset(order);
}
