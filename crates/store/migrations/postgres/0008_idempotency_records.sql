-- Idempotency records no longer outlive what they describe (issue 13).
-- A record of a created verification is sealed with that verification's data
-- key (`verification_id` names it), so deleting the verification shreds the
-- record with it. Any other record (a webhook endpoint's creation, a refused
-- request) is sealed with a random key of its own, wrapped by the master key
-- in `wrapped_key` (re-wrapped like every data key on key rotation). Every
-- record is purged 24 hours after `created_at` by the sweep in `serve`.
-- Records written before this migration were sealed with a master-derived key
-- and never expired; they are dropped (a retry across the upgrade runs again).
DELETE FROM idempotency_keys;
ALTER TABLE idempotency_keys ADD COLUMN verification_id TEXT;
ALTER TABLE idempotency_keys ADD COLUMN wrapped_key BYTEA;
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
