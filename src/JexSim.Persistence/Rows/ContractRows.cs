using JexSim.Engine.Markets.Contract;
using Microsoft.Data.Sqlite;
using static JexSim.Persistence.Rows.RowSql;

namespace JexSim.Persistence.Rows;

/// <summary>The one mapping between the contract records and the contract_* tables, both ways.</summary>
internal static class ContractRows
{
    private static readonly string[] BalanceColumns = ["account_id", "asset", "free", "order_margin", "position_margin"];
    private static readonly string[] PositionColumns =
        ["account_id", "symbol", "quantity", "cost", "margin", "leverage", "realised_pnl", "fees_paid",
         "buy_order_quantity", "buy_order_margin", "sell_order_quantity", "sell_order_margin", "update_time"];
    private static readonly string[] PoolColumns = ["asset", "fees", "protection_fund"];
    private static readonly string[] FundColumns = ["id", "asset", "balance", "time"];
    private static readonly string[] BillColumns = ["id", "account_id", "symbol", "type", "amount", "time"];
    private static readonly string[] MarkColumns = ["symbol", "price", "time", "index_price", "basis", "funding_rate", "last_funding"];
    private static readonly string[] FundingColumns = ["id", "symbol", "rate", "paid", "time"];
    private static readonly string[] TriggerColumns =
        ["id", "account_id", "symbol", "side", "type", "price", "quantity", "time", "trigger_type", "trigger_price", "fires_above"];

    public static readonly string SelectBalances = Select("contract_balances", BalanceColumns);
    public static readonly string SelectPositions = Select("contract_positions", PositionColumns);
    public static readonly string SelectPools = Select("contract_pools", PoolColumns);
    public static readonly string SelectFund = Select("contract_fund_history", FundColumns);
    public static readonly string SelectBills = Select("contract_bills", BillColumns);
    public static readonly string SelectMarks = Select("contract_marks", MarkColumns);
    public static readonly string SelectFunding = Select("contract_funding", FundingColumns);
    public static readonly string SelectTriggers = Select("contract_triggers", TriggerColumns);

    /// <summary>The first contract order id (2^62 + 1): contract orders share the orders table with ids of their own.</summary>
    public const long FirstOrderId = (1L << 62) + 1;

    public const string Wipe = "DELETE FROM contract_balances; DELETE FROM contract_positions; DELETE FROM contract_pools; " +
        "DELETE FROM contract_fund_history; DELETE FROM contract_bills; DELETE FROM contract_marks; DELETE FROM contract_funding; DELETE FROM contract_triggers;";

    public static RawStatement PrepareBalance(SqliteConnection c) => Prepare(c, Insert("INSERT OR REPLACE", "contract_balances", BalanceColumns), BalanceColumns);
    public static RawStatement PreparePosition(SqliteConnection c) => Prepare(c, Insert("INSERT OR REPLACE", "contract_positions", PositionColumns), PositionColumns);
    public static RawStatement PreparePool(SqliteConnection c) => Prepare(c, Insert("INSERT OR REPLACE", "contract_pools", PoolColumns), PoolColumns);
    public static RawStatement PrepareMark(SqliteConnection c) => Prepare(c, Insert("INSERT OR REPLACE", "contract_marks", MarkColumns), MarkColumns);

    // Bills and fund entries are numbered by SQLite (id NULL = the next rowid), in commit order.
    public static RawStatement PrepareBill(SqliteConnection c) => Prepare(c, Insert("INSERT", "contract_bills", BillColumns[1..]), BillColumns[1..]);
    public static RawStatement PrepareFund(SqliteConnection c) => Prepare(c, Insert("INSERT", "contract_fund_history", FundColumns[1..]), FundColumns[1..]);
    public static RawStatement PrepareTrigger(SqliteConnection c) => Prepare(c, Insert("INSERT OR REPLACE", "contract_triggers", TriggerColumns), TriggerColumns);
    public static RawStatement PrepareTriggerDelete(SqliteConnection c) => Prepare(c, "DELETE FROM contract_triggers WHERE id = $id", ["id"]);
    public static RawStatement PrepareFunding(SqliteConnection c) => Prepare(c, Insert("INSERT", "contract_funding", FundingColumns[1..]), FundingColumns[1..]);

    public static void Bind(RawStatement p, ContractBalanceRecord b)
    {
        Set(p, 0, b.AccountId); Set(p, 1, b.Asset); Set(p, 2, b.Free); Set(p, 3, b.OrderMargin); Set(p, 4, b.PositionMargin);
    }

    public static ContractBalanceRecord ReadBalance(SqliteDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4));

    public static void Bind(RawStatement p, ContractPositionRecord x)
    {
        Set(p, 0, x.AccountId); Set(p, 1, x.Symbol); Set(p, 2, x.Quantity); Set(p, 3, x.Cost); Set(p, 4, x.Margin); Set(p, 5, x.Leverage);
        Set(p, 6, x.RealisedPnl); Set(p, 7, x.FeesPaid); Set(p, 8, x.BuyOrderQuantity); Set(p, 9, x.BuyOrderMargin);
        Set(p, 10, x.SellOrderQuantity); Set(p, 11, x.SellOrderMargin); Set(p, 12, x.UpdateTime);
    }

    public static ContractPositionRecord ReadPosition(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), (int)r.GetInt64(5), r.GetInt64(6), r.GetInt64(7),
        r.GetInt64(8), r.GetInt64(9), r.GetInt64(10), r.GetInt64(11), r.GetInt64(12));

    public static void Bind(RawStatement p, ContractPoolRecord x)
    {
        Set(p, 0, x.Asset); Set(p, 1, x.Fees); Set(p, 2, x.ProtectionFund);
    }

    public static ContractPoolRecord ReadPool(SqliteDataReader r) => new(r.GetString(0), r.GetInt64(1), r.GetInt64(2));

    public static void Bind(RawStatement p, ContractFundRecord x)
    {
        Set(p, 0, x.Asset); Set(p, 1, x.Balance); Set(p, 2, x.Time);
    }

    public static ContractFundRecord ReadFund(SqliteDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3));

    public static void Bind(RawStatement p, ContractBillRecord x)
    {
        Set(p, 0, x.AccountId); Set(p, 1, x.Symbol); Set(p, 2, (long)x.Type); Set(p, 3, x.Amount); Set(p, 4, x.Time);
    }

    public static ContractBillRecord ReadBill(SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetInt64(1), r.GetString(2), (ContractBillType)r.GetInt64(3), r.GetInt64(4), r.GetInt64(5));

    public static void Bind(RawStatement p, ContractMarkRecord x)
    {
        Set(p, 0, x.Symbol); Set(p, 1, x.Price); Set(p, 2, x.Time); Set(p, 3, x.Index); Set(p, 4, x.Basis); Set(p, 5, x.FundingRate); Set(p, 6, x.LastFunding);
    }

    public static ContractMarkRecord ReadMark(SqliteDataReader r) =>
        new(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6));

    public static void Bind(RawStatement p, ContractFundingRecord x)
    {
        Set(p, 0, x.Symbol); Set(p, 1, x.Rate); Set(p, 2, x.Paid); Set(p, 3, x.Time);
    }

    public static void Bind(RawStatement p, ContractTriggerRecord x)
    {
        Set(p, 0, x.Id); Set(p, 1, x.AccountId); Set(p, 2, x.Symbol); Set(p, 3, (long)x.Side); Set(p, 4, (long)x.Type); Set(p, 5, x.Price);
        Set(p, 6, x.Quantity); Set(p, 7, x.Time); Set(p, 8, (long)x.TriggerType); Set(p, 9, x.TriggerPrice); Set(p, 10, x.FiresAbove);
    }

    public static void BindTriggerDelete(RawStatement p, ContractTriggerRecord x) => Set(p, 0, x.Id);

    public static ContractTriggerRecord ReadTrigger(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetString(2), (Engine.Side)r.GetInt64(3), (Engine.OrderType)r.GetInt64(4), r.GetInt64(5), r.GetInt64(6),
        r.GetInt64(7), (TriggerPriceType)r.GetInt64(8), r.GetInt64(9), r.GetInt64(10) != 0);

    public static ContractFundingRecord ReadFunding(SqliteDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4));
}
