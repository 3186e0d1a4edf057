using System.Runtime.InteropServices;

namespace JexSim.Engine.Books;

/// <summary>
/// A live order, stored by value in <see cref="OrderStore"/> and addressed by its slot index (no object per order).
/// While it rests it is a node of its price level's FIFO list through slot links. 88 bytes.
/// Mutated only by the writer thread.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct OrderSlot
{
    public long Id;
    /// <summary>Limit price; 0 for MARKET orders.</summary>
    public long Price;
    public long Quantity;
    public long Filled;
    /// <summary>Sum of the quote amounts of all fills ("cummulativeQuoteQty").</summary>
    public long CumulativeQuote;
    /// <summary>What this order still holds under its market's rules (spot: quote for a buy, base for a sell).</summary>
    public long Locked;
    public long Time;
    public long UpdateTime;
    /// <summary>Dense index of the owning account in the ledger (not the account id).</summary>
    public int Account;
    /// <summary>Slot of the price level the order rests at, -1 when not resting.</summary>
    internal int Level;
    internal int Prev;
    internal int Next;
    public ushort SymbolId;
    public Side Side;
    public OrderType Type;
    public TimeInForce TimeInForce;
    public OrderStatus Status;

    public readonly long Remaining => Quantity - Filled;
}
