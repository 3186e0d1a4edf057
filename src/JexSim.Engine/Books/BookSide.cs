namespace JexSim.Engine.Books;

/// <summary>
/// One side of a book: its price levels as value slots in one array, ordered by an AVL tree (int links), with the best
/// level cached. Finding, adding and removing a level is O(log levels) and never moves other levels, however deep the
/// book; taking from the top is O(1).
/// </summary>
public sealed class BookSide
{
    private LevelSlot[] _levels = new LevelSlot[16];
    private int _used;
    private int _freeHead = -1;
    private int _root = -1;
    /// <summary>The descent of <see cref="GetOrAdd"/> and <see cref="RemoveLevel"/>: an AVL tree of 2^31 levels is less than 45 high.</summary>
    private readonly int[] _path = new int[48];
    private readonly OrderBook _book;

    internal BookSide(OrderBook book, Side side)
    {
        _book = book;
        Side = side;
    }

    public Side Side { get; }

    public int LevelCount { get; private set; }

    /// <summary>Slot of the best level, -1 when the side is empty.</summary>
    internal int BestSlot { get; private set; } = -1;

    internal ref LevelSlot At(int slot) => ref _levels[slot];

    private long KeyOf(long price) => Side == Side.Buy ? -price : price;

    /// <summary>True when a taker at <paramref name="limit"/> may trade against this side's level at <paramref name="price"/>.</summary>
    internal bool Crosses(long price, long limit) => KeyOf(price) <= KeyOf(limit);

    // ------------------------------------------------------------------ read views (tests, start-up, invariants)

    public PriceLevel? Best => BestSlot < 0 ? null : new PriceLevel(_book, this, BestSlot);

    public PriceLevel? Get(long price)
    {
        int slot = Find(price);
        return slot < 0 ? null : new PriceLevel(_book, this, slot);
    }

    /// <summary>Levels from the best outwards.</summary>
    public IEnumerable<PriceLevel> Levels()
    {
        for (int s = BestSlot; s >= 0; s = NextWorse(s)) yield return new PriceLevel(_book, this, s);
    }

    /// <summary>Copies the best levels' prices and totals; returns how many were copied.</summary>
    public int CopyTop(Span<long> prices, Span<long> quantities)
    {
        int n = 0;
        for (int s = BestSlot; s >= 0 && n < prices.Length; s = NextWorse(s), n++)
        {
            prices[n] = _levels[s].Price;
            quantities[n] = _levels[s].TotalQuantity;
        }
        return n;
    }

    // ------------------------------------------------------------------ tree

    internal int Find(long price)
    {
        long key = KeyOf(price);
        int n = _root;
        while (n >= 0)
        {
            ref var l = ref _levels[n];
            if (key == l.Key) return n;
            n = key < l.Key ? l.Left : l.Right;
        }
        return -1;
    }

    /// <summary>The next level away from the best after <paramref name="slot"/>, or -1.</summary>
    internal int NextWorse(int slot)
    {
        long key = _levels[slot].Key;
        int n = _root, found = -1;
        while (n >= 0)
        {
            ref var l = ref _levels[n];
            if (l.Key > key) { found = n; n = l.Left; }
            else n = l.Right;
        }
        return found;
    }

    /// <summary>The level at <paramref name="price"/>, added when missing: one descent that either finds it or links a new
    /// leaf, then rebalances back up the recorded path only as far as a subtree's height changed.</summary>
    internal int GetOrAdd(long price)
    {
        long key = KeyOf(price);
        int depth = 0, n = _root;
        while (n >= 0)
        {
            ref var l = ref _levels[n];
            if (key == l.Key) return n;
            _path[depth++] = n;
            n = key < l.Key ? l.Left : l.Right;
        }
        int slot = NewSlot(price, key);
        if (depth == 0) _root = slot;
        else if (key < _levels[_path[depth - 1]].Key) _levels[_path[depth - 1]].Left = slot;
        else _levels[_path[depth - 1]].Right = slot;
        Rebalance(depth);
        LevelCount++;
        if (BestSlot < 0 || key < _levels[BestSlot].Key) BestSlot = slot;
        return slot;
    }

    /// <summary>Unlinks the level in <paramref name="slot"/> (its successor takes its place when it has two children),
    /// then rebalances back up the recorded path only as far as a subtree's height changed.</summary>
    internal void RemoveLevel(int slot)
    {
        long key = _levels[slot].Key;
        int depth = 0;
        for (int n = _root; n != slot; n = key < _levels[n].Key ? _levels[n].Left : _levels[n].Right) _path[depth++] = n;
        int at = depth;
        int left = _levels[slot].Left, right = _levels[slot].Right, replacement;
        if (left < 0 || right < 0) replacement = left >= 0 ? left : right;
        else
        {
            // The successor (leftmost of the right subtree) takes the slot's place; the path runs through it.
            depth++;
            int successor = right;
            while (_levels[successor].Left >= 0) { _path[depth++] = successor; successor = _levels[successor].Left; }
            if (successor != right)
            {
                _levels[_path[depth - 1]].Left = _levels[successor].Right;
                _levels[successor].Right = right;
            }
            _levels[successor].Left = left;
            _levels[successor].Height = _levels[slot].Height;
            _path[at] = successor;
            replacement = successor;
        }
        if (at == 0) _root = replacement;
        else if (_levels[_path[at - 1]].Left == slot) _levels[_path[at - 1]].Left = replacement;
        else _levels[_path[at - 1]].Right = replacement;
        Rebalance(depth);
        LevelCount--;
        if (slot == BestSlot) BestSlot = Leftmost(_root);
        _levels[slot].Left = _freeHead;
        _freeHead = slot;
    }

    /// <summary>Rebalances the first <paramref name="depth"/> nodes of the path, deepest first, relinking each rotated
    /// subtree into its parent; stops at the first subtree whose height did not change.</summary>
    private void Rebalance(int depth)
    {
        for (int i = depth - 1; i >= 0; i--)
        {
            int node = _path[i];
            int height = _levels[node].Height;
            int top = Balance(node);
            if (top != node)
            {
                if (i == 0) _root = top;
                else if (_levels[_path[i - 1]].Left == node) _levels[_path[i - 1]].Left = top;
                else _levels[_path[i - 1]].Right = top;
            }
            if (_levels[top].Height == height) break;
        }
    }

    private int NewSlot(long price, long key)
    {
        int slot;
        if (_freeHead >= 0) { slot = _freeHead; _freeHead = _levels[slot].Left; }
        else
        {
            if (_used == _levels.Length) Array.Resize(ref _levels, _levels.Length * 2);
            slot = _used++;
        }
        _levels[slot] = new LevelSlot { Price = price, Key = key, Head = -1, Tail = -1, Left = -1, Right = -1, Height = 1 };
        return slot;
    }

    private int Leftmost(int n)
    {
        if (n < 0) return -1;
        while (_levels[n].Left >= 0) n = _levels[n].Left;
        return n;
    }

    private int H(int n) => n < 0 ? 0 : _levels[n].Height;

    private void Fix(int n) => _levels[n].Height = 1 + Math.Max(H(_levels[n].Left), H(_levels[n].Right));

    private int RotateRight(int n)
    {
        int l = _levels[n].Left;
        _levels[n].Left = _levels[l].Right;
        _levels[l].Right = n;
        Fix(n); Fix(l);
        return l;
    }

    private int RotateLeft(int n)
    {
        int r = _levels[n].Right;
        _levels[n].Right = _levels[r].Left;
        _levels[r].Left = n;
        Fix(n); Fix(r);
        return r;
    }

    private int Balance(int n)
    {
        Fix(n);
        int bf = H(_levels[n].Left) - H(_levels[n].Right);
        if (bf > 1)
        {
            if (H(_levels[_levels[n].Left].Left) < H(_levels[_levels[n].Left].Right)) _levels[n].Left = RotateLeft(_levels[n].Left);
            return RotateRight(n);
        }
        if (bf < -1)
        {
            if (H(_levels[_levels[n].Right].Right) < H(_levels[_levels[n].Right].Left)) _levels[n].Right = RotateRight(_levels[n].Right);
            return RotateLeft(n);
        }
        return n;
    }
}
