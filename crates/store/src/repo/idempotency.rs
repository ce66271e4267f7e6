//! `Idempotency-Key` records: the first response to a key is kept for 24 hours
//! and replayed for the same request; another request under the same key is a
//! conflict. A response that describes a verification holds its PII and
//! session URL, so it is sealed with that verification's data key: deleting
//! the verification shreds the record too, and a replay then says `Gone`.
//! Any other response is sealed with a random key of its own, wrapped by the
//! master key (`wrapped_key`), and every record is swept 24 hours after it
//! was made ([`Store::idempotency_sweep`]).

use crate::crypto::DataKey;
use crate::ids::now_micros;
use crate::rows::{opt_blob, opt_int, opt_text, text};
use crate::{IdempotencyRecord, Store, StoreError, Verification};

/// How long a record is replayed, then kept at most before the sweep.
pub const IDEMPOTENCY_TTL_MICROS: i64 = 24 * 3600 * 1_000_000;

/// The owner named when a record's own key is wrapped by the master key (the
/// associated data of the wrap): whoever re-wraps `wrapped_key` needs it.
pub fn idempotency_key_owner(workspace_id: &str, key: &str) -> String {
    format!("idem-key:{workspace_id}:{key}")
}

fn aad(workspace_id: &str, key: &str) -> String {
    format!("idem:{workspace_id}:{key}")
}

// Sealing goes through these two so that a fallible `seal` is one `?` away.
fn seal(key: &DataKey, plaintext: &[u8], aad: &str) -> Result<Vec<u8>, StoreError> {
    Ok(key.seal(plaintext, aad)?)
}

fn own_key(store: &Store, owner: &str) -> Result<(DataKey, Vec<u8>), StoreError> {
    Ok(store.keys.new_data_key(owner)?)
}

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
        // Past its 24 hours a key is free again, swept or not.
        sqlx::query("DELETE FROM idempotency_keys WHERE workspace_id = $1 AND idem_key = $2 AND created_at <= $3")
            .bind(workspace_id)
            .bind(key)
            .bind(now - IDEMPOTENCY_TTL_MICROS)
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
        // A deleted verification has no data key; a purged one no row.
        let row = sqlx::query(
            "SELECT i.request_hash, i.status_code, i.response_enc, i.verification_id, \
             i.wrapped_key, v.data_key_enc FROM idempotency_keys i \
             LEFT JOIN verifications v ON v.id = i.verification_id \
             WHERE i.workspace_id = $1 AND i.idem_key = $2",
        )
        .bind(workspace_id)
        .bind(key)
        .fetch_one(&mut *w.tx)
        .await?;
        w.commit().await?;
        if text(&row, "request_hash")? != request_hash {
            return Ok(IdempotencyRecord::Mismatch);
        }
        let (Some(status), Some(sealed)) = (
            opt_int(&row, "status_code")?,
            opt_blob(&row, "response_enc")?,
        ) else {
            return Ok(IdempotencyRecord::InProgress);
        };
        let data_key = match (
            opt_text(&row, "verification_id")?,
            opt_blob(&row, "wrapped_key")?,
        ) {
            (Some(verification_id), _) => match opt_blob(&row, "data_key_enc")? {
                Some(wrapped) => self.keys.unwrap_data_key(&verification_id, &wrapped)?,
                None => return Ok(IdempotencyRecord::Gone),
            },
            (None, Some(wrapped)) => self
                .keys
                .unwrap_data_key(&idempotency_key_owner(workspace_id, key), &wrapped)?,
            // Neither key: nothing can open it, as after a shredding.
            (None, None) => return Ok(IdempotencyRecord::Gone),
        };
        Ok(IdempotencyRecord::Replay {
            status: u16::try_from(status).unwrap_or(500),
            body: data_key.open(&sealed, &aad(workspace_id, key))?,
        })
    }

    /// Keeps the response to replay: sealed with `owner`'s data key when the
    /// response describes that verification, else with a key of its own.
    pub async fn idempotency_finish(
        &self,
        workspace_id: &str,
        key: &str,
        status: u16,
        body: &[u8],
        owner: Option<&Verification>,
    ) -> Result<(), StoreError> {
        let aad = aad(workspace_id, key);
        let (sealed, verification_id, wrapped_key) = match owner {
            Some(v) => (seal(&v.data_key, body, &aad)?, Some(v.id.as_str()), None),
            None => {
                let (own, wrapped) = own_key(self, &idempotency_key_owner(workspace_id, key))?;
                (seal(&own, body, &aad)?, None, Some(wrapped))
            }
        };
        let mut w = self.db.begin_write().await?;
        sqlx::query(
            "UPDATE idempotency_keys SET status_code = $1, response_enc = $2, \
             verification_id = $3, wrapped_key = $4 \
             WHERE workspace_id = $5 AND idem_key = $6",
        )
        .bind(i64::from(status))
        .bind(sealed)
        .bind(verification_id)
        .bind(wrapped_key)
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

    /// Deletes every record made 24 hours or more before `now` (microseconds);
    /// returns how many.
    pub async fn idempotency_sweep(&self, now: i64) -> Result<u64, StoreError> {
        let mut w = self.db.begin_write().await?;
        let done = sqlx::query("DELETE FROM idempotency_keys WHERE created_at <= $1")
            .bind(now - IDEMPOTENCY_TTL_MICROS)
            .execute(&mut *w.tx)
            .await?;
        w.commit().await?;
        Ok(done.rows_affected())
    }
}
