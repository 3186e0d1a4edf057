namespace JexSim.Engine.Books;

/// <summary>
/// Open order id to slot. Order ids are issued in sequence, so the index is a paged direct array (4 bytes per id of a
/// live page) rather than a hash map; a page is dropped as soon as every order it indexes has closed.
/// </summary>
public sealed class OrderIndex
{
    private const int PageShift = 12;
    private const int PageSize = 1 << PageShift;
    private int[]?[] _pages = new int[16][];
    private int[] _live = new int[16];

    public int Count { get; private set; }

    /// <summary>The slot of an open order, or -1.</summary>
    public int Find(long id)
    {
        if (id <= 0) return -1;
        long page = id >> PageShift;
        if (page >= _pages.Length) return -1;
        var p = _pages[page];
        return p is null ? -1 : p[id & (PageSize - 1)] - 1;
    }

    internal void Add(long id, int slot)
    {
        long page = id >> PageShift;
        if (page >= _pages.Length)
        {
            long size = _pages.Length;
            while (size <= page) size *= 2;
            Array.Resize(ref _pages, (int)size);
            Array.Resize(ref _live, (int)size);
        }
        var p = _pages[page] ??= new int[PageSize];
        p[id & (PageSize - 1)] = slot + 1;
        _live[page]++;
        Count++;
    }

    internal void Remove(long id)
    {
        long page = id >> PageShift;
        _pages[page]![id & (PageSize - 1)] = 0;
        if (--_live[page] == 0) _pages[page] = null;
        Count--;
    }
}
