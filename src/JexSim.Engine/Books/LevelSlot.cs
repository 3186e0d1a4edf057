namespace JexSim.Engine.Books;

/// <summary>One price level, stored by value in its <see cref="BookSide"/>: a FIFO of order slots and an AVL tree node.</summary>
internal struct LevelSlot
{
    public long Price;
    /// <summary>The side's sort key: smaller is better (-price for bids, price for asks).</summary>
    public long Key;
    public long TotalQuantity;
    public int OrderCount;
    public int Head;
    public int Tail;
    public int Left;
    public int Right;
    public int Height;
}
