namespace JexSim.Engine.Books;

/// <summary>
/// One side of a book: price levels in a sorted array with the best level at the end, so that taking from the
/// top and removing an emptied best level are O(1), and finding a level is a binary search. Inserting a new level
/// in the middle moves a contiguous block of references, which is cheap for the few hundred levels a book has near
/// the touch.
/// </summary>
public sealed class BookSide
{
    private PriceLevel[] _levels = new PriceLevel[64];
    private int _count;
    /// <summary>Emptied levels kept for reuse (a level's fields stay readable until the next insert reuses it).</summary>
    private readonly Stack<PriceLevel> _free = new();
    private const int MaxFreeLevels = 4096;

    public BookSide(Side side) => Side = side;

    public Side Side { get; }

    public int LevelCount => _count;

    public PriceLevel? Best => _count == 0 ? null : _levels[_count - 1];

    /// <summary>Level i counting from the best (0 = best).</summary>
    public PriceLevel LevelFromTop(int i) => _levels[_count - 1 - i];

    /// <summary>True when <paramref name="a"/> is a better price than <paramref name="b"/> on this side.</summary>
    public bool IsBetter(long a, long b) => Side == Side.Buy ? a > b : a < b;

    // Array order: worst first, best last. For bids that is ascending price, for asks descending.
    private int Compare(long a, long b) => Side == Side.Buy ? a.CompareTo(b) : b.CompareTo(a);

    private int Find(long price)
    {
        int lo = 0, hi = _count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int c = Compare(_levels[mid].Price, price);
            if (c == 0) return mid;
            if (c < 0) lo = mid + 1; else hi = mid - 1;
        }
        return ~lo;
    }

    public PriceLevel? Get(long price)
    {
        int i = Find(price);
        return i >= 0 ? _levels[i] : null;
    }

    internal PriceLevel GetOrAdd(long price)
    {
        int i = Find(price);
        if (i >= 0) return _levels[i];
        i = ~i;
        if (_count == _levels.Length) Array.Resize(ref _levels, _levels.Length * 2);
        if (i < _count) Array.Copy(_levels, i, _levels, i + 1, _count - i);
        PriceLevel level;
        if (_free.Count > 0) { level = _free.Pop(); level.Price = price; level.TotalQuantity = 0; }
        else level = new PriceLevel(price);
        _levels[i] = level;
        _count++;
        return level;
    }

    internal void RemoveLevel(PriceLevel level)
    {
        if (_count > 0 && ReferenceEquals(_levels[_count - 1], level))
        {
            _levels[--_count] = null!;
        }
        else
        {
            int i = Find(level.Price);
            if (i < 0) return;
            Array.Copy(_levels, i + 1, _levels, i, _count - i - 1);
            _levels[--_count] = null!;
        }
        if (_free.Count < MaxFreeLevels) _free.Push(level);
    }

    /// <summary>Levels from the best outwards.</summary>
    public IEnumerable<PriceLevel> Levels()
    {
        for (int i = _count - 1; i >= 0; i--) yield return _levels[i];
    }
}
