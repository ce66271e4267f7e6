//! Webhook endpoints: create (the signing secret sealed by the master key),
//! list, get, delete, and the manual retry of one delivery. Fan-out, claiming
//! and the attempt log live in `webhook_deliveries`.

use crate::ids::{new_id, now_micros};
use crate::rows::{int, opt_blob, opt_int, opt_text, text};
use crate::{Store, StoreError};
use sqlx::any::AnyRow;

/// The master-key purpose that seals endpoint secrets.
pub(crate) const SECRET_PURPOSE: &str = "webhook-secret";

pub(crate) const ENDPOINT_COLUMNS: &str = "id, workspace_id, url, description, event_filter, \
    failing_since, disabled_at, created_at, updated_at";

/// An endpoint to create; `events: None` means every event.
#[derive(Debug, Clone)]
pub struct NewEndpoint {
    pub workspace_id: String,
    pub url: String,
    pub description: Option<String>,
    pub events: Option<Vec<String>>,
}

/// A webhook endpoint, without its secret (shown only once, at creation).
#[derive(Debug, Clone)]
pub struct Endpoint {
    pub id: String,
    pub workspace_id: String,
    pub url: String,
    pub description: Option<String>,
    /// `None`: every event.
    pub events: Option<Vec<String>>,
    /// The first failed attempt since the last success.
    pub failing_since: Option<i64>,
    pub disabled_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl Endpoint {
    /// Whether this endpoint wants events of `event_type`.
    pub fn wants(&self, event_type: &str) -> bool {
        wants(self.events.as_deref(), event_type)
    }
}

pub(crate) fn wants(filter: Option<&[String]>, event_type: &str) -> bool {
    filter.is_none_or(|types| types.iter().any(|t| t == event_type))
}

pub(crate) fn parse_filter(raw: Option<String>) -> Result<Option<Vec<String>>, StoreError> {
    raw.map(|s| serde_json::from_str(&s).map_err(StoreError::from))
        .transpose()
}

pub(crate) fn endpoint(row: &AnyRow) -> Result<Endpoint, StoreError> {
    Ok(Endpoint {
        id: text(row, "id")?,
        workspace_id: text(row, "workspace_id")?,
        url: text(row, "url")?,
        description: opt_text(row, "description")?,
        events: parse_filter(opt_text(row, "event_filter")?)?,
        failing_since: opt_int(row, "failing_since")?,
        disabled_at: opt_int(row, "disabled_at")?,
        created_at: int(row, "created_at")?,
        updated_at: int(row, "updated_at")?,
    })
}

/// What a manual retry found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryOutcome {
    /// Due now; the endpoint is enabled again if it was disabled.
    Scheduled,
    /// A worker holds it right now; its attempt decides.
    InFlight,
    NotFound,
}

impl Store {
    pub async fn count_endpoints(&self, workspace_id: &str) -> Result<i64, StoreError> {
        let row =
            sqlx::query("SELECT COUNT(*) AS n FROM webhook_endpoints WHERE workspace_id = $1")
                .bind(workspace_id)
                .fetch_one(&self.db.pool)
                .await?;
        int(&row, "n")
    }

    /// Stores a new endpoint; `secret` (`whsec_…`) is sealed, never kept in clear.
    #[tracing::instrument(skip_all)]
    pub async fn create_endpoint(
        &self,
        new: NewEndpoint,
        secret: &str,
    ) -> Result<Endpoint, StoreError> {
        let id = new_id("wh");
        let now = now_micros();
        let sealed = self
            .keys
            .seal(SECRET_PURPOSE, secret.as_bytes(), id.as_bytes())?;
        let filter = new.events.as_ref().map(serde_json::to_string).transpose()?;
        let mut w = self.db.begin_write().await?;
        sqlx::query(
            "INSERT INTO webhook_endpoints (id, workspace_id, url, description, event_filter, \
             secret_enc, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
        )
        .bind(&id)
        .bind(&new.workspace_id)
        .bind(&new.url)
        .bind(&new.description)
        .bind(filter)
        .bind(sealed)
        .bind(now)
        .execute(&mut *w.tx)
        .await?;
        w.commit().await?;
        Ok(Endpoint {
            id,
            workspace_id: new.workspace_id,
            url: new.url,
            description: new.description,
            events: new.events,
            failing_since: None,
            disabled_at: None,
            created_at: now,
            updated_at: now,
        })
    }

    /// One page of a workspace's endpoints, newest first, and the total.
    pub async fn list_endpoints(
        &self,
        workspace_id: &str,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<Endpoint>, i64), StoreError> {
        let total = self.count_endpoints(workspace_id).await?;
        let rows = sqlx::query(&format!(
            "SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE workspace_id = $1 \
             ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3"
        ))
        .bind(workspace_id)
        .bind(limit)
        .bind(offset)
        .fetch_all(&self.db.pool)
        .await?;
        let items = rows.iter().map(endpoint).collect::<Result<Vec<_>, _>>()?;
        Ok((items, total))
    }

    pub async fn get_endpoint(
        &self,
        workspace_id: &str,
        id: &str,
    ) -> Result<Option<Endpoint>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE id = $1 AND workspace_id = $2"
        ))
        .bind(id)
        .bind(workspace_id)
        .fetch_optional(&self.db.pool)
        .await?;
        row.as_ref().map(endpoint).transpose()
    }

    /// Deletes the endpoint with its secret, deliveries and attempt log.
    #[tracing::instrument(skip_all)]
    pub async fn delete_endpoint(&self, workspace_id: &str, id: &str) -> Result<bool, StoreError> {
        let mut w = self.db.begin_write().await?;
        let found =
            sqlx::query("SELECT id FROM webhook_endpoints WHERE id = $1 AND workspace_id = $2")
                .bind(id)
                .bind(workspace_id)
                .fetch_optional(&mut *w.tx)
                .await?;
        if found.is_none() {
            return Ok(false);
        }
        // Explicit rather than relying on cascades, so both engines behave alike.
        for sql in [
            "DELETE FROM delivery_attempts WHERE delivery_id IN \
             (SELECT id FROM deliveries WHERE endpoint_id = $1)",
            "DELETE FROM deliveries WHERE endpoint_id = $1",
            "DELETE FROM webhook_endpoints WHERE id = $1",
        ] {
            sqlx::query(sql).bind(id).execute(&mut *w.tx).await?;
        }
        w.commit().await?;
        Ok(true)
    }

    /// Makes a delivery due now (whatever its status); one more attempt if it
    /// had used them all. A disabled endpoint is enabled again: the integrator
    /// says it is fixed.
    #[tracing::instrument(skip_all)]
    pub async fn retry_delivery(
        &self,
        workspace_id: &str,
        endpoint_id: &str,
        delivery_id: &str,
    ) -> Result<RetryOutcome, StoreError> {
        let now = now_micros();
        let mut w = self.db.begin_write().await?;
        let row = sqlx::query(
            "SELECT locked_until FROM deliveries WHERE id = $1 AND endpoint_id = $2 \
             AND workspace_id = $3",
        )
        .bind(delivery_id)
        .bind(endpoint_id)
        .bind(workspace_id)
        .fetch_optional(&mut *w.tx)
        .await?;
        let Some(row) = row else {
            return Ok(RetryOutcome::NotFound);
        };
        if opt_int(&row, "locked_until")?.is_some_and(|t| t >= now) {
            return Ok(RetryOutcome::InFlight);
        }
        sqlx::query(
            "UPDATE deliveries SET status = 'pending', next_attempt_at = $1, updated_at = $1 \
             WHERE id = $2",
        )
        .bind(now)
        .bind(delivery_id)
        .execute(&mut *w.tx)
        .await?;
        sqlx::query(
            "UPDATE webhook_endpoints SET disabled_at = NULL, failing_since = NULL, updated_at = $1 \
             WHERE id = $2 AND disabled_at IS NOT NULL",
        )
        .bind(now)
        .bind(endpoint_id)
        .execute(&mut *w.tx)
        .await?;
        w.commit().await?;
        Ok(RetryOutcome::Scheduled)
    }

    /// The secret of an endpoint, opened (tests and the dispatcher).
    pub async fn endpoint_secret(&self, id: &str) -> Result<Option<String>, StoreError> {
        let row = sqlx::query("SELECT secret_enc FROM webhook_endpoints WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.db.pool)
            .await?;
        let Some(sealed) = row
            .as_ref()
            .map(|r| opt_blob(r, "secret_enc"))
            .transpose()?
        else {
            return Ok(None);
        };
        let bytes = self
            .keys
            .open(SECRET_PURPOSE, &sealed.unwrap_or_default(), id.as_bytes())?;
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| StoreError::Corrupt("webhook secret".into()))
    }
}
