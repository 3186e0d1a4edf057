namespace JexSim.Engine.Books;

/// <summary>
/// Pooled storage of live orders: <see cref="OrderSlot"/> structs in fixed-size pages, addressed by int slot index,
/// with a parallel int per slot for a resting order's level slot in its book side (the 80-byte slot has no spare byte),
/// so that a cancel reaches its level without a tree walk. A closed order's slot goes back on a free list. Pages are never copied when the store grows, so a deep book
/// costs one slot per resting order and nothing per operation.
/// </summary>
public sealed class OrderStore
{
    private const int PageShift = 14;
    private const int PageSize = 1 << PageShift;
    private const int PageMask = PageSize - 1;
    private OrderSlot[][] _pages = new OrderSlot[4][];
    private int[][] _levels = new int[4][];
    private int _capacity;
    private int _freeHead = -1;

    public int Count { get; private set; }

    public ref OrderSlot this[int slot] => ref _pages[slot >> PageShift][slot & PageMask];

    /// <summary>The level slot (in its <see cref="BookSide"/>) of the order resting in <paramref name="slot"/>.</summary>
    internal ref int LevelOf(int slot) => ref _levels[slot >> PageShift][slot & PageMask];

    internal int Allocate()
    {
        if (_freeHead < 0) Grow();
        int slot = _freeHead;
        ref var s = ref this[slot];
        _freeHead = s.Next;
        s = default;
        s.Prev = s.Next = -1;
        Count++;
        return slot;
    }

    internal void Free(int slot)
    {
        ref var s = ref this[slot];
        s.Next = _freeHead;
        _freeHead = slot;
        Count--;
    }

    private void Grow()
    {
        int page = _capacity >> PageShift;
        if (page == _pages.Length)
        {
            Array.Resize(ref _pages, _pages.Length * 2);
            Array.Resize(ref _levels, _levels.Length * 2);
        }
        var slots = new OrderSlot[PageSize];
        // Chain the new page's slots so that allocation walks it in order.
        for (int i = PageSize - 1; i >= 0; i--) { slots[i].Next = _freeHead; _freeHead = _capacity + i; }
        _pages[page] = slots;
        _levels[page] = new int[PageSize];
        _capacity += PageSize;
    }
}
