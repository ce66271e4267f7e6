//! The durable job queue: jobs are rows written in the same transaction as the
//! change that needs them (so a committed submit always has its pipeline job),
//! claimed with a lease by any worker on any node. PostgreSQL claims with
//! `FOR UPDATE SKIP LOCKED`; SQLite's single writer makes a plain claim safe.

use crate::db::{Engine, WriteTx};
use crate::ids::{new_id, now_micros};
use crate::rows::{int, text};
use crate::{Store, StoreError};

/// A job to enqueue. The payload holds ids only, never PII.
#[derive(Debug, Clone, PartialEq)]
pub struct NewJob {
    pub kind: String,
    pub payload: serde_json::Value,
    /// Delay before it may run, in microseconds.
    pub delay_micros: i64,
    pub max_attempts: i64,
}

impl NewJob {
    pub fn new(kind: &str, payload: serde_json::Value) -> NewJob {
        NewJob {
            kind: kind.to_string(),
            payload,
            delay_micros: 0,
            max_attempts: 5,
        }
    }

    pub fn delayed(mut self, micros: i64) -> NewJob {
        self.delay_micros = micros;
        self
    }
}

#[derive(Debug, Clone)]
pub struct ClaimedJob {
    pub id: String,
    pub kind: String,
    pub payload: serde_json::Value,
    pub attempts: i64,
    pub max_attempts: i64,
}

pub(crate) async fn insert_job(w: &mut WriteTx, job: &NewJob, now: i64) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO jobs (id, kind, payload, run_at, attempts, max_attempts, created_at) \
         VALUES ($1, $2, $3, $4, 0, $5, $6)",
    )
    .bind(new_id("job"))
    .bind(&job.kind)
    .bind(job.payload.to_string())
    .bind(now + job.delay_micros)
    .bind(job.max_attempts)
    .bind(now)
    .execute(&mut *w.tx)
    .await?;
    Ok(())
}

impl Store {
    pub async fn enqueue(&self, job: &NewJob) -> Result<(), StoreError> {
        let mut w = self.db.begin_write().await?;
        insert_job(&mut w, job, now_micros()).await?;
        w.commit().await?;
        self.ring_job_enqueued();
        Ok(())
    }

    /// Claims the oldest due job of `kinds` for `lease_micros`; a job whose
    /// lease ran out (its worker died) is due again.
    pub async fn claim_job(
        &self,
        kinds: &[&str],
        worker: &str,
        lease_micros: i64,
    ) -> Result<Option<ClaimedJob>, StoreError> {
        if kinds.is_empty() {
            return Ok(None);
        }
        let now = now_micros();
        let kind_list = (0..kinds.len())
            .map(|i| format!("${}", i + 2))
            .collect::<Vec<_>>()
            .join(", ");
        let lock = match self.db.engine {
            Engine::Postgres => " FOR UPDATE SKIP LOCKED",
            Engine::Sqlite => "",
        };
        let mut w = self.db.begin_write().await?;
        let select = format!(
            "SELECT id FROM jobs WHERE run_at <= $1 AND kind IN ({kind_list}) \
             AND (locked_until IS NULL OR locked_until < $1) ORDER BY run_at LIMIT 1{lock}"
        );
        let mut q = sqlx::query(&select).bind(now);
        for k in kinds {
            q = q.bind(k.to_string());
        }
        let Some(row) = q.fetch_optional(&mut *w.tx).await? else {
            return Ok(None);
        };
        let id = text(&row, "id")?;
        let row = sqlx::query(
            "UPDATE jobs SET locked_until = $1, locked_by = $2, attempts = attempts + 1 \
             WHERE id = $3 RETURNING kind, payload, attempts, max_attempts",
        )
        .bind(now + lease_micros)
        .bind(worker)
        .bind(&id)
        .fetch_one(&mut *w.tx)
        .await?;
        w.commit().await?;
        Ok(Some(ClaimedJob {
            kind: text(&row, "kind")?,
            payload: serde_json::from_str(&text(&row, "payload")?)?,
            attempts: int(&row, "attempts")?,
            max_attempts: int(&row, "max_attempts")?,
            id,
        }))
    }

    /// Keeps a running job's lease: `false` when the lease was lost (another
    /// worker took the job after this one was presumed dead).
    pub async fn extend_job_lease(
        &self,
        id: &str,
        worker: &str,
        lease_micros: i64,
    ) -> Result<bool, StoreError> {
        let mut w = self.db.begin_write().await?;
        let res = sqlx::query("UPDATE jobs SET locked_until = $1 WHERE id = $2 AND locked_by = $3")
            .bind(now_micros() + lease_micros)
            .bind(id)
            .bind(worker)
            .execute(&mut *w.tx)
            .await?;
        w.commit().await?;
        Ok(res.rows_affected() == 1)
    }

    pub async fn complete_job(&self, id: &str) -> Result<(), StoreError> {
        let mut w = self.db.begin_write().await?;
        sqlx::query("DELETE FROM jobs WHERE id = $1")
            .bind(id)
            .execute(&mut *w.tx)
            .await?;
        w.commit().await?;
        Ok(())
    }

    /// Schedules a retry after `backoff_micros`, keeping the error for operators.
    pub async fn retry_job(
        &self,
        id: &str,
        backoff_micros: i64,
        error: &str,
    ) -> Result<(), StoreError> {
        let mut w = self.db.begin_write().await?;
        sqlx::query(
            "UPDATE jobs SET locked_until = NULL, locked_by = NULL, run_at = $1, last_error = $2 \
             WHERE id = $3",
        )
        .bind(now_micros() + backoff_micros)
        .bind(error.chars().take(500).collect::<String>())
        .bind(id)
        .execute(&mut *w.tx)
        .await?;
        w.commit().await?;
        Ok(())
    }

    /// Jobs waiting, by kind (tests drain the queue; `/metrics` reports it).
    pub async fn pending_jobs(&self, kind: &str) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM jobs WHERE kind = $1")
            .bind(kind)
            .fetch_one(&self.db.pool)
            .await?;
        int(&row, "n")
    }
}
