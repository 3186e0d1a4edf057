-- Version 3: the contract (perpetual) market. Amounts scaled by 10^8, times in ms; contracts by name (a contract's
-- orders, trades and candles live in the shared tables under the store key "contract:NAME").
CREATE TABLE contract_balances (
    account_id INTEGER NOT NULL, asset TEXT NOT NULL, free INTEGER NOT NULL, order_margin INTEGER NOT NULL,
    position_margin INTEGER NOT NULL, PRIMARY KEY (account_id, asset)) WITHOUT ROWID;
CREATE TABLE contract_positions (
    account_id INTEGER NOT NULL, symbol TEXT NOT NULL, quantity INTEGER NOT NULL, cost INTEGER NOT NULL,
    margin INTEGER NOT NULL, leverage INTEGER NOT NULL, realised_pnl INTEGER NOT NULL, fees_paid INTEGER NOT NULL,
    buy_order_quantity INTEGER NOT NULL, buy_order_margin INTEGER NOT NULL, sell_order_quantity INTEGER NOT NULL,
    sell_order_margin INTEGER NOT NULL, update_time INTEGER NOT NULL, PRIMARY KEY (account_id, symbol)) WITHOUT ROWID;
CREATE TABLE contract_pools (asset TEXT PRIMARY KEY, fees INTEGER NOT NULL, protection_fund INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE contract_fund_history (
    id INTEGER PRIMARY KEY, asset TEXT NOT NULL, balance INTEGER NOT NULL, time INTEGER NOT NULL);
CREATE TABLE contract_bills (
    id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, symbol TEXT NOT NULL, type INTEGER NOT NULL,
    amount INTEGER NOT NULL, time INTEGER NOT NULL);
CREATE INDEX contract_bills_by_account ON contract_bills (account_id, id);
CREATE TABLE contract_marks (symbol TEXT PRIMARY KEY, price INTEGER NOT NULL, time INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX trades_by_buyer ON trades (buyer_account_id, symbol, id);
CREATE INDEX trades_by_seller ON trades (seller_account_id, symbol, id);
