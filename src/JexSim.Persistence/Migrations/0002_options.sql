-- Version 2: the option market. Amounts scaled by 10^8, times in Unix ms, symbols by name.
-- option_records: every issue (status 1), redemption (2), writer expiry (3) and holder expiry (4), as GET option/record
-- lists them; writers' positions are recovered by summing them. option_settlements: options that have settled.
CREATE TABLE option_records (
    id INTEGER PRIMARY KEY AUTOINCREMENT, account_id INTEGER NOT NULL, symbol TEXT NOT NULL, status INTEGER NOT NULL,
    amount INTEGER NOT NULL, margin_amount INTEGER NOT NULL, base_amount INTEGER NOT NULL,
    price INTEGER NOT NULL, payout INTEGER NOT NULL, time INTEGER NOT NULL);
CREATE INDEX option_records_by_account ON option_records (account_id, symbol, id);
CREATE TABLE option_settlements (
    symbol TEXT PRIMARY KEY, price INTEGER NOT NULL, payoff INTEGER NOT NULL, time INTEGER NOT NULL) WITHOUT ROWID;
