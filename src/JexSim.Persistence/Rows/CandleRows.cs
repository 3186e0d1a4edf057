using Microsoft.Data.Sqlite;
using static JexSim.Persistence.Rows.RowSql;

namespace JexSim.Persistence.Rows;

/// <summary>The one mapping between <see cref="CandleRecord"/> and the candles_1m table, both ways.</summary>
internal static class CandleRows
{
    private static readonly string[] Columns =
        ["symbol", "open_time", "open", "high", "low", "close", "volume", "quote_volume", "trades", "taker_buy_volume", "taker_buy_quote_volume"];

    public static readonly string Select = RowSql.Select("candles_1m", Columns);

    /// <summary>A batch's candle is folded into the stored one of the same minute (trades of one minute span batches); volumes saturate.</summary>
    private static readonly string Merge = Insert("INSERT", "candles_1m", Columns,
        "ON CONFLICT(symbol, open_time) DO UPDATE SET high = max(high, excluded.high), low = min(low, excluded.low), close = excluded.close, " +
        string.Join(", ", new[] { "volume", "quote_volume", "trades", "taker_buy_volume", "taker_buy_quote_volume" }.Select(Volume.SqlAdd)));

    public static RawStatement PrepareMerge(SqliteConnection connection) => Prepare(connection, Merge, Columns);

    public static void Bind(RawStatement p, CandleRecord k)
    {
        Set(p, 0, k.Symbol); Set(p, 1, k.OpenTime); Set(p, 2, k.Open); Set(p, 3, k.High); Set(p, 4, k.Low); Set(p, 5, k.Close);
        Set(p, 6, k.Volume); Set(p, 7, k.QuoteVolume); Set(p, 8, k.Trades); Set(p, 9, k.TakerBuyVolume); Set(p, 10, k.TakerBuyQuoteVolume);
    }

    /// <summary>
    /// Read column by column with GetInt64, which also turns a REAL an older version may have stored for an overflowing
    /// volume into the nearest integer (saturated), where a typed mapping would fail the whole query.
    /// </summary>
    public static CandleRecord Read(SqliteDataReader r) => new(
        r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5),
        r.GetInt64(6), r.GetInt64(7), r.GetInt64(8), r.GetInt64(9), r.GetInt64(10));
}
