//! Webhook deliveries: claiming due ones with a lease (PostgreSQL: `FOR UPDATE
//! SKIP LOCKED`), recording each attempt with the delivery's next state and the
//! endpoint's health in one transaction, and reading the delivery log.

use crate::db::{Engine, WriteTx};
use crate::ids::{new_id, now_micros};
use crate::repo::webhook_fanout::payload_aad;
use crate::repo::webhooks::SECRET_PURPOSE;
use crate::rows::{int, opt_blob, opt_int, opt_text, text};
use crate::{Store, StoreError};
use sqlx::any::AnyRow;
use std::collections::HashMap;

pub(crate) const RESPONSE_PURPOSE: &str = "webhook-response";

/// A delivery a worker holds the lease of, with what it needs to send it.
pub struct ClaimedDelivery {
    pub id: String,
    pub endpoint_id: String,
    /// The event id: the `webhook-id` of every attempt.
    pub event_id: String,
    pub event_type: String,
    /// Attempts made before this one.
    pub attempts: i64,
    pub url: String,
    /// `whsec_…`; `None` if it cannot be opened (wrong master key).
    pub secret: Option<String>,
    /// The exact body; `None` once the verification was deleted.
    pub body: Option<Vec<u8>>,
}

impl std::fmt::Debug for ClaimedDelivery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClaimedDelivery")
            .field("id", &self.id)
            .field("endpoint_id", &self.endpoint_id)
            .field("event_id", &self.event_id)
            .field("attempts", &self.attempts)
            .finish_non_exhaustive()
    }
}

/// Where a delivery goes after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextStep {
    Succeeded,
    /// Try again at this time (microseconds).
    RetryAt(i64),
    Failed,
}

/// One attempt, as the dispatcher observed it.
#[derive(Debug, Clone)]
pub struct AttemptRecord {
    pub delivery_id: String,
    pub endpoint_id: String,
    /// The worker that holds the lease.
    pub worker: String,
    pub status_code: Option<u16>,
    pub duration_ms: i64,
    /// The start of the response body, already truncated.
    pub response: Option<Vec<u8>>,
    pub error: Option<String>,
    pub next: NextStep,
    /// Disable the endpoint when it has failed continuously for this long.
    pub disable_after_micros: i64,
}

/// What recording an attempt changed besides the delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Recorded {
    pub endpoint_disabled: bool,
}

#[derive(Debug, Clone)]
pub struct DeliveryAttempt {
    pub attempt: i64,
    pub status_code: Option<i64>,
    pub duration_ms: i64,
    pub response_body: Option<String>,
    pub error: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone)]
pub struct Delivery {
    pub id: String,
    pub endpoint_id: String,
    pub event_id: String,
    pub event_type: String,
    /// `pending`, `succeeded` or `failed`.
    pub status: String,
    pub attempts: i64,
    pub next_attempt_at: Option<i64>,
    pub last_status_code: Option<i64>,
    pub event_created_at: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub log: Vec<DeliveryAttempt>,
}

const DELIVERY_COLUMNS: &str = "id, endpoint_id, event_id, event_type, status, attempts, \
    next_attempt_at, last_status_code, event_created_at, created_at, updated_at";

fn delivery(r: &AnyRow) -> Result<Delivery, StoreError> {
    Ok(Delivery {
        id: text(r, "id")?,
        endpoint_id: text(r, "endpoint_id")?,
        event_id: text(r, "event_id")?,
        event_type: text(r, "event_type")?,
        status: text(r, "status")?,
        attempts: int(r, "attempts")?,
        next_attempt_at: opt_int(r, "next_attempt_at")?,
        last_status_code: opt_int(r, "last_status_code")?,
        event_created_at: int(r, "event_created_at")?,
        created_at: int(r, "created_at")?,
        updated_at: int(r, "updated_at")?,
        log: vec![],
    })
}

fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Store {
    /// Claims up to `limit` due deliveries of enabled endpoints for `lease_micros`.
    pub async fn claim_deliveries(
        &self,
        worker: &str,
        limit: i64,
        lease_micros: i64,
    ) -> Result<Vec<ClaimedDelivery>, StoreError> {
        let now = now_micros();
        let lock = match self.db.engine {
            Engine::Postgres => " FOR UPDATE SKIP LOCKED",
            Engine::Sqlite => "",
        };
        let mut w = self.db.begin_write_relaxed().await?;
        let rows = sqlx::query(&format!(
            "UPDATE deliveries SET locked_until = $1, locked_by = $2 WHERE id IN (SELECT id \
             FROM deliveries WHERE status = 'pending' AND next_attempt_at <= $3 \
             AND (locked_until IS NULL OR locked_until < $3) \
             ORDER BY next_attempt_at LIMIT $4{lock}) RETURNING id"
        ))
        .bind(now + lease_micros)
        .bind(worker)
        .bind(now)
        .bind(limit)
        .fetch_all(&mut *w.tx)
        .await?;
        w.commit().await?;
        let ids = rows
            .iter()
            .map(|r| text(r, "id"))
            .collect::<Result<Vec<_>, _>>()?;
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let sql = format!(
            "SELECT d.id, d.endpoint_id, d.event_id, d.event_type, d.verification_id, \
             d.payload_enc, d.attempts, e.url, e.secret_enc, v.data_key_enc \
             FROM deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id \
             LEFT JOIN verifications v ON v.id = d.verification_id WHERE d.id IN ({})",
            placeholders(1, ids.len())
        );
        let mut q = sqlx::query(&sql);
        for id in &ids {
            q = q.bind(id);
        }
        let rows = q.fetch_all(&self.db.pool).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let id = text(r, "id")?;
            let endpoint_id = text(r, "endpoint_id")?;
            let verification_id = text(r, "verification_id")?;
            let secret = opt_blob(r, "secret_enc")?
                .and_then(|s| {
                    self.keys
                        .open(SECRET_PURPOSE, &s, endpoint_id.as_bytes())
                        .ok()
                })
                .and_then(|b| String::from_utf8(b).ok());
            let body = match (opt_blob(r, "data_key_enc")?, opt_blob(r, "payload_enc")?) {
                (Some(wrapped), Some(sealed)) => self
                    .keys
                    .unwrap_data_key(&verification_id, &wrapped)
                    .ok()
                    .and_then(|k| k.open(&sealed, &payload_aad(&id)).ok()),
                _ => None,
            };
            out.push(ClaimedDelivery {
                event_id: text(r, "event_id")?,
                event_type: text(r, "event_type")?,
                attempts: int(r, "attempts")?,
                url: text(r, "url")?,
                secret,
                body,
                endpoint_id,
                id,
            });
        }
        Ok(out)
    }

    /// Records one attempt in its own transaction (see [`Self::record_attempts`]).
    pub async fn record_attempt(&self, rec: &AttemptRecord) -> Result<Recorded, StoreError> {
        Ok(self
            .record_attempts(std::slice::from_ref(rec))
            .await?
            .pop()
            .unwrap_or_default())
    }

    /// Records attempts together in one transaction: one commit for a batch
    /// instead of one each, which is what bounds delivery throughput on a
    /// database that flushes every commit to disk.
    #[tracing::instrument(skip_all, fields(attempts = recs.len()))]
    pub async fn record_attempts(
        &self,
        recs: &[AttemptRecord],
    ) -> Result<Vec<Recorded>, StoreError> {
        let mut w = self.db.begin_write_relaxed().await?;
        let mut out = Vec::with_capacity(recs.len());
        for rec in recs {
            out.push(self.record_in(&mut w, rec).await?);
        }
        w.commit().await?;
        Ok(out)
    }

    /// Logs an attempt, moves the delivery on (if this worker still holds it)
    /// and keeps the endpoint's health: a success clears `failing_since`; a
    /// failure sets it, and once it is older than `disable_after_micros` the
    /// endpoint is disabled and its pending deliveries fail.
    async fn record_in(
        &self,
        w: &mut WriteTx,
        rec: &AttemptRecord,
    ) -> Result<Recorded, StoreError> {
        let now = now_micros();
        let mut recorded = Recorded::default();
        let row = sqlx::query("SELECT attempts, locked_by FROM deliveries WHERE id = $1")
            .bind(&rec.delivery_id)
            .fetch_optional(&mut *w.tx)
            .await?;
        // The endpoint was deleted meanwhile, and its deliveries with it.
        let Some(row) = row else { return Ok(recorded) };
        let attempt = int(&row, "attempts")? + 1;
        let id = new_id("att");
        let response = rec
            .response
            .as_ref()
            .map(|b| self.keys.seal(RESPONSE_PURPOSE, b, id.as_bytes()))
            .transpose()?;
        sqlx::query(
            "INSERT INTO delivery_attempts (id, delivery_id, attempt, status_code, duration_ms, \
             response_enc, error, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&id)
        .bind(&rec.delivery_id)
        .bind(attempt)
        .bind(rec.status_code.map(i64::from))
        .bind(rec.duration_ms)
        .bind(response)
        .bind(
            rec.error
                .as_deref()
                .map(|e| e.chars().take(500).collect::<String>()),
        )
        .bind(now)
        .execute(&mut *w.tx)
        .await?;
        let failed = rec.next != NextStep::Succeeded;
        if failed {
            sqlx::query(
                "UPDATE webhook_endpoints SET failing_since = $1, updated_at = $1 \
                 WHERE id = $2 AND failing_since IS NULL",
            )
            .bind(now)
            .bind(&rec.endpoint_id)
            .execute(&mut *w.tx)
            .await?;
            let res = sqlx::query(
                "UPDATE webhook_endpoints SET disabled_at = $1, updated_at = $1 \
                 WHERE id = $2 AND disabled_at IS NULL AND failing_since <= $3",
            )
            .bind(now)
            .bind(&rec.endpoint_id)
            .bind(now - rec.disable_after_micros)
            .execute(&mut *w.tx)
            .await?;
            recorded.endpoint_disabled = res.rows_affected() == 1;
        } else {
            sqlx::query(
                "UPDATE webhook_endpoints SET failing_since = NULL, updated_at = $1 \
                 WHERE id = $2 AND failing_since IS NOT NULL",
            )
            .bind(now)
            .bind(&rec.endpoint_id)
            .execute(&mut *w.tx)
            .await?;
        }
        let disabled = sqlx::query("SELECT disabled_at FROM webhook_endpoints WHERE id = $1")
            .bind(&rec.endpoint_id)
            .fetch_optional(&mut *w.tx)
            .await?
            .map(|r| opt_int(&r, "disabled_at"))
            .transpose()?
            .flatten()
            .is_some();
        let (status, next_at) = match rec.next {
            NextStep::Succeeded => ("succeeded", None),
            NextStep::RetryAt(t) if !disabled => ("pending", Some(t)),
            NextStep::RetryAt(_) | NextStep::Failed => ("failed", None),
        };
        if opt_text(&row, "locked_by")?.as_deref() == Some(rec.worker.as_str()) {
            sqlx::query(
                "UPDATE deliveries SET status = $1, attempts = $2, next_attempt_at = $3, \
                 last_status_code = $4, locked_until = NULL, locked_by = NULL, updated_at = $5 \
                 WHERE id = $6",
            )
            .bind(status)
            .bind(attempt)
            .bind(next_at)
            .bind(rec.status_code.map(i64::from))
            .bind(now)
            .bind(&rec.delivery_id)
            .execute(&mut *w.tx)
            .await?;
        }
        if recorded.endpoint_disabled {
            sqlx::query(
                "UPDATE deliveries SET status = 'failed', next_attempt_at = NULL, updated_at = $1 \
                 WHERE endpoint_id = $2 AND status = 'pending'",
            )
            .bind(now)
            .bind(&rec.endpoint_id)
            .execute(&mut *w.tx)
            .await?;
        }
        Ok(recorded)
    }

    /// One page of an endpoint's deliveries, newest first, with their attempt
    /// logs; `status` filters on `pending`, `succeeded` or `failed`.
    pub async fn list_deliveries(
        &self,
        endpoint_id: &str,
        status: Option<&str>,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<Delivery>, i64), StoreError> {
        let (filter, next) = match status {
            Some(_) => (" AND status = $2", 3),
            None => ("", 2),
        };
        let count_sql = format!("SELECT COUNT(*) FROM deliveries WHERE endpoint_id = $1{filter}");
        let mut count = sqlx::query_scalar::<_, i64>(&count_sql).bind(endpoint_id);
        let page_sql = format!(
            "SELECT {DELIVERY_COLUMNS} FROM deliveries WHERE endpoint_id = $1{filter} \
             ORDER BY created_at DESC, id DESC LIMIT ${next} OFFSET ${}",
            next + 1
        );
        let mut page = sqlx::query(&page_sql).bind(endpoint_id);
        if let Some(s) = status {
            count = count.bind(s);
            page = page.bind(s);
        }
        let total = count.fetch_one(&self.db.pool).await?;
        let rows = page
            .bind(limit)
            .bind(offset)
            .fetch_all(&self.db.pool)
            .await?;
        let mut items = rows.iter().map(delivery).collect::<Result<Vec<_>, _>>()?;
        self.attach_attempts(&mut items).await?;
        Ok((items, total))
    }

    /// One delivery of an endpoint, with its attempt log.
    pub async fn get_delivery(
        &self,
        endpoint_id: &str,
        delivery_id: &str,
    ) -> Result<Option<Delivery>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {DELIVERY_COLUMNS} FROM deliveries WHERE id = $1 AND endpoint_id = $2"
        ))
        .bind(delivery_id)
        .bind(endpoint_id)
        .fetch_optional(&self.db.pool)
        .await?;
        let mut items = row
            .as_ref()
            .map(delivery)
            .transpose()?
            .into_iter()
            .collect::<Vec<_>>();
        self.attach_attempts(&mut items).await?;
        Ok(items.pop())
    }

    async fn attach_attempts(&self, items: &mut [Delivery]) -> Result<(), StoreError> {
        if items.is_empty() {
            return Ok(());
        }
        let sql = format!(
            "SELECT id, delivery_id, attempt, status_code, duration_ms, response_enc, error, \
             created_at FROM delivery_attempts WHERE delivery_id IN ({}) ORDER BY attempt, created_at",
            placeholders(1, items.len())
        );
        let mut q = sqlx::query(&sql);
        for d in items.iter() {
            q = q.bind(&d.id);
        }
        let mut logs: HashMap<String, Vec<DeliveryAttempt>> = HashMap::new();
        for r in q.fetch_all(&self.db.pool).await? {
            let id = text(&r, "id")?;
            let response_body = opt_blob(&r, "response_enc")?
                .map(|s| self.keys.open(RESPONSE_PURPOSE, &s, id.as_bytes()))
                .transpose()?
                .map(|b| String::from_utf8_lossy(&b).into_owned());
            logs.entry(text(&r, "delivery_id")?)
                .or_default()
                .push(DeliveryAttempt {
                    attempt: int(&r, "attempt")?,
                    status_code: opt_int(&r, "status_code")?,
                    duration_ms: int(&r, "duration_ms")?,
                    response_body,
                    error: opt_text(&r, "error")?,
                    created_at: int(&r, "created_at")?,
                });
        }
        for d in items.iter_mut() {
            d.log = logs.remove(&d.id).unwrap_or_default();
        }
        Ok(())
    }
}
