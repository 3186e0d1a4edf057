using JexSim.Engine.Commands;
using JexSim.Engine.Output;

namespace JexSim.Engine.Accounts;

/// <summary>
/// Every account's balances, and each asset's supply (all that was ever deposited, less withdrawals). Every change is
/// written to the batch output with the balance's values after it.
/// <para>
/// Overflow cannot happen inside a command: an asset's supply is capped at <see cref="MaxSupply"/> where money enters
/// (deposits, recovery), and a trade only moves existing money, so no balance, lock, fee or fill amount can exceed
/// the supply. That is why settlement needs no checks and cannot fail half-way.
/// </para>
/// </summary>
public sealed class Ledger
{
    /// <summary>The most of one asset the whole venue may hold: the fixed-point range (92,233,720,368.54775807).</summary>
    public const long MaxSupply = long.MaxValue;

    private readonly Dictionary<long, Account> _byId = new();
    private readonly List<Account> _byIndex = new();
    private readonly long[] _supply;
    private readonly int _symbolCount;
    private readonly BatchOutput _output;

    internal Ledger(int assetCount, int symbolCount, BatchOutput output)
    {
        _supply = new long[assetCount];
        _symbolCount = symbolCount;
        _output = output;
    }

    public int AssetCount => _supply.Length;
    public IReadOnlyList<Account> Accounts => _byIndex;
    public long Supply(int asset) => _supply[asset];

    public Account? Find(long id) => _byId.GetValueOrDefault(id);
    internal Account AccountAt(int index) => _byIndex[index];

    internal Account Add(long id)
    {
        var account = new Account(id, _byIndex.Count, _supply.Length, _symbolCount);
        _byId.Add(id, account);
        _byIndex.Add(account);
        return account;
    }

    /// <summary>Whether <paramref name="amount"/> can be deposited (negative: withdrawn) without breaking a range.</summary>
    internal RejectReason CheckAdjust(Account account, int asset, long amount)
    {
        // Free + amount rather than free < -amount: negating long.MinValue overflows back to itself.
        if (amount < 0 && account.Free(asset) + amount < 0) return RejectReason.InsufficientBalance;
        if (amount > 0 && _supply[asset] > MaxSupply - amount) return RejectReason.BalanceOverflow;
        return RejectReason.None;
    }

    /// <summary>A deposit or withdrawal, already checked by <see cref="CheckAdjust"/>: changes the supply.</summary>
    internal void Adjust(Account account, int asset, long amount)
    {
        account.FreeRef(asset) += amount;
        _supply[asset] += amount;
        Touch(account, asset);
    }

    /// <summary>
    /// Money that enters the venue outside the spot balances (a contract balance or the protection fund a fixture
    /// funds, or what recovery finds in the contract ledger): the asset's supply grows, no spot balance does.
    /// </summary>
    internal RejectReason Mint(int asset, long amount)
    {
        if (amount < 0) return RejectReason.InvalidAmount;
        if (_supply[asset] > MaxSupply - amount) return RejectReason.BalanceOverflow;
        _supply[asset] += amount;
        return RejectReason.None;
    }

    /// <summary>Recovery: sets a balance as persisted. False when the asset's supply would leave the range.</summary>
    internal bool Restore(Account account, int asset, long free, long locked)
    {
        long old = account.Free(asset) + account.Locked(asset);
        long was = _supply[asset] - old;
        if (free < 0 || locked < 0 || free > MaxSupply - locked || was > MaxSupply - (free + locked)) return false;
        account.FreeRef(asset) = free;
        account.LockedRef(asset) = locked;
        _supply[asset] = was + free + locked;
        return true;
    }

    internal void Credit(Account account, int asset, long amount)
    {
        account.FreeRef(asset) += amount;
        Touch(account, asset);
    }

    internal void Lock(Account account, int asset, long amount)
    {
        account.FreeRef(asset) -= amount;
        account.LockedRef(asset) += amount;
        Touch(account, asset);
    }

    internal void Unlock(Account account, int asset, long amount)
    {
        account.LockedRef(asset) -= amount;
        account.FreeRef(asset) += amount;
        Touch(account, asset);
    }

    internal void SpendLocked(Account account, int asset, long amount)
    {
        account.LockedRef(asset) -= amount;
        Touch(account, asset);
    }

    /// <summary>Records the balance's values after a change: one row per balance per batch, updated in place.</summary>
    private void Touch(Account account, int asset)
    {
        var row = new BalanceState(account.Id, asset, account.Free(asset), account.Locked(asset));
        if (account.OutputStamp[asset] == _output.Stamp) _output.SetBalance(account.OutputRow[asset], row);
        else
        {
            account.OutputStamp[asset] = _output.Stamp;
            account.OutputRow[asset] = _output.AddBalance(row);
        }
    }
}
