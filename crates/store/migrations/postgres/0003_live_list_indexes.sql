-- Lists and their counts look only at live (not deleted) verifications. Partial
-- indexes on them let COUNT(*) and the newest-first page read the index alone,
-- instead of every row (rows carry kilobytes of ciphertext).
CREATE INDEX verifications_live_ws_created
    ON verifications (workspace_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX verifications_live_ws_flow_created
    ON verifications (workspace_id, flow, created_at DESC, id DESC) WHERE deleted_at IS NULL;
