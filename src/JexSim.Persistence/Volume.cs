namespace JexSim.Persistence;

/// <summary>
/// Traded volumes (24 h, klines, candles) add up the same coins many times over, so unlike balances they can outgrow the
/// 64-bit fixed point. They saturate: a sum that would pass long.MaxValue (92233720368.54775807) stays at it.
/// </summary>
public static class Volume
{
    public static long Add(long a, long b)
    {
        long sum = unchecked(a + b);
        // Overflow only when both operands have the same sign and the sum's sign differs.
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? long.MinValue : long.MaxValue) : sum;
    }

    /// <summary>SQL for "column + excluded.column", saturating (SQLite would turn an overflowing sum into a REAL).</summary>
    internal static string SqlAdd(string column) =>
        $"{column} = CASE WHEN {column} > 9223372036854775807 - excluded.{column} THEN 9223372036854775807 ELSE {column} + excluded.{column} END";
}
