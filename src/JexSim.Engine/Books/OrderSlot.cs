using System.Runtime.InteropServices;

namespace JexSim.Engine.Books;

/// <summary>
/// A live order, stored by value in <see cref="OrderStore"/> and addressed by its slot index (no object per order).
/// While it rests it is a node of its price level's FIFO list through slot links (its level slot is kept beside it, in <see cref="OrderStore.LevelOf"/>).
/// 80 bytes.
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
    internal int Prev;
    internal int Next;
    public ushort SymbolId;
    // Side (bit 0), time in force (bits 2-3) and status (bits 4-6) packed in one byte, the type in the byte that was
    // padding: the slot stays at 80 bytes.
    private byte _flags;
    private byte _type;

    public Side Side { readonly get => (Side)(_flags & 1); set => _flags = (byte)((_flags & ~1) | (int)value); }
    public OrderType Type { readonly get => (OrderType)_type; set => _type = (byte)value; }
    public TimeInForce TimeInForce { readonly get => (TimeInForce)((_flags >> 2) & 3); set => _flags = (byte)((_flags & ~12) | ((int)value << 2)); }
    public OrderStatus Status { readonly get => (OrderStatus)((_flags >> 4) & 7); set => _flags = (byte)((_flags & ~0x70) | ((int)value << 4)); }

    public readonly long Remaining => Quantity - Filled;
}
