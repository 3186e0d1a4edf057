namespace JexSim.Engine.Accounts;

/// <summary>
/// One account's ledger: free and locked balance per asset (indexed by asset id) and its open-order count per symbol.
/// </summary>
public sealed class Account
{
    private long[] _free;
    private long[] _locked;
    private int[] _openOrders;

    public Account(long id, int assetCount, int symbolCount)
    {
        Id = id;
        _free = new long[assetCount];
        _locked = new long[assetCount];
        _openOrders = new int[symbolCount];
    }

    public long Id { get; }
    public bool Disabled { get; internal set; }

    public long Free(int asset) => asset < _free.Length ? _free[asset] : 0;
    public long Locked(int asset) => asset < _locked.Length ? _locked[asset] : 0;
    public int OpenOrders(int symbol) => symbol < _openOrders.Length ? _openOrders[symbol] : 0;
    public int AssetSlots => _free.Length;

    internal void Grow(int assetCount, int symbolCount)
    {
        if (assetCount > _free.Length) { Array.Resize(ref _free, assetCount); Array.Resize(ref _locked, assetCount); }
        if (symbolCount > _openOrders.Length) Array.Resize(ref _openOrders, symbolCount);
    }

    internal void Credit(int asset, long amount) => _free[asset] = checked(_free[asset] + amount);

    internal void Debit(int asset, long amount) => _free[asset] -= amount;

    internal void Lock(int asset, long amount) { _free[asset] -= amount; _locked[asset] += amount; }

    internal void Unlock(int asset, long amount) { _locked[asset] -= amount; _free[asset] += amount; }

    internal void SpendLocked(int asset, long amount) => _locked[asset] -= amount;

    internal void SetBalance(int asset, long free, long locked) { _free[asset] = free; _locked[asset] = locked; }

    internal void OrderOpened(int symbol) => _openOrders[symbol]++;

    internal void OrderClosed(int symbol) => _openOrders[symbol]--;
}
