-- Purging a verification deletes its webhook deliveries; without this index
-- every purge would scan every delivery of every workspace.
CREATE INDEX deliveries_verification ON deliveries (verification_id);
