using JexSim.Engine.Markets;

namespace JexSim.Server.Simulation;

/// <summary>A reference (index) price and when it was set.</summary>
public sealed record IndexPrice(long Price, long Time);

/// <summary>
/// The reference price of each symbol, driven by the fixture's feeds (random walk or replay) or set through
/// PUT /admin/v1/prices/{symbol}. Market makers quote around it; contracts will use it as their index price.
/// Thread-safe: one immutable value per symbol, replaced atomically.
/// </summary>
public sealed class IndexPrices
{
    private IndexPrice?[] _prices = [];

    /// <summary>Forgets every price and sizes the table for a (new) fixture's symbols.</summary>
    public void Reset(int symbolCount) => Volatile.Write(ref _prices, new IndexPrice?[symbolCount]);

    public IndexPrice? Get(SymbolSpec symbol) => Get(symbol.Id);

    public IndexPrice? Get(int symbolId)
    {
        var prices = Volatile.Read(ref _prices);
        return (uint)symbolId < (uint)prices.Length ? Volatile.Read(ref prices[symbolId]) : null;
    }

    public void Set(int symbolId, long price, long time)
    {
        var prices = Volatile.Read(ref _prices);
        if ((uint)symbolId < (uint)prices.Length) Volatile.Write(ref prices[symbolId], new IndexPrice(price, time));
    }

    /// <summary>A copy of every price (for snapshots).</summary>
    public IndexPrice?[] Save() => (IndexPrice?[])Volatile.Read(ref _prices).Clone();

    public void Restore(IndexPrice?[] saved) => Volatile.Write(ref _prices, (IndexPrice?[])saved.Clone());
}
