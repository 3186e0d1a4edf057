namespace JexSim.Engine.Accounts;

/// <summary>
/// One account's ledger: free and locked balance per asset (indexed by asset id) and its open-order count per symbol.
/// Changed only through <see cref="Ledger"/>, which records every change in the batch output.
/// </summary>
public sealed class Account
{
    private readonly long[] _free;
    private readonly long[] _locked;
    private readonly int[] _openOrders;
    /// <summary>Per asset: the batch stamp and position of this balance's row in the output (see <see cref="Ledger"/>).</summary>
    internal readonly int[] OutputStamp;
    internal readonly int[] OutputRow;
    /// <summary>The batch stamp at which this account's full balances were last added to the output.</summary>
    internal int AccountsStamp;

    internal Account(long id, int index, int assetCount, int symbolCount)
    {
        Id = id;
        Index = index;
        _free = new long[assetCount];
        _locked = new long[assetCount];
        _openOrders = new int[symbolCount];
        OutputStamp = new int[assetCount];
        OutputRow = new int[assetCount];
    }

    public long Id { get; }
    /// <summary>Dense position in the ledger, what order slots refer to.</summary>
    public int Index { get; }
    public bool Disabled { get; internal set; }

    public long Free(int asset) => (uint)asset < (uint)_free.Length ? _free[asset] : 0;
    public long Locked(int asset) => (uint)asset < (uint)_locked.Length ? _locked[asset] : 0;
    public int OpenOrders(int symbol) => (uint)symbol < (uint)_openOrders.Length ? _openOrders[symbol] : 0;

    internal ref long FreeRef(int asset) => ref _free[asset];
    internal ref long LockedRef(int asset) => ref _locked[asset];
    internal void OrderOpened(int symbol) => _openOrders[symbol]++;
    internal void OrderClosed(int symbol) => _openOrders[symbol]--;
}
