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
            "volume = volume + excluded.volume, quote_volume = quote_volume + excluded.quote_volume, trades = trades + excluded.trades, " +
            "taker_buy_volume = taker_buy_volume + excluded.taker_buy_volume, taker_buy_quote_volume = taker_buy_quote_volume + excluded.taker_buy_quote_volume",
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

    private static void Run(SqliteCommand cmd, params object?[] values)
    {
        for (int i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        cmd.ExecuteNonQuery();
    }

    public void InsertAccount(AccountRecord a) => Run(_account, a.Id, a.Name, a.Disabled ? 1 : 0, a.CreatedTime);
    public void SetDisabled(long id, bool disabled) => Run(_disabled, id, disabled ? 1 : 0);
    public void InsertApiKey(ApiKeyRecord k) => Run(_apiKey, k.ApiKey, k.SecretKey, k.AccountId, k.Permissions);
    public void UpsertBalance(BalanceRecord b) => Run(_balance, b.AccountId, b.Asset, b.Free, b.Locked);

    public void UpsertOrder(OrderRecord o) => Run(_order, o.Id, o.AccountId, o.Symbol, (int)o.Side, (int)o.Type, (int)o.TimeInForce,
        o.Price, o.Quantity, o.Filled, o.CumulativeQuote, (int)o.Status, o.Time, o.UpdateTime, o.Locked);

    public void InsertTrade(TradeRecord t) => Run(_trade, t.Id, t.Symbol, t.Price, t.Quantity, t.QuoteQuantity, t.Time,
        t.BuyOrderId, t.SellOrderId, t.BuyerAccountId, t.SellerAccountId, t.BuyerMaker ? 1 : 0, t.BuyerFee, t.SellerFee);

    public void MergeCandle(CandleRecord c) => Run(_candle, c.Symbol, c.OpenTime, c.Open, c.High, c.Low, c.Close,
        c.Volume, c.QuoteVolume, c.Trades, c.TakerBuyVolume, c.TakerBuyQuoteVolume);

    public void UpsertMarket(MarketRecord m) => Run(_market, m.Symbol, m.UpdateId, m.LastPrice);
    public void UpsertMeta(string key, string value) => Run(_meta, key, value);

    public void Dispose()
    {
        foreach (var c in _all) c.Dispose();
    }
}
