namespace JexSim.Engine.Markets.Contract;

/// <summary>
/// Each contract's prices and funding state, by contract id: the index (set by the fixture's feed or the admin API),
/// the smoothed basis, the mark (index + basis for markMethod 2, the index for markMethod 1), the last funding rate
/// applied and when. Arrays are shared with the market's rules (the mark prices a MARKET order's hold).
/// </summary>
public sealed class ContractPrices(int contracts)
{
    public long[] Index { get; } = new long[contracts];
    public long[] Basis { get; } = new long[contracts];
    public long[] Mark { get; } = new long[contracts];
    /// <summary>The last funding rate applied (scaled 10^8), 0 before the first.</summary>
    public long[] FundingRate { get; } = new long[contracts];
    /// <summary>Venue time of the last funding applied (0: none yet).</summary>
    public long[] LastFunding { get; } = new long[contracts];

    /// <summary>Sets the index and moves the basis one step towards (<paramref name="mid"/> - index); mid 0 = no book mid.</summary>
    public void Update(ContractSpec spec, long index, long mid)
    {
        int c = spec.Id;
        // The first index a contract gets starts it without a basis.
        Basis[c] = spec.MarkMethod == 1 || Index[c] == 0 ? 0 : ContractMath.NextBasis(Basis[c], index, mid);
        Index[c] = index;
        Mark[c] = Math.Max(1, index + Basis[c]);
    }

    public void Restore(int contract, long index, long basis, long mark, long fundingRate, long lastFunding)
    {
        Index[contract] = index;
        Basis[contract] = basis;
        Mark[contract] = mark;
        FundingRate[contract] = fundingRate;
        LastFunding[contract] = lastFunding;
    }
}
