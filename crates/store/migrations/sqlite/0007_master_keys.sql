-- The master keys this database's sealed values depend on, by id and
-- fingerprint (a digest; never the key). `serve` refuses to start unless
-- every `active` key is configured, so a missing or wrong key file fails
-- loudly at start instead of as 500s on every read. `colleckt key rotate`
-- retires a key once nothing sealed by it is left.
CREATE TABLE master_keys (
    key_id TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    state TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    retired_at INTEGER
);
