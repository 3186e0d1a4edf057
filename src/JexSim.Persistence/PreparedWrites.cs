using Microsoft.Data.Sqlite;

namespace JexSim.Persistence;

/// <summary>The write path's statements, prepared once and rebound to each group commit's transaction.</summary>
internal sealed class PreparedWrites : IDisposable
{
    private readonly List<SqliteCommand> _all = new();
    private readonly SqliteCommand _account, _disabled, _apiKey, _balance, _order, _trade, _candle, _market, _meta;

    public PreparedWrites(SqliteConnection connection)
    {
        _account = Prepare(connection, "INSERT OR REPLACE INTO accounts(id, name, disabled, created_time) VALUES ($id, $name, $disabled, $created)", "$id", "$name", "$disabled", "$created");
        _disabled = Prepare(connection, "UPDATE accounts SET disabled = $disabled WHERE id = $id", "$id", "$disabled");
        _apiKey = Prepare(connection, "INSERT OR REPLACE INTO api_keys(api_key, secret_key, account_id, permissions) VALUES ($key, $secret, $account, $permissions)", "$key", "$secret", "$account", "$permissions");
        _balance = Prepare(connection, "INSERT INTO balances(account_id, asset, free, locked) VALUES ($account, $asset, $free, $locked) ON CONFLICT(account_id, asset) DO UPDATE SET free = excluded.free, locked = excluded.locked", "$account", "$asset", "$free", "$locked");
        _order = Prepare(connection,
            "INSERT INTO orders(id, account_id, symbol, side, type, time_in_force, price, quantity, filled, cumulative_quote, status, time, update_time, locked) " +
            "VALUES ($id, $account, $symbol, $side, $type, $tif, $price, $qty, $filled, $cum, $status, $time, $update, $locked) " +
            "ON CONFLICT(id) DO UPDATE SET filled = excluded.filled, cumulative_quote = excluded.cumulative_quote, status = excluded.status, update_time = excluded.update_time, locked = excluded.locked",
            "$id", "$account", "$symbol", "$side", "$type", "$tif", "$price", "$qty", "$filled", "$cum", "$status", "$time", "$update", "$locked");
        _trade = Prepare(connection,
            "INSERT INTO trades(id, symbol, price, quantity, quote_quantity, time, buy_order_id, sell_order_id, buyer_account_id, seller_account_id, buyer_maker, buyer_fee, seller_fee) " +
            "VALUES ($id, $symbol, $price, $qty, $quote, $time, $buy, $sell, $buyer, $seller, $maker, $bfee, $sfee)",
            "$id", "$symbol", "$price", "$qty", "$quote", "$time", "$buy", "$sell", "$buyer", "$seller", "$maker", "$bfee", "$sfee");
        _candle = Prepare(connection,
            "INSERT INTO candles_1m(symbol, open_time, open, high, low, close, volume, quote_volume, trades, taker_buy_volume, taker_buy_quote_volume) " +
            "VALUES ($symbol, $open_time, $open, $high, $low, $close, $volume, $quote, $trades, $tbv, $tbq) " +
            "ON CONFLICT(symbol, open_time) DO UPDATE SET high = max(high, excluded.high), low = min(low, excluded.low), close = excluded.close, " +
            string.Join(", ", new[] { "volume", "quote_volume", "trades", "taker_buy_volume", "taker_buy_quote_volume" }.Select(Volume.SqlAdd)),
            "$symbol", "$open_time", "$open", "$high", "$low", "$close", "$volume", "$quote", "$trades", "$tbv", "$tbq");
        _market = Prepare(connection, "INSERT INTO markets(symbol, update_id, last_price) VALUES ($symbol, $update, $last) ON CONFLICT(symbol) DO UPDATE SET update_id = excluded.update_id, last_price = excluded.last_price", "$symbol", "$update", "$last");
        _meta = Prepare(connection, "INSERT INTO meta(key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value", "$key", "$value");
    }

    private SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] names)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var n in names) cmd.Parameters.Add(new SqliteParameter { ParameterName = n });
        _all.Add(cmd);
        return cmd;
    }

    public void Bind(SqliteTransaction tx)
    {
        foreach (var c in _all) c.Transaction = tx;
    }

    // Values are set in place on the prepared parameters: no per-row arrays or parameter lookups by name.
    // (SqliteParameter.Value is an object, so a long still boxes; that is Microsoft.Data.Sqlite's API.)
    private static void Set(SqliteCommand cmd, int i, long value) => cmd.Parameters[i].Value = value;
    private static void Set(SqliteCommand cmd, int i, string? value) => cmd.Parameters[i].Value = (object?)value ?? DBNull.Value;

    public void InsertAccount(AccountRecord a)
    {
        Set(_account, 0, a.Id); Set(_account, 1, a.Name); Set(_account, 2, a.Disabled ? 1 : 0); Set(_account, 3, a.CreatedTime);
        _account.ExecuteNonQuery();
    }

    public void SetDisabled(long id, bool disabled)
    {
        Set(_disabled, 0, id); Set(_disabled, 1, disabled ? 1 : 0);
        _disabled.ExecuteNonQuery();
    }

    public void InsertApiKey(ApiKeyRecord k)
    {
        Set(_apiKey, 0, k.ApiKey); Set(_apiKey, 1, k.SecretKey); Set(_apiKey, 2, k.AccountId); Set(_apiKey, 3, k.Permissions);
        _apiKey.ExecuteNonQuery();
    }

    public void UpsertBalance(BalanceRecord b)
    {
        Set(_balance, 0, b.AccountId); Set(_balance, 1, b.Asset); Set(_balance, 2, b.Free); Set(_balance, 3, b.Locked);
        _balance.ExecuteNonQuery();
    }

    public void UpsertOrder(OrderRecord o)
    {
        var c = _order;
        Set(c, 0, o.Id); Set(c, 1, o.AccountId); Set(c, 2, o.Symbol); Set(c, 3, (int)o.Side); Set(c, 4, (int)o.Type); Set(c, 5, (int)o.TimeInForce);
        Set(c, 6, o.Price); Set(c, 7, o.Quantity); Set(c, 8, o.Filled); Set(c, 9, o.CumulativeQuote); Set(c, 10, (int)o.Status);
        Set(c, 11, o.Time); Set(c, 12, o.UpdateTime); Set(c, 13, o.Locked);
        c.ExecuteNonQuery();
    }

    public void InsertTrade(TradeRecord t)
    {
        var c = _trade;
        Set(c, 0, t.Id); Set(c, 1, t.Symbol); Set(c, 2, t.Price); Set(c, 3, t.Quantity); Set(c, 4, t.QuoteQuantity); Set(c, 5, t.Time);
        Set(c, 6, t.BuyOrderId); Set(c, 7, t.SellOrderId); Set(c, 8, t.BuyerAccountId); Set(c, 9, t.SellerAccountId); Set(c, 10, t.BuyerMaker ? 1 : 0);
        Set(c, 11, t.BuyerFee); Set(c, 12, t.SellerFee);
        c.ExecuteNonQuery();
    }

    public void MergeCandle(CandleRecord k)
    {
        var c = _candle;
        Set(c, 0, k.Symbol); Set(c, 1, k.OpenTime); Set(c, 2, k.Open); Set(c, 3, k.High); Set(c, 4, k.Low); Set(c, 5, k.Close);
        Set(c, 6, k.Volume); Set(c, 7, k.QuoteVolume); Set(c, 8, k.Trades); Set(c, 9, k.TakerBuyVolume); Set(c, 10, k.TakerBuyQuoteVolume);
        c.ExecuteNonQuery();
    }

    public void UpsertMarket(MarketRecord m)
    {
        Set(_market, 0, m.Symbol); Set(_market, 1, m.UpdateId); Set(_market, 2, m.LastPrice);
        _market.ExecuteNonQuery();
    }

    public void UpsertMeta(string key, string value)
    {
        Set(_meta, 0, key); Set(_meta, 1, value);
        _meta.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var c in _all) c.Dispose();
    }
}
