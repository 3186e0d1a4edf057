using Microsoft.Data.Sqlite;
using static JexSim.Persistence.Rows.RowSql;

namespace JexSim.Persistence.Rows;

/// <summary>The one mapping between <see cref="DepositRecord"/>/<see cref="WithdrawalRecord"/> and the wallet tables, both ways.</summary>
internal static class WalletRows
{
    private static readonly string[] DepositColumns = ["id", "account_id", "asset", "amount", "address", "tx_id", "status", "time"];
    private static readonly string[] WithdrawalColumns =
        ["seq", "id", "account_id", "asset", "amount", "address", "address_tag", "name", "tx_id", "apply_time", "forced_status", "forced_time"];

    public static readonly string SelectDeposits = RowSql.Select("wallet_deposits", DepositColumns);
    public static readonly string SelectWithdrawals = RowSql.Select("wallet_withdrawals", WithdrawalColumns);

    public const string Wipe = "DELETE FROM wallet_deposits; DELETE FROM wallet_withdrawals;";

    public static RawStatement PrepareInsertDeposit(SqliteConnection connection) =>
        Prepare(connection, Insert("INSERT", "wallet_deposits", DepositColumns), DepositColumns);

    /// <summary>A withdrawal is written when it is made and again when an admin forces its status.</summary>
    public static RawStatement PrepareUpsertWithdrawal(SqliteConnection connection) => Prepare(connection,
        Insert("INSERT", "wallet_withdrawals", WithdrawalColumns, "ON CONFLICT(seq) DO UPDATE SET forced_status = excluded.forced_status, forced_time = excluded.forced_time"),
        WithdrawalColumns);

    public static void Bind(RawStatement p, DepositRecord d)
    {
        Set(p, 0, d.Id); Set(p, 1, d.AccountId); Set(p, 2, d.Asset); Set(p, 3, d.Amount); Set(p, 4, d.Address); Set(p, 5, d.TxId);
        Set(p, 6, d.Status); Set(p, 7, d.Time);
    }

    public static void Bind(RawStatement p, WithdrawalRecord w)
    {
        Set(p, 0, w.Seq); Set(p, 1, w.Id); Set(p, 2, w.AccountId); Set(p, 3, w.Asset); Set(p, 4, w.Amount); Set(p, 5, w.Address);
        Set(p, 6, w.AddressTag); Set(p, 7, w.Name); Set(p, 8, w.TxId); Set(p, 9, w.ApplyTime);
        p.Set(10, (long?)w.ForcedStatus);
        p.Set(11, w.ForcedTime);
    }

    public static DepositRecord ReadDeposit(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetInt64(3), r.GetString(4), r.GetString(5), (int)r.GetInt64(6), r.GetInt64(7));

    public static WithdrawalRecord ReadWithdrawal(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetString(3), r.GetInt64(4), r.GetString(5),
        r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), r.GetString(8), r.GetInt64(9),
        r.IsDBNull(10) ? null : (int)r.GetInt64(10), r.IsDBNull(11) ? null : r.GetInt64(11));
}
