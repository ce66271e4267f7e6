-- Webhooks (CONTRACT §5): endpoints, the fan-out of outbox events into one
-- delivery per matching endpoint, and every delivery attempt. Timestamps are
-- microseconds since the Unix epoch; _enc columns hold AES-GCM ciphertexts.

CREATE TABLE webhook_endpoints (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    url TEXT NOT NULL,
    description TEXT,
    -- NULL: every event; else a JSON array of the event types it wants.
    event_filter TEXT,
    -- The signing secret, sealed by the master key (purpose webhook-secret).
    secret_enc BYTEA NOT NULL,
    -- First failed attempt since the last success; NULL while healthy.
    failing_since BIGINT,
    disabled_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX webhook_endpoints_ws ON webhook_endpoints (workspace_id, created_at);

-- Fan-out state of the outbox: NULL until the event has its deliveries.
ALTER TABLE events ADD COLUMN fanned_out_at BIGINT;
ALTER TABLE events ADD COLUMN fanout_locked_until BIGINT;
-- Events from before webhooks existed had no endpoint to go to.
UPDATE events SET fanned_out_at = created_at;
CREATE INDEX events_fanout ON events (created_at) WHERE fanned_out_at IS NULL;

CREATE TABLE deliveries (
    id TEXT PRIMARY KEY,
    endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
    workspace_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    verification_id TEXT NOT NULL,
    -- The exact body sent on every attempt, sealed with the verification's
    -- data key: deleting the verification makes it unreadable too.
    payload_enc BYTEA NOT NULL,
    -- pending | succeeded | failed
    status TEXT NOT NULL,
    attempts BIGINT NOT NULL,
    next_attempt_at BIGINT,
    locked_until BIGINT,
    locked_by TEXT,
    last_status_code BIGINT,
    event_created_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (event_id, endpoint_id)
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_endpoint ON deliveries (endpoint_id, created_at);

CREATE TABLE delivery_attempts (
    id TEXT PRIMARY KEY,
    delivery_id TEXT NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
    attempt BIGINT NOT NULL,
    status_code BIGINT,
    duration_ms BIGINT NOT NULL,
    -- The start of the receiver's answer, sealed by the master key.
    response_enc BYTEA,
    error TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX delivery_attempts_delivery ON delivery_attempts (delivery_id, attempt);
