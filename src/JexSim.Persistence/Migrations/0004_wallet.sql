-- Version 4: the wallet (wapi). Amounts scaled by 10^8, times in Unix ms, assets by name.
-- wallet_deposits: every deposit credited (admin deposits and admin balance credits), as GET wapi/v1/depositHistory lists them.
-- wallet_withdrawals: every withdrawal debited (wapi withdraw and admin balance debits). Its status follows from
-- apply_time on the venue clock unless an admin forced one (forced_status, at forced_time).
-- The supply each wallet asset opened with (fixture seed, accounts created later) is kept in meta as wallet.opening.<asset>.
CREATE TABLE wallet_deposits (
    id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, asset TEXT NOT NULL, amount INTEGER NOT NULL,
    address TEXT NOT NULL, tx_id TEXT NOT NULL, status INTEGER NOT NULL, time INTEGER NOT NULL);
CREATE INDEX wallet_deposits_by_account ON wallet_deposits (account_id, time);
CREATE TABLE wallet_withdrawals (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, account_id INTEGER NOT NULL, asset TEXT NOT NULL, amount INTEGER NOT NULL,
    address TEXT NOT NULL, address_tag TEXT, name TEXT, tx_id TEXT NOT NULL, apply_time INTEGER NOT NULL,
    forced_status INTEGER, forced_time INTEGER);
CREATE INDEX wallet_withdrawals_by_account ON wallet_withdrawals (account_id, apply_time);
