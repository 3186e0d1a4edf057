namespace JexSim.Engine.Books;

/// <summary>
/// Open order id to slot. Order ids are issued in sequence, so the index is a paged direct array (4 bytes per id of a
/// live page) rather than a hash map; a page is dropped as soon as every order it indexes has closed, and kept for
/// reuse (it is all zeros again by then), so a steady flow of orders allocates nothing. Contract orders are numbered
/// from 2^62 + 1: they get a second index of the same kind, on id - 2^62.
/// </summary>
public sealed class OrderIndex
{
    private const int PageShift = 12;
    private const int PageSize = 1 << PageShift;
    /// <summary>Emptied pages kept for reuse; a page is 16 KB, so the spare pool is at most 256 KB.</summary>
    private const int SpareLimit = 16;
    private int[]?[] _pages = new int[16][];
    private int[] _live = new int[16];
    private readonly int[][] _spare = new int[SpareLimit][];
    private int _spareCount;
    private const long HighBase = 1L << 62;
    private OrderIndex? _high;
    private int _count;

    public int Count => _count + (_high?.Count ?? 0);

    /// <summary>The slot of an open order, or -1.</summary>
    public int Find(long id)
    {
        if (id > HighBase) return _high?.Find(id - HighBase) ?? -1;
        if (id <= 0) return -1;
        long page = id >> PageShift;
        if (page >= _pages.Length) return -1;
        var p = _pages[page];
        return p is null ? -1 : p[id & (PageSize - 1)] - 1;
    }

    internal void Add(long id, int slot)
    {
        if (id > HighBase) { (_high ??= new OrderIndex()).Add(id - HighBase, slot); return; }
        long page = id >> PageShift;
        if (page >= _pages.Length)
        {
            long size = _pages.Length;
            while (size <= page) size *= 2;
            Array.Resize(ref _pages, (int)size);
            Array.Resize(ref _live, (int)size);
        }
        var p = _pages[page] ??= _spareCount > 0 ? _spare[--_spareCount] : new int[PageSize];
        p[id & (PageSize - 1)] = slot + 1;
        _live[page]++;
        _count++;
    }

    internal void Remove(long id)
    {
        if (id > HighBase) { _high!.Remove(id - HighBase); return; }
        long page = id >> PageShift;
        var p = _pages[page]!;
        p[id & (PageSize - 1)] = 0;
        if (--_live[page] == 0)
        {
            _pages[page] = null;
            if (_spareCount < SpareLimit) _spare[_spareCount++] = p;
        }
        _count--;
    }
}
