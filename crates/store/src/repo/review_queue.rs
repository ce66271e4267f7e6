//! The console's review queue: counts per status, "next case", and claims.
//! Opening a case holds it for one reviewer for a few minutes (renewed while
//! they work), so two never decide the same case; an expired claim is anyone's.

use crate::ids::now_micros;
use crate::rows::{int, text};
use crate::{Claim, Store, StoreError, User};
use colleckt_domain::Status;

fn claim(row: &sqlx::any::AnyRow) -> Result<Claim, StoreError> {
    Ok(Claim {
        verification_id: text(row, "verification_id")?,
        user_id: text(row, "user_id")?,
        email: text(row, "email")?,
        expires_at: int(row, "expires_at")?,
    })
}

impl Store {
    /// Claims `verification_id` for `user` unless another reviewer holds a
    /// live claim; returns whoever holds it afterwards.
    pub async fn claim_case(
        &self,
        verification_id: &str,
        user: &User,
        ttl_micros: i64,
    ) -> Result<Claim, StoreError> {
        let now = now_micros();
        sqlx::query(
            "INSERT INTO claims (verification_id, workspace_id, user_id, email, expires_at) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (verification_id) DO UPDATE SET user_id = excluded.user_id, \
             email = excluded.email, expires_at = excluded.expires_at \
             WHERE claims.user_id = excluded.user_id OR claims.expires_at <= $6",
        )
        .bind(verification_id)
        .bind(&user.workspace_id)
        .bind(&user.id)
        .bind(&user.email)
        .bind(now + ttl_micros)
        .bind(now)
        .execute(&self.db.pool)
        .await?;
        let row = sqlx::query(
            "SELECT verification_id, user_id, email, expires_at FROM claims \
             WHERE verification_id = $1",
        )
        .bind(verification_id)
        .fetch_one(&self.db.pool)
        .await?;
        claim(&row)
    }

    /// Lets go of the user's claim (after a decision, or "release").
    pub async fn release_claim(
        &self,
        verification_id: &str,
        user_id: &str,
    ) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM claims WHERE verification_id = $1 AND user_id = $2")
            .bind(verification_id)
            .bind(user_id)
            .execute(&self.db.pool)
            .await?;
        Ok(())
    }

    /// The live claims among `ids` (for the queue's "being reviewed by").
    pub async fn live_claims(
        &self,
        workspace_id: &str,
        ids: &[&str],
    ) -> Result<Vec<Claim>, StoreError> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let n = ids.len();
        let list = (3..3 + n)
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT verification_id, user_id, email, expires_at FROM claims \
             WHERE workspace_id = $1 AND expires_at > $2 AND verification_id IN ({list})"
        );
        let mut q = sqlx::query(&sql).bind(workspace_id).bind(now_micros());
        for id in ids {
            q = q.bind(id.to_string());
        }
        q.fetch_all(&self.db.pool)
            .await?
            .iter()
            .map(claim)
            .collect()
    }

    /// The oldest Double Check case (by its last change) that nobody else
    /// holds: the queue's "next case".
    pub async fn next_unclaimed_case(
        &self,
        workspace_id: &str,
        user_id: &str,
        skip: &[String],
    ) -> Result<Option<String>, StoreError> {
        let n = skip.len();
        let not_in = if n == 0 {
            String::new()
        } else {
            let list = (5..5 + n)
                .map(|i| format!("${i}"))
                .collect::<Vec<_>>()
                .join(", ");
            format!("AND v.id NOT IN ({list})")
        };
        let sql = format!(
            "SELECT v.id FROM verifications v WHERE v.workspace_id = $1 AND v.status = $2 \
             AND v.deleted_at IS NULL {not_in} AND NOT EXISTS (SELECT 1 FROM claims c \
             WHERE c.verification_id = v.id AND c.expires_at > $3 AND c.user_id <> $4) \
             ORDER BY v.updated_at, v.id LIMIT 1"
        );
        let mut q = sqlx::query(&sql)
            .bind(workspace_id)
            .bind(Status::DoubleCheck.value())
            .bind(now_micros())
            .bind(user_id);
        for id in skip {
            q = q.bind(id.clone());
        }
        let row = q.fetch_optional(&self.db.pool).await?;
        row.map(|r| text(&r, "id")).transpose()
    }

    /// How many live verifications of the workspace are in each status.
    pub async fn status_counts(
        &self,
        workspace_id: &str,
    ) -> Result<Vec<(Status, i64)>, StoreError> {
        let rows = sqlx::query(
            "SELECT status, COUNT(*) AS n FROM verifications \
             WHERE workspace_id = $1 AND deleted_at IS NULL GROUP BY status",
        )
        .bind(workspace_id)
        .fetch_all(&self.db.pool)
        .await?;
        let mut counts: Vec<(Status, i64)> = Status::ALL.iter().map(|s| (*s, 0)).collect();
        for r in &rows {
            let status = int(r, "status")?;
            if let Some(c) = counts.iter_mut().find(|(s, _)| s.value() == status) {
                c.1 = int(r, "n")?;
            }
        }
        Ok(counts)
    }
}
