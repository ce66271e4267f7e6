//! The durable job queue: jobs are rows written in the same transaction as the
//! change that needs them (so a committed submit always has its pipeline job),
//! claimed with a lease by any worker on any node. PostgreSQL claims with
//! `FOR UPDATE SKIP LOCKED`; SQLite's single writer makes a plain claim safe.
//! A job that has used all its attempts is never handed out to run again:
//! the claim hands it out once more as *spent*, for its kind's give-up step
//! (a pipeline job ends in Double Check, a purge job becomes a dead row).

use crate::db::{Engine, WriteTx};
use crate::ids::{new_id, now_micros};
use crate::job_kind::JobKind;
use crate::rows::{int, opt_int, text};
use crate::{Store, StoreError};

/// A job to enqueue. The payload holds ids (and object keys) only, never PII.
#[derive(Debug, Clone, PartialEq)]
pub struct NewJob {
    pub kind: JobKind,
    pub payload: serde_json::Value,
    /// Delay before it may run, in microseconds.
    pub delay_micros: i64,
    pub max_attempts: i64,
}

impl NewJob {
    pub fn new(kind: JobKind, payload: serde_json::Value) -> NewJob {
        NewJob {
            kind,
            payload,
            delay_micros: 0,
            max_attempts: kind.max_attempts(),
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
    pub kind: JobKind,
    pub payload: serde_json::Value,
    pub attempts: i64,
    pub max_attempts: i64,
    /// Every attempt was used (the last one crashed or timed out without
    /// recording a failure): run the kind's give-up step, not the job.
    pub spent: bool,
}

/// Jobs of one kind in one state, for `/metrics`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobCount {
    pub kind: String,
    /// `pending`, `running` or `dead`.
    pub state: String,
    pub count: i64,
}

pub(crate) async fn insert_job(w: &mut WriteTx, job: &NewJob, now: i64) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO jobs (id, kind, payload, run_at, attempts, max_attempts, created_at) \
         VALUES ($1, $2, $3, $4, 0, $5, $6)",
    )
    .bind(new_id("job"))
    .bind(job.kind.as_str())
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
    /// lease ran out (its worker died) is due again. A due job with no
    /// attempts left comes back `spent` (its attempts are not counted again).
    pub async fn claim_job(
        &self,
        kinds: &[JobKind],
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
            "SELECT id, attempts, max_attempts FROM jobs WHERE run_at <= $1 \
             AND kind IN ({kind_list}) AND dead_at IS NULL \
             AND (locked_until IS NULL OR locked_until < $1) ORDER BY run_at LIMIT 1{lock}"
        );
        let mut q = sqlx::query(&select).bind(now);
        for k in kinds {
            q = q.bind(k.as_str());
        }
        let Some(row) = q.fetch_optional(&mut *w.tx).await? else {
            return Ok(None);
        };
        let id = text(&row, "id")?;
        let spent = int(&row, "attempts")? >= int(&row, "max_attempts")?;
        let count = if spent {
            ""
        } else {
            ", attempts = attempts + 1"
        };
        let row = sqlx::query(&format!(
            "UPDATE jobs SET locked_until = $1, locked_by = $2{count} \
             WHERE id = $3 RETURNING kind, payload, attempts, max_attempts"
        ))
        .bind(now + lease_micros)
        .bind(worker)
        .bind(&id)
        .fetch_one(&mut *w.tx)
        .await?;
        w.commit().await?;
        let kind = text(&row, "kind")?;
        Ok(Some(ClaimedJob {
            kind: JobKind::parse(&kind)
                .ok_or_else(|| StoreError::Corrupt(format!("job kind {kind}")))?,
            payload: serde_json::from_str(&text(&row, "payload")?)?,
            attempts: int(&row, "attempts")?,
            max_attempts: int(&row, "max_attempts")?,
            spent,
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

    /// A job that gave up for good stays as a row with `dead_at`, for
    /// operators (and `/metrics`) to see; it is never claimed again.
    pub async fn bury_job(&self, id: &str, error: &str) -> Result<(), StoreError> {
        let mut w = self.db.begin_write().await?;
        sqlx::query(
            "UPDATE jobs SET dead_at = $1, locked_until = NULL, locked_by = NULL, \
             last_error = $2 WHERE id = $3",
        )
        .bind(now_micros())
        .bind(error.chars().take(500).collect::<String>())
        .bind(id)
        .execute(&mut *w.tx)
        .await?;
        w.commit().await?;
        Ok(())
    }

    /// Live (not dead) jobs of a kind, running or waiting (tests drain the queue).
    pub async fn pending_jobs(&self, kind: &str) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM jobs WHERE kind = $1 AND dead_at IS NULL")
            .bind(kind)
            .fetch_one(&self.db.pool)
            .await?;
        int(&row, "n")
    }

    /// Every job by kind and state (`pending`, `running`, `dead`).
    pub async fn job_counts(&self) -> Result<Vec<JobCount>, StoreError> {
        let rows = sqlx::query(
            "SELECT kind, CASE WHEN dead_at IS NOT NULL THEN 'dead' \
             WHEN locked_until IS NOT NULL AND locked_until >= $1 THEN 'running' \
             ELSE 'pending' END AS state, COUNT(*) AS n FROM jobs GROUP BY 1, 2",
        )
        .bind(now_micros())
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(JobCount {
                    kind: text(r, "kind")?,
                    state: text(r, "state")?,
                    count: int(r, "n")?,
                })
            })
            .collect()
    }

    /// The job rows of a kind, for tests and `colleckt` diagnostics:
    /// `(attempts, dead)` of each.
    pub async fn job_states(&self, kind: JobKind) -> Result<Vec<(i64, bool)>, StoreError> {
        let rows =
            sqlx::query("SELECT attempts, dead_at FROM jobs WHERE kind = $1 ORDER BY created_at")
                .bind(kind.as_str())
                .fetch_all(&self.db.pool)
                .await?;
        rows.iter()
            .map(|r| Ok((int(r, "attempts")?, opt_int(r, "dead_at")?.is_some())))
            .collect()
    }
}
