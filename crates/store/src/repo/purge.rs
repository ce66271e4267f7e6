//! Purging a soft-deleted verification after the retention period: its
//! objects first (idempotent), then every row, in one transaction.

use crate::rows::{opt_text, text};
use crate::{Store, StoreError};
use std::collections::HashSet;

impl Store {
    /// Object keys of a soft-deleted verification (empty if it is live or gone).
    pub async fn deleted_object_keys(
        &self,
        verification_id: &str,
    ) -> Result<Vec<String>, StoreError> {
        let rows = sqlx::query(
            "SELECT d.front_key, d.back_key FROM documents d JOIN verifications v \
             ON v.id = d.verification_id WHERE v.id = $1 AND v.deleted_at IS NOT NULL",
        )
        .bind(verification_id)
        .fetch_all(&self.db.pool)
        .await?;
        let mut keys = vec![];
        for r in rows {
            keys.push(text(&r, "front_key")?);
            keys.extend(opt_text(&r, "back_key")?);
        }
        Ok(keys)
    }

    /// Removes every row of a soft-deleted verification; a live one is untouched.
    pub async fn purge_deleted_rows(&self, verification_id: &str) -> Result<bool, StoreError> {
        let mut w = self.db.begin_write().await?;
        let deleted =
            sqlx::query("SELECT id FROM verifications WHERE id = $1 AND deleted_at IS NOT NULL")
                .bind(verification_id)
                .fetch_optional(&mut *w.tx)
                .await?;
        if deleted.is_none() {
            return Ok(false);
        }
        for sql in [
            "DELETE FROM decisions WHERE document_id IN (SELECT id FROM documents WHERE verification_id = $1)",
            "DELETE FROM documents WHERE verification_id = $1",
            "DELETE FROM history WHERE verification_id = $1",
            "DELETE FROM comments WHERE verification_id = $1",
            "DELETE FROM events WHERE verification_id = $1",
            "DELETE FROM holder_terms WHERE verification_id = $1",
            "DELETE FROM claims WHERE verification_id = $1",
            // Webhook deliveries carry the verification's id and a payload
            // sealed with its (now shredded) key: nothing of it may stay.
            "DELETE FROM delivery_attempts WHERE delivery_id IN \
             (SELECT id FROM deliveries WHERE verification_id = $1)",
            "DELETE FROM deliveries WHERE verification_id = $1",
            "DELETE FROM verifications WHERE id = $1",
        ] {
            sqlx::query(sql).bind(verification_id).execute(&mut *w.tx).await?;
        }
        w.commit().await?;
        Ok(true)
    }

    /// Which of `keys` a document row still points to (live or soft-deleted:
    /// the purge of a deleted verification removes its own objects).
    pub async fn referenced_object_keys(
        &self,
        keys: &[String],
    ) -> Result<HashSet<String>, StoreError> {
        let mut found = HashSet::new();
        for chunk in keys.chunks(100) {
            let list = (1..=chunk.len())
                .map(|i| format!("${i}"))
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!(
                "SELECT front_key, back_key FROM documents \
                 WHERE front_key IN ({list}) OR back_key IN ({list})"
            );
            let mut q = sqlx::query(&sql);
            for k in chunk {
                q = q.bind(k.clone());
            }
            for r in q.fetch_all(&self.db.pool).await? {
                found.insert(text(&r, "front_key")?);
                found.extend(opt_text(&r, "back_key")?);
            }
        }
        Ok(found)
    }
}
