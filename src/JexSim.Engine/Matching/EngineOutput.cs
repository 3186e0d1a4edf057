using JexSim.Engine.Books;

namespace JexSim.Engine.Matching;

/// <summary>One trade between a taker and a resting maker, at the maker's price.</summary>
public readonly record struct Trade(
    long Id, int SymbolId, long Price, long Quantity, long QuoteQuantity, long Time,
    long BuyOrderId, long SellOrderId, long BuyerAccountId, long SellerAccountId, bool BuyerMaker,
    long BuyerFee, long SellerFee);

/// <summary>A price level's new total after a command (0 = the level is gone), tagged with the book's update id.</summary>
public readonly record struct LevelChange(int SymbolId, Side Side, long Price, long Quantity, long UpdateId);

public readonly record struct BalanceKey(long AccountId, int AssetId);

/// <summary>A balance as it stands after a batch of commands.</summary>
public readonly record struct BalanceState(long AccountId, int AssetId, long Free, long Locked);

/// <summary>
/// Everything the engine changed since the last <see cref="Clear"/>, in command order. The sequencer hands one
/// batch's output to persistence (as one transaction) and then to the publishers (streams, market-data views).
/// </summary>
public sealed class EngineOutput
{
    private readonly HashSet<BalanceKey> _balanceSet = new();
    private bool[] _symbolChanged = [];

    public List<OrderState> Orders { get; } = new();
    public List<Trade> Trades { get; } = new();
    public List<BalanceKey> Balances { get; } = new();
    public List<LevelChange> Levels { get; } = new();
    public List<long> NewAccounts { get; } = new();

    /// <summary>Symbols whose book or last price changed (a level change or a trade), each once, in first-change order.</summary>
    public List<int> ChangedSymbols { get; } = new();

    public bool IsEmpty => Orders.Count == 0 && Trades.Count == 0 && Balances.Count == 0 && NewAccounts.Count == 0;

    internal void TouchBalance(long account, int asset)
    {
        var key = new BalanceKey(account, asset);
        if (_balanceSet.Add(key)) Balances.Add(key);
    }

    internal void AddLevel(in LevelChange change)
    {
        Levels.Add(change);
        SymbolChanged(change.SymbolId);
    }

    internal void AddTrade(in Trade trade)
    {
        Trades.Add(trade);
        SymbolChanged(trade.SymbolId);
    }

    private void SymbolChanged(int symbolId)
    {
        if (symbolId >= _symbolChanged.Length) Array.Resize(ref _symbolChanged, Math.Max(symbolId + 1, _symbolChanged.Length * 2));
        if (_symbolChanged[symbolId]) return;
        _symbolChanged[symbolId] = true;
        ChangedSymbols.Add(symbolId);
    }

    public void Clear()
    {
        foreach (int id in ChangedSymbols) _symbolChanged[id] = false;
        ChangedSymbols.Clear();
        Orders.Clear();
        Trades.Clear();
        // Remove what this batch touched rather than HashSet.Clear(), which zeroes every bucket of the set's largest
        // capacity ever (a big seeding batch would make every later small batch pay for it).
        foreach (var key in Balances) _balanceSet.Remove(key);
        Balances.Clear();
        Levels.Clear();
        NewAccounts.Clear();
    }
}
