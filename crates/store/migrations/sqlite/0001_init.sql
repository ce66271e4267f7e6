-- Colleckt schema (SQLite). Timestamps are microseconds since the Unix epoch.
-- Columns ending in _enc hold AES-GCM ciphertexts; PII never sits here in clear.

CREATE TABLE workspaces (
    id TEXT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    email TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (workspace_id, email)
);

CREATE TABLE verifications (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    flow TEXT NOT NULL,
    status INTEGER NOT NULL,
    vendor_reference TEXT,
    vendor_state TEXT,
    -- The verification's data key, wrapped by the master key. Erased on delete,
    -- which makes every ciphertext below (and the images) unreadable at once.
    data_key_enc BLOB,
    expected_data_enc BLOB,
    session_token_enc BLOB,
    session_token_hash TEXT NOT NULL UNIQUE,
    redirect_url TEXT,
    submitted_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    deleted_at INTEGER,
    version INTEGER NOT NULL
);
CREATE INDEX verifications_ws_created ON verifications (workspace_id, created_at DESC, id DESC);
CREATE INDEX verifications_ws_flow_created ON verifications (workspace_id, flow, created_at DESC, id DESC);
CREATE INDEX verifications_status_expires ON verifications (status, expires_at);

CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    verification_id TEXT NOT NULL REFERENCES verifications(id),
    slot TEXT NOT NULL,
    type_id INTEGER NOT NULL,
    country TEXT NOT NULL,
    status TEXT NOT NULL,
    front_key TEXT NOT NULL,
    front_mime TEXT NOT NULL,
    front_digest TEXT NOT NULL,
    back_key TEXT,
    back_mime TEXT,
    back_digest TEXT,
    extracted_data_enc BLOB,
    rules_enc BLOB,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (verification_id, slot)
);

CREATE TABLE decisions (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    decision TEXT NOT NULL,
    source TEXT NOT NULL,
    actor TEXT NOT NULL,
    comment_enc BLOB,
    created_at INTEGER NOT NULL
);
CREATE INDEX decisions_document ON decisions (document_id, created_at);

CREATE TABLE history (
    id TEXT PRIMARY KEY,
    verification_id TEXT NOT NULL REFERENCES verifications(id),
    from_status INTEGER,
    to_status INTEGER NOT NULL,
    actor TEXT NOT NULL,
    comment_enc BLOB,
    created_at INTEGER NOT NULL,
    seq INTEGER NOT NULL
);
CREATE INDEX history_verification ON history (verification_id, seq);

CREATE TABLE comments (
    id TEXT PRIMARY KEY,
    verification_id TEXT NOT NULL REFERENCES verifications(id),
    content_enc BLOB NOT NULL,
    status INTEGER,
    actor TEXT NOT NULL,
    private INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    seq INTEGER NOT NULL
);
CREATE INDEX comments_verification ON comments (verification_id, seq);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    verification_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX events_workspace ON events (workspace_id, created_at);

CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    run_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL,
    max_attempts INTEGER NOT NULL,
    locked_until INTEGER,
    locked_by TEXT,
    last_error TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX jobs_ready ON jobs (run_at);

CREATE TABLE idempotency_keys (
    workspace_id TEXT NOT NULL,
    idem_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status_code INTEGER,
    response_enc BLOB,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, idem_key)
);
