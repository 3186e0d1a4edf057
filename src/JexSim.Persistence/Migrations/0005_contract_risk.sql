-- Version 5: the contract market's risk (part 2). Each contract's index and smoothed basis beside its mark, the last
-- funding rate and when it was applied, and the history of fundings (contract/historyRate). Rates scaled by 10^8.
ALTER TABLE contract_marks ADD COLUMN index_price INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contract_marks ADD COLUMN basis INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contract_marks ADD COLUMN funding_rate INTEGER NOT NULL DEFAULT 0;
ALTER TABLE contract_marks ADD COLUMN last_funding INTEGER NOT NULL DEFAULT 0;
UPDATE contract_marks SET index_price = price;
CREATE TABLE contract_funding (
    id INTEGER PRIMARY KEY, symbol TEXT NOT NULL, rate INTEGER NOT NULL, paid INTEGER NOT NULL, time INTEGER NOT NULL);
CREATE INDEX contract_funding_by_symbol ON contract_funding (symbol, id);
-- Stop and take-profit orders waiting for their trigger (the order's row in orders has status 6, untriggered).
CREATE TABLE contract_triggers (
    id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, symbol TEXT NOT NULL, side INTEGER NOT NULL, type INTEGER NOT NULL,
    price INTEGER NOT NULL, quantity INTEGER NOT NULL, time INTEGER NOT NULL, trigger_type INTEGER NOT NULL,
    trigger_price INTEGER NOT NULL, fires_above INTEGER NOT NULL);
