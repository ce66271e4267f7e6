//! `Idempotency-Key` records: the first response to a key is kept (sealed, it
//! holds PII) for 24 hours and replayed for the same request; another request
//! under the same key is a conflict.

use crate::ids::now_micros;
use crate::rows::{opt_blob, opt_int, text};
use crate::{IdempotencyRecord, Store, StoreError};

const TTL_MICROS: i64 = 24 * 3600 * 1_000_000;

impl Store {
    /// Reserves `key` for `request_hash`, or says what happened to it before.
    pub async fn idempotency_begin(
        &self,
        workspace_id: &str,
        key: &str,
        request_hash: &str,
    ) -> Result<IdempotencyRecord, StoreError> {
        let now = now_micros();
        let mut w = self.db.begin_write().await?;
        sqlx::query("DELETE FROM idempotency_keys WHERE workspace_id = $1 AND idem_key = $2 AND created_at < $3")
            .bind(workspace_id)
            .bind(key)
            .bind(now - TTL_MICROS)
            .execute(&mut *w.tx)
            .await?;
        let inserted = sqlx::query(
            "INSERT INTO idempotency_keys (workspace_id, idem_key, request_hash, created_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        )
        .bind(workspace_id)
        .bind(key)
        .bind(request_hash)
        .bind(now)
        .execute(&mut *w.tx)
        .await?;
        if inserted.rows_affected() == 1 {
            w.commit().await?;
            return Ok(IdempotencyRecord::New);
        }
        let row = sqlx::query(
            "SELECT request_hash, status_code, response_enc FROM idempotency_keys \
             WHERE workspace_id = $1 AND idem_key = $2",
        )
        .bind(workspace_id)
        .bind(key)
        .fetch_one(&mut *w.tx)
        .await?;
        w.commit().await?;
        if text(&row, "request_hash")? != request_hash {
            return Ok(IdempotencyRecord::Mismatch);
        }
        match (
            opt_int(&row, "status_code")?,
            opt_blob(&row, "response_enc")?,
        ) {
            (Some(status), Some(sealed)) => {
                let body = self
                    .keys
                    .open(PURPOSE, &sealed, aad(workspace_id, key).as_bytes())?;
                Ok(IdempotencyRecord::Replay {
                    status: u16::try_from(status).unwrap_or(500),
                    body,
                })
            }
            _ => Ok(IdempotencyRecord::InProgress),
        }
    }

    pub async fn idempotency_finish(
        &self,
        workspace_id: &str,
        key: &str,
        status: u16,
        body: &[u8],
    ) -> Result<(), StoreError> {
        let sealed = self
            .keys
            .seal(PURPOSE, body, aad(workspace_id, key).as_bytes())?;
        let mut w = self.db.begin_write().await?;
        sqlx::query(
            "UPDATE idempotency_keys SET status_code = $1, response_enc = $2 \
             WHERE workspace_id = $3 AND idem_key = $4",
        )
        .bind(i64::from(status))
        .bind(sealed)
        .bind(workspace_id)
        .bind(key)
        .execute(&mut *w.tx)
        .await?;
        w.commit().await?;
        Ok(())
    }

    /// Frees a key whose request failed on our side, so a retry can run.
    pub async fn idempotency_abandon(
        &self,
        workspace_id: &str,
        key: &str,
    ) -> Result<(), StoreError> {
        let mut w = self.db.begin_write().await?;
        sqlx::query("DELETE FROM idempotency_keys WHERE workspace_id = $1 AND idem_key = $2")
            .bind(workspace_id)
            .bind(key)
            .execute(&mut *w.tx)
            .await?;
        w.commit().await?;
        Ok(())
    }
}

/// The purpose (derived key) of sealed responses; `key rotate` re-seals them.
pub(crate) const PURPOSE: &str = "idempotency";

pub(crate) fn aad(workspace_id: &str, key: &str) -> String {
    format!("idem:{workspace_id}:{key}")
}
