namespace JexSim.Engine.Markets.Contract;

/// <summary>
/// The money of the contract market: each account's contract balance (free), the order margin its open orders hold,
/// one net position per contract with isolated margin, the fee account, the protection fund and the clearing pool.
/// Accounts are dense indexes (0..n-1) the engine assigns; assets are the engine's dense asset ids.
///
/// Every operation validates first and mutates only when it succeeds, moves integer amounts from one bucket to another
/// (so money is conserved by construction), and allocates nothing except when a new account grows the arrays.
///
/// Conservation (per margin asset; see <see cref="CheckInvariants"/>):
///   outside (spot) + contract free + order margins + position margins + fees + protection fund + clearing = supply,
///   clearing = -Σ signed position cost, and Σ position quantity = 0 per contract.
/// The clearing pool is the market's side of every open position: a close pays its realised PnL from it, so it holds
/// exactly what open positions have not yet realised, and is 0 whenever the market is flat.
/// </summary>
public sealed partial class ContractLedger
{
    private readonly ContractSpec[] _contracts;
    private readonly int _assetCount;
    private Position[] _positions;
    private long[] _free;
    private long[] _orderMargin;
    private readonly long[] _fees;
    private readonly long[] _fund;
    private readonly long[] _clearing;
    private int _accounts;

    public ContractLedger(IReadOnlyList<ContractSpec> contracts, int assetCount, int accountCapacity = 16)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(assetCount);
        _contracts = [.. contracts];
        for (int i = 0; i < _contracts.Length; i++)
        {
            var c = _contracts[i];
            if (c.Id != i) throw new ArgumentException($"contract {c.Symbol} has id {c.Id}, expected {i} (ids are dense)", nameof(contracts));
            if (c.MarginAsset >= assetCount) throw new ArgumentException($"contract {c.Symbol}: unknown margin asset {c.MarginAsset}", nameof(contracts));
            if (c.Problem() is { } problem) throw new ArgumentException($"contract {c.Symbol}: {problem}", nameof(contracts));
        }
        _assetCount = assetCount;
        accountCapacity = Math.Max(1, accountCapacity);
        _positions = new Position[accountCapacity * Math.Max(1, _contracts.Length)];
        _free = new long[accountCapacity * assetCount];
        _orderMargin = new long[accountCapacity * assetCount];
        _fees = new long[assetCount];
        _fund = new long[assetCount];
        _clearing = new long[assetCount];
    }

    public IReadOnlyList<ContractSpec> Contracts => _contracts;
    public int AccountCount => _accounts;

    /// <summary>Makes accounts 0..<paramref name="account"/> known, each position at its contract's default leverage.</summary>
    public void EnsureAccount(int account)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(account);
        if (account < _accounts) return;
        int needed = account + 1, n = _contracts.Length;
        if (needed * _assetCount > _free.Length)
        {
            int capacity = Math.Max(needed, _free.Length / _assetCount * 2);
            Array.Resize(ref _free, capacity * _assetCount);
            Array.Resize(ref _orderMargin, capacity * _assetCount);
            Array.Resize(ref _positions, capacity * Math.Max(1, n));
        }
        for (int a = _accounts; a < needed; a++)
            for (int c = 0; c < n; c++) _positions[a * n + c].Leverage = _contracts[c].DefaultLeverage;
        _accounts = needed;
    }

    public bool HasAccount(int account) => account >= 0 && account < _accounts;

    /// <summary>Contract balance an account may use for new order margin (the API's contractBalances free).</summary>
    public long Free(int account, int asset) => HasAccount(account) ? _free[account * _assetCount + asset] : 0;

    /// <summary>Margin all the account's open orders hold in this asset (the stream's "o").</summary>
    public long OrderMargin(int account, int asset) => HasAccount(account) ? _orderMargin[account * _assetCount + asset] : 0;

    /// <summary>Margin all the account's positions margined in this asset hold (the stream's "p").</summary>
    public long PositionMargin(int account, int asset)
    {
        if (!HasAccount(account)) return 0;
        long sum = 0;
        for (int c = 0; c < _contracts.Length; c++)
            if (_contracts[c].MarginAsset == asset) sum += _positions[account * _contracts.Length + c].Margin;
        return sum;
    }

    /// <summary>The API's contractBalances locked: order margin plus position margin.</summary>
    public long Locked(int account, int asset) => OrderMargin(account, asset) + PositionMargin(account, asset);

    public long FeeAccount(int asset) => _fees[asset];

    /// <summary>The protection fund: liquidations' surplus margin comes in, losses beyond a position's margin are
    /// drawn from it (the FLAT order's limit keeps that within the fund; rounding or an unranked ADL may leave dust below 0).</summary>
    public long ProtectionFund(int asset) => _fund[asset];

    /// <summary>What open positions have not yet realised: -Σ signed cost. Zero when the market is flat.</summary>
    public long Clearing(int asset) => _clearing[asset];

    /// <summary>The account's position in a contract (flat and at the default leverage when the account is unknown).</summary>
    public Position Position(int account, int contract)
    {
        if (HasAccount(account) && (uint)contract < (uint)_contracts.Length) return _positions[account * _contracts.Length + contract];
        return new Position(0, 0, 0, (uint)contract < (uint)_contracts.Length ? _contracts[contract].DefaultLeverage : 1);
    }

    /// <summary>Σ long quantity of a contract (equal to Σ short quantity).</summary>
    public long OpenInterest(int contract)
    {
        long sum = 0;
        for (int a = 0; a < _accounts; a++)
        {
            long q = _positions[a * _contracts.Length + contract].Quantity;
            if (q > 0) sum += q;
        }
        return sum;
    }

    /// <summary>Adds to an account's contract balance. The caller accounts the other side: the spot balance it debited
    /// for a transfer, or the supply for an admin or fixture adjustment.</summary>
    public ContractReject Credit(int account, int asset, long amount)
    {
        if (amount <= 0 || (uint)asset >= (uint)_assetCount) return ContractReject.InvalidAmount;
        EnsureAccount(account);
        int w = account * _assetCount + asset;
        if (_free[w] > long.MaxValue - amount) return ContractReject.Overflow;
        _free[w] += amount;
        return ContractReject.None;
    }

    /// <summary>Takes from an account's free contract balance; the caller credits the other side.</summary>
    public ContractReject Debit(int account, int asset, long amount)
    {
        if (amount <= 0 || (uint)asset >= (uint)_assetCount) return ContractReject.InvalidAmount;
        if (Free(account, asset) < amount) return ContractReject.InsufficientBalance;
        _free[account * _assetCount + asset] -= amount;
        return ContractReject.None;
    }

    /// <summary>All the money of a margin asset the ledger holds: contract balances, order and position margins, fees,
    /// the protection fund and the clearing pool (what recovery adds to the asset's supply).</summary>
    public long Holdings(int asset)
    {
        long total = checked(_fees[asset] + _fund[asset] + _clearing[asset]);
        for (int a = 0; a < _accounts; a++)
        {
            total = checked(total + _free[a * _assetCount + asset] + _orderMargin[a * _assetCount + asset]);
            total = checked(total + PositionMargin(a, asset));
        }
        return total;
    }

    private ref Position PositionSlot(int account, int contract)
    {
        if (!HasAccount(account) || (uint)contract >= (uint)_contracts.Length)
            throw new ArgumentOutOfRangeException(nameof(account), $"no position of account {account} in contract {contract}");
        return ref _positions[account * _contracts.Length + contract];
    }
}
