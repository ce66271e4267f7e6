-- The reviewer console (issue 14): sign-in state of users, console sessions,
-- the audit log, case claims, private notes and the holder-name search index.

-- A disabled user cannot sign in and their sessions end. The TOTP secret is
-- sealed by the master key (purpose "totp", the user id as AAD).
ALTER TABLE users ADD COLUMN disabled_at INTEGER;
ALTER TABLE users ADD COLUMN totp_secret_enc BLOB;
ALTER TABLE users ADD COLUMN totp_enabled_at INTEGER;
-- The last TOTP time step accepted: a code is never accepted twice.
ALTER TABLE users ADD COLUMN totp_last_step INTEGER;
ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN locked_until INTEGER;
ALTER TABLE workspaces ADD COLUMN require_totp INTEGER NOT NULL DEFAULT 0;

-- Only the SHA-256 of the cookie's secret is stored. `stage` is `password`
-- while a second factor is still owed, `full` once signed in.
CREATE TABLE console_sessions (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL REFERENCES users(id),
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    stage TEXT NOT NULL,
    ip TEXT,
    user_agent TEXT,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER
);
CREATE INDEX console_sessions_user ON console_sessions (user_id, created_at DESC);

-- Who did what, when, from where. `actor` is a console user's email (staff,
-- not end users); `target` a verification, user, token or endpoint id;
-- nothing here holds an end user's data.
CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    detail TEXT,
    ip TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX audit_log_ws_created ON audit_log (workspace_id, created_at DESC, id DESC);

-- One reviewer works a case at a time: a claim lasts a few minutes and is
-- renewed while the case is open.
CREATE TABLE claims (
    verification_id TEXT PRIMARY KEY REFERENCES verifications(id),
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    email TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);

-- Private notes are comments with `private` = 1 (in the schema since 0001).

-- Holder-name search without decrypting every row: each word of the
-- expected first and last name, normalised, as a keyed digest (HMAC under a
-- master-derived key). Searching "jane doe" finds the rows with both terms.
CREATE TABLE holder_terms (
    verification_id TEXT NOT NULL REFERENCES verifications(id),
    workspace_id TEXT NOT NULL,
    term TEXT NOT NULL,
    PRIMARY KEY (verification_id, term)
);
CREATE INDEX holder_terms_ws_term ON holder_terms (workspace_id, term);
-- Which master key the terms were computed under: rows indexed under another
-- key (or never) are re-indexed at start.
ALTER TABLE verifications ADD COLUMN terms_key TEXT;
