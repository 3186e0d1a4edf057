using Microsoft.Data.Sqlite;
using static JexSim.Persistence.Rows.RowSql;

namespace JexSim.Persistence.Rows;

/// <summary>The one mapping between <see cref="TradeRecord"/> and the trades table, both ways.</summary>
internal static class TradeRows
{
    private static readonly string[] Columns =
        ["id", "symbol", "price", "quantity", "quote_quantity", "time", "buy_order_id", "sell_order_id", "buyer_account_id", "seller_account_id", "buyer_maker", "buyer_fee", "seller_fee"];

    public static readonly string Select = RowSql.Select("trades", Columns);

    public static RawStatement PrepareInsert(SqliteConnection connection) => Prepare(connection, Insert("INSERT", "trades", Columns), Columns);

    public static void Bind(RawStatement p, TradeRecord t)
    {
        Set(p, 0, t.Id); Set(p, 1, t.Symbol); Set(p, 2, t.Price); Set(p, 3, t.Quantity); Set(p, 4, t.QuoteQuantity); Set(p, 5, t.Time);
        Set(p, 6, t.BuyOrderId); Set(p, 7, t.SellOrderId); Set(p, 8, t.BuyerAccountId); Set(p, 9, t.SellerAccountId); Set(p, 10, t.BuyerMaker);
        Set(p, 11, t.BuyerFee); Set(p, 12, t.SellerFee);
    }

    public static TradeRecord Read(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5),
        r.GetInt64(6), r.GetInt64(7), r.GetInt64(8), r.GetInt64(9), r.GetInt64(10) != 0, r.GetInt64(11), r.GetInt64(12));
}
