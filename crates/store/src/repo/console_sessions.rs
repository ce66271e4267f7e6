//! Console sessions: the cookie carries a random secret, the database only
//! its SHA-256. A session is `password` (a second factor is still owed) or
//! `full`; it ends at its absolute expiry, after an idle period, on sign-out,
//! on revocation, or when its user is disabled or gets a new password.

use crate::crypto::sha256_hex;
use crate::ids::{new_id, new_secret, now_micros};
use crate::rows::{int, opt_int, opt_text, text};
use crate::{ConsoleSession, SessionStage, Store, StoreError, User};

/// What a new session records about where it was opened.
#[derive(Debug, Clone, Default)]
pub struct SessionOrigin {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

/// How long sessions last: absolute, and without a request.
#[derive(Debug, Clone, Copy)]
pub struct SessionLimits {
    pub absolute_micros: i64,
    pub idle_micros: i64,
}

fn session(row: &sqlx::any::AnyRow) -> Result<ConsoleSession, StoreError> {
    let stage = text(row, "stage")?;
    Ok(ConsoleSession {
        id: text(row, "id")?,
        user_id: text(row, "user_id")?,
        workspace_id: text(row, "workspace_id")?,
        stage: SessionStage::from_label(&stage)
            .ok_or_else(|| StoreError::Corrupt(format!("session stage {stage}")))?,
        ip: opt_text(row, "ip")?,
        user_agent: opt_text(row, "user_agent")?,
        created_at: int(row, "created_at")?,
        last_seen_at: int(row, "last_seen_at")?,
        expires_at: int(row, "expires_at")?,
        revoked_at: opt_int(row, "revoked_at")?,
    })
}

const COLUMNS: &str = "s.id, s.user_id, s.workspace_id, s.stage, s.ip, s.user_agent, \
    s.created_at, s.last_seen_at, s.expires_at, s.revoked_at";

impl Store {
    /// Opens a session for `user`; returns it and the cookie's secret.
    pub async fn create_console_session(
        &self,
        user: &User,
        stage: SessionStage,
        origin: &SessionOrigin,
        limits: SessionLimits,
    ) -> Result<(ConsoleSession, String), StoreError> {
        let secret = new_secret("cs_");
        let now = now_micros();
        let s = ConsoleSession {
            id: new_id("ses"),
            user_id: user.id.clone(),
            workspace_id: user.workspace_id.clone(),
            stage,
            ip: origin.ip.clone(),
            user_agent: origin
                .user_agent
                .as_ref()
                .map(|u| u.chars().take(300).collect()),
            created_at: now,
            last_seen_at: now,
            expires_at: now + limits.absolute_micros,
            revoked_at: None,
        };
        sqlx::query(
            "INSERT INTO console_sessions (id, token_hash, user_id, workspace_id, stage, ip, \
             user_agent, created_at, last_seen_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9)",
        )
        .bind(&s.id)
        .bind(sha256_hex(secret.as_bytes()))
        .bind(&s.user_id)
        .bind(&s.workspace_id)
        .bind(s.stage.label())
        .bind(s.ip.clone())
        .bind(s.user_agent.clone())
        .bind(now)
        .bind(s.expires_at)
        .execute(&self.db.pool)
        .await?;
        Ok((s, secret))
    }

    /// The live session a cookie's secret opens, with its (enabled) user;
    /// counts as activity (recorded at most once a minute).
    pub async fn console_session(
        &self,
        secret: &str,
        limits: SessionLimits,
    ) -> Result<Option<(ConsoleSession, User)>, StoreError> {
        let now = now_micros();
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM console_sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 \
             AND s.last_seen_at > $3 AND u.disabled_at IS NULL"
        ))
        .bind(sha256_hex(secret.as_bytes()))
        .bind(now)
        .bind(now - limits.idle_micros)
        .fetch_optional(&self.db.pool)
        .await?;
        let Some(s) = row.as_ref().map(session).transpose()? else {
            return Ok(None);
        };
        let Some(user) = self.get_user(&s.workspace_id, &s.user_id).await? else {
            return Ok(None);
        };
        if now - s.last_seen_at > 60_000_000 {
            sqlx::query("UPDATE console_sessions SET last_seen_at = $1 WHERE id = $2")
                .bind(now)
                .bind(&s.id)
                .execute(&self.db.pool)
                .await?;
        }
        Ok(Some((s, user)))
    }

    /// The user's sessions that are still live, newest first.
    pub async fn list_console_sessions(
        &self,
        user_id: &str,
        limits: SessionLimits,
    ) -> Result<Vec<ConsoleSession>, StoreError> {
        let now = now_micros();
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM console_sessions s WHERE s.user_id = $1 \
             AND s.revoked_at IS NULL AND s.expires_at > $2 AND s.last_seen_at > $3 \
             ORDER BY s.created_at DESC"
        ))
        .bind(user_id)
        .bind(now)
        .bind(now - limits.idle_micros)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter().map(session).collect()
    }

    /// Ends one of the user's sessions; false when it was not theirs or live.
    pub async fn revoke_console_session(
        &self,
        user_id: &str,
        session_id: &str,
    ) -> Result<bool, StoreError> {
        let res = sqlx::query(
            "UPDATE console_sessions SET revoked_at = $1 \
             WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL",
        )
        .bind(now_micros())
        .bind(session_id)
        .bind(user_id)
        .execute(&self.db.pool)
        .await?;
        Ok(res.rows_affected() == 1)
    }

    /// Ends every session of the user except `keep`.
    pub async fn revoke_user_sessions(
        &self,
        user_id: &str,
        keep: Option<&str>,
    ) -> Result<u64, StoreError> {
        let res = sqlx::query(
            "UPDATE console_sessions SET revoked_at = $1 \
             WHERE user_id = $2 AND revoked_at IS NULL AND id <> $3",
        )
        .bind(now_micros())
        .bind(user_id)
        .bind(keep.unwrap_or(""))
        .execute(&self.db.pool)
        .await?;
        Ok(res.rows_affected())
    }
}
