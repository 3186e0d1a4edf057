-- Version 1: the schema of every build before migrations existed (it recorded meta.schema_version = '1').
-- Amounts are integers scaled by 10^8; times are Unix milliseconds; symbols and assets by name.
-- Never edit an applied migration: change the schema with a new file NNNN_name.sql.
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY, name TEXT, disabled INTEGER NOT NULL DEFAULT 0, created_time INTEGER NOT NULL);
CREATE TABLE api_keys (
    api_key TEXT PRIMARY KEY, secret_key TEXT NOT NULL, account_id INTEGER NOT NULL, permissions INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE balances (
    account_id INTEGER NOT NULL, asset TEXT NOT NULL, free INTEGER NOT NULL, locked INTEGER NOT NULL,
    PRIMARY KEY (account_id, asset)) WITHOUT ROWID;
CREATE TABLE orders (
    id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, symbol TEXT NOT NULL, side INTEGER NOT NULL,
    type INTEGER NOT NULL, time_in_force INTEGER NOT NULL, price INTEGER NOT NULL, quantity INTEGER NOT NULL,
    filled INTEGER NOT NULL, cumulative_quote INTEGER NOT NULL, status INTEGER NOT NULL,
    time INTEGER NOT NULL, update_time INTEGER NOT NULL, locked INTEGER NOT NULL);
CREATE INDEX orders_by_account ON orders (account_id, symbol, id);
CREATE INDEX orders_open ON orders (account_id, symbol, id) WHERE status IN (0, 1);
CREATE INDEX orders_open_by_id ON orders (id) WHERE status IN (0, 1);
CREATE TABLE trades (
    id INTEGER PRIMARY KEY, symbol TEXT NOT NULL, price INTEGER NOT NULL, quantity INTEGER NOT NULL,
    quote_quantity INTEGER NOT NULL, time INTEGER NOT NULL, buy_order_id INTEGER NOT NULL, sell_order_id INTEGER NOT NULL,
    buyer_account_id INTEGER NOT NULL, seller_account_id INTEGER NOT NULL, buyer_maker INTEGER NOT NULL,
    buyer_fee INTEGER NOT NULL, seller_fee INTEGER NOT NULL);
CREATE INDEX trades_by_symbol ON trades (symbol, id);
CREATE INDEX trades_by_symbol_time ON trades (symbol, time);
CREATE TABLE candles_1m (
    symbol TEXT NOT NULL, open_time INTEGER NOT NULL, open INTEGER NOT NULL, high INTEGER NOT NULL,
    low INTEGER NOT NULL, close INTEGER NOT NULL, volume INTEGER NOT NULL, quote_volume INTEGER NOT NULL,
    trades INTEGER NOT NULL, taker_buy_volume INTEGER NOT NULL, taker_buy_quote_volume INTEGER NOT NULL,
    PRIMARY KEY (symbol, open_time)) WITHOUT ROWID;
CREATE TABLE markets (
    symbol TEXT PRIMARY KEY, update_id INTEGER NOT NULL, last_price INTEGER NOT NULL) WITHOUT ROWID;
