//! The outbox side of webhooks: events committed with status changes are
//! claimed with a lease, and each becomes one delivery per matching endpoint
//! of its workspace, in one transaction that also marks the event done (so an
//! event is fanned out exactly once, whoever crashes when). PostgreSQL claims
//! with `FOR UPDATE SKIP LOCKED` so several nodes share the work.

use crate::db::Engine;
use crate::ids::{new_id, now_micros};
use crate::repo::webhooks::{parse_filter, wants};
use crate::rows::{int, opt_text, text};
use crate::{Store, StoreError, Verification};
use std::collections::HashMap;

/// An outbox event waiting for its deliveries.
#[derive(Debug, Clone)]
pub struct PendingEvent {
    pub id: String,
    pub workspace_id: String,
    pub verification_id: String,
    pub event_type: String,
    pub created_at: i64,
}

/// One claimed event and the body its deliveries send: `None` when nothing
/// needs it (no endpoint wants it, or the verification is gone).
pub struct FanOut<'a> {
    pub event: &'a PendingEvent,
    pub body: Option<(&'a Verification, &'a [u8])>,
}

/// An endpoint id and its event filter.
type Target = (String, Option<Vec<String>>);

pub(crate) fn payload_aad(delivery_id: &str) -> String {
    format!("webhook-payload:{delivery_id}")
}

impl Store {
    /// Claims up to `limit` events not yet fanned out, for `lease_micros`.
    pub async fn claim_events(
        &self,
        limit: i64,
        lease_micros: i64,
    ) -> Result<Vec<PendingEvent>, StoreError> {
        let now = now_micros();
        let lock = match self.db.engine {
            Engine::Postgres => " FOR UPDATE SKIP LOCKED",
            Engine::Sqlite => "",
        };
        let mut w = self.db.begin_write_relaxed().await?;
        let rows = sqlx::query(&format!(
            "UPDATE events SET fanout_locked_until = $1 WHERE id IN (SELECT id FROM events \
             WHERE fanned_out_at IS NULL AND (fanout_locked_until IS NULL OR fanout_locked_until < $2) \
             ORDER BY created_at LIMIT $3{lock}) \
             RETURNING id, workspace_id, verification_id, event_type, created_at"
        ))
        .bind(now + lease_micros)
        .bind(now)
        .bind(limit)
        .fetch_all(&mut *w.tx)
        .await?;
        w.commit().await?;
        let mut events = rows
            .iter()
            .map(|r| {
                Ok(PendingEvent {
                    id: text(r, "id")?,
                    workspace_id: text(r, "workspace_id")?,
                    verification_id: text(r, "verification_id")?,
                    event_type: text(r, "event_type")?,
                    created_at: int(r, "created_at")?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        events.sort_by_key(|e| e.created_at);
        Ok(events)
    }

    /// Which of these events at least one enabled endpoint wants (so that the
    /// caller renders payloads only for those).
    pub async fn events_wanted(&self, events: &[PendingEvent]) -> Result<Vec<bool>, StoreError> {
        let mut filters: HashMap<&str, Vec<Option<Vec<String>>>> = HashMap::new();
        for e in events {
            if filters.contains_key(e.workspace_id.as_str()) {
                continue;
            }
            let rows = sqlx::query(
                "SELECT event_filter FROM webhook_endpoints \
                 WHERE workspace_id = $1 AND disabled_at IS NULL",
            )
            .bind(&e.workspace_id)
            .fetch_all(&self.db.pool)
            .await?;
            let list = rows
                .iter()
                .map(|r| parse_filter(opt_text(r, "event_filter")?))
                .collect::<Result<Vec<_>, _>>()?;
            filters.insert(&e.workspace_id, list);
        }
        Ok(events
            .iter()
            .map(|e| {
                filters
                    .get(e.workspace_id.as_str())
                    .is_some_and(|fs| fs.iter().any(|f| wants(f.as_deref(), &e.event_type)))
            })
            .collect())
    }

    /// Writes the deliveries of these events and marks them fanned out, all in
    /// one transaction. An event another node finished meanwhile is skipped.
    /// Returns how many deliveries were created.
    #[tracing::instrument(skip_all)]
    pub async fn fan_out(&self, items: &[FanOut<'_>]) -> Result<usize, StoreError> {
        let now = now_micros();
        let mut created = 0;
        let mut endpoints: HashMap<String, Vec<Target>> = HashMap::new();
        let mut w = self.db.begin_write_relaxed().await?;
        for item in items {
            let e = item.event;
            let res = sqlx::query(
                "UPDATE events SET fanned_out_at = $1, fanout_locked_until = NULL \
                 WHERE id = $2 AND fanned_out_at IS NULL",
            )
            .bind(now)
            .bind(&e.id)
            .execute(&mut *w.tx)
            .await?;
            if res.rows_affected() != 1 {
                continue;
            }
            let Some((v, body)) = item.body else { continue };
            if !endpoints.contains_key(&e.workspace_id) {
                let rows = sqlx::query(
                    "SELECT id, event_filter FROM webhook_endpoints \
                     WHERE workspace_id = $1 AND disabled_at IS NULL ORDER BY created_at",
                )
                .bind(&e.workspace_id)
                .fetch_all(&mut *w.tx)
                .await?;
                let list = rows
                    .iter()
                    .map(|r| Ok((text(r, "id")?, parse_filter(opt_text(r, "event_filter")?)?)))
                    .collect::<Result<Vec<_>, StoreError>>()?;
                endpoints.insert(e.workspace_id.clone(), list);
            }
            let targets = endpoints
                .get(&e.workspace_id)
                .map(Vec::as_slice)
                .unwrap_or_default();
            for (endpoint_id, filter) in targets {
                if !wants(filter.as_deref(), &e.event_type) {
                    continue;
                }
                let id = new_id("dlv");
                let sealed = v.data_key.seal(body, &payload_aad(&id))?;
                let res = sqlx::query(
                    "INSERT INTO deliveries (id, endpoint_id, workspace_id, event_id, event_type, \
                     verification_id, payload_enc, status, attempts, next_attempt_at, \
                     event_created_at, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', 0, $8, $9, $8, $8) \
                     ON CONFLICT (event_id, endpoint_id) DO NOTHING",
                )
                .bind(&id)
                .bind(endpoint_id)
                .bind(&e.workspace_id)
                .bind(&e.id)
                .bind(&e.event_type)
                .bind(&e.verification_id)
                .bind(sealed)
                .bind(now)
                .bind(e.created_at)
                .execute(&mut *w.tx)
                .await?;
                created += res.rows_affected() as usize;
            }
        }
        w.commit().await?;
        Ok(created)
    }

    /// Events not fanned out yet (tests wait on it; `/metrics` may report it).
    pub async fn pending_events(&self) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM events WHERE fanned_out_at IS NULL")
            .fetch_one(&self.db.pool)
            .await?;
        int(&row, "n")
    }
}
