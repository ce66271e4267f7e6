//! Verifications: create, read, list with filters, soft delete, and the one
//! transactional `transition` through which every status change, expected-data
//! update, history row, comment, outbox event and job is written together.

use crate::crypto::sha256_hex;
use crate::db::Engine;
use crate::ids::{new_id, now_micros};
use crate::repo::jobs::{insert_job, NewJob};
use crate::rows::{int, opt_blob, opt_int, opt_text, text};
use crate::{DocStatus, Store, StoreError, Verification};
use colleckt_domain::{Event, ExpectedData, Status};
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::Arguments;

const COLUMNS: &str = "id, workspace_id, flow, status, vendor_reference, vendor_state, \
    data_key_enc, expected_data_enc, session_token_enc, redirect_url, submitted_at, \
    created_at, updated_at, expires_at, version";

pub struct NewVerification {
    pub workspace_id: String,
    pub flow: String,
    pub vendor_reference: Option<String>,
    pub vendor_state: Option<String>,
    pub redirect_url: Option<String>,
    pub expected: ExpectedData,
    pub actor: String,
    pub ttl_days: u32,
}

#[derive(Debug, Default, Clone)]
pub struct ListFilter {
    pub flow: Option<String>,
    pub status: Option<Status>,
    pub vendor_reference: Option<String>,
    pub q: Option<String>,
    pub created_from: Option<i64>,
    pub created_to: Option<i64>,
    /// Holder-name terms (`Store::holder_query_terms`) that must all match.
    pub holder_terms: Vec<String>,
    /// Oldest change first (the review queue) instead of newest created first.
    pub oldest_first: bool,
}

/// Everything one action changes, written in one transaction guarded by the
/// verification's version: of two concurrent actions only one commits.
#[derive(Debug, Clone)]
pub struct Transition {
    pub to: Status,
    pub actor: String,
    pub comment: Option<String>,
    /// Write a history row (every status change does; a data-only PATCH doesn't).
    pub record_history: bool,
    pub expected: Option<ExpectedData>,
    pub vendor_reference: Option<Option<String>>,
    pub vendor_state: Option<Option<String>>,
    pub documents: DocumentEffect,
    pub events: Vec<Event>,
    pub jobs: Vec<NewJob>,
    pub set_submitted_at: bool,
    /// The job whose work this is, removed in the same transaction: a decision
    /// committed is a job done, so a crash can never decide twice.
    pub completes_job: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DocumentEffect {
    None,
    /// All documents take this status; a manual decision is recorded when given.
    SetStatus(DocStatus, Option<&'static str>),
    /// Resubmit: back to Uploaded, extraction and rules cleared.
    Reset,
    /// The pipeline's verdict on each document.
    Results(Vec<DocumentResult>),
}

/// What the pipeline found on one document and decided about it.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentResult {
    pub document_id: String,
    pub extracted: serde_json::Value,
    pub rules: serde_json::Value,
    pub status: DocStatus,
    /// `approved`, `rejected` or `double_check`.
    pub decision: &'static str,
}

impl Transition {
    pub fn new(to: Status, actor: impl Into<String>) -> Transition {
        Transition {
            to,
            actor: actor.into(),
            comment: None,
            record_history: true,
            expected: None,
            vendor_reference: None,
            vendor_state: None,
            documents: DocumentEffect::None,
            events: vec![],
            jobs: vec![],
            set_submitted_at: false,
            completes_job: None,
        }
    }
}

/// The values of a new verification row, bound as `$1`–`$13`.
struct NewRow<'a> {
    id: &'a str,
    new: &'a NewVerification,
    wrapped: &'a [u8],
    expected: Vec<u8>,
    session: Vec<u8>,
    session_hash: String,
    now: i64,
}

impl NewRow<'_> {
    /// `$1`–`$13`, then `extra` in order.
    fn args(&self, extra: &[String]) -> Result<AnyArguments<'static>, StoreError> {
        let mut a = AnyArguments::default();
        let bad = |e: sqlx::error::BoxDynError| StoreError::Database(sqlx::Error::Encode(e));
        a.add(self.id.to_string()).map_err(bad)?;
        a.add(self.new.workspace_id.clone()).map_err(bad)?;
        a.add(self.new.flow.clone()).map_err(bad)?;
        a.add(Status::Started.value()).map_err(bad)?;
        a.add(self.new.vendor_reference.clone()).map_err(bad)?;
        a.add(self.new.vendor_state.clone()).map_err(bad)?;
        a.add(self.wrapped.to_vec()).map_err(bad)?;
        a.add(self.expected.clone()).map_err(bad)?;
        a.add(self.session.clone()).map_err(bad)?;
        a.add(self.new.redirect_url.clone()).map_err(bad)?;
        a.add(self.now).map_err(bad)?;
        a.add(self.now + i64::from(self.new.ttl_days) * 86_400_000_000)
            .map_err(bad)?;
        a.add(self.session_hash.clone()).map_err(bad)?;
        for e in extra {
            a.add(e.clone()).map_err(bad)?;
        }
        Ok(a)
    }
}

fn aad(kind: &str, id: &str) -> String {
    format!("{kind}:{id}")
}

impl Store {
    fn decode_verification(&self, row: &AnyRow) -> Result<Verification, StoreError> {
        let id = text(row, "id")?;
        let wrapped = opt_blob(row, "data_key_enc")?.ok_or(StoreError::NotFound)?;
        let data_key = self.keys.unwrap_data_key(&id, &wrapped)?;
        let expected = opt_blob(row, "expected_data_enc")?.ok_or(StoreError::NotFound)?;
        let expected = data_key.open(&expected, &aad("expected", &id))?;
        let session = opt_blob(row, "session_token_enc")?.ok_or(StoreError::NotFound)?;
        let session = data_key.open(&session, &aad("session", &id))?;
        let status = int(row, "status")?;
        Ok(Verification {
            workspace_id: text(row, "workspace_id")?,
            flow: text(row, "flow")?,
            status: Status::from_value(status)
                .ok_or_else(|| StoreError::Corrupt(format!("status {status}")))?,
            vendor_reference: opt_text(row, "vendor_reference")?,
            vendor_state: opt_text(row, "vendor_state")?,
            expected: serde_json::from_slice(&expected)?,
            session_token: String::from_utf8(session)
                .map_err(|_| StoreError::Corrupt("session token".into()))?,
            redirect_url: opt_text(row, "redirect_url")?,
            submitted_at: opt_int(row, "submitted_at")?,
            created_at: int(row, "created_at")?,
            updated_at: int(row, "updated_at")?,
            expires_at: int(row, "expires_at")?,
            version: int(row, "version")?,
            data_key,
            id,
        })
    }

    #[tracing::instrument(skip_all)]
    pub async fn create_verification(
        &self,
        new: NewVerification,
        session_token: &str,
    ) -> Result<Verification, StoreError> {
        let id = new_id("ver");
        let now = now_micros();
        let (data_key, wrapped) = self.keys.new_data_key(&id)?;
        let expected = serde_json::to_vec(&new.expected)?;
        let insert = format!(
            "INSERT INTO verifications ({COLUMNS}, session_token_hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, NULL, $11, $11, $12, 1, $13)"
        );
        let script = format!(
            "BEGIN IMMEDIATE; {insert}; \
             INSERT INTO history (id, verification_id, from_status, to_status, actor, \
             comment_enc, created_at, seq) VALUES ($14, $1, NULL, $4, $15, NULL, $11, 1); \
             COMMIT;"
        );
        let row = NewRow {
            id: &id,
            new: &new,
            wrapped: &wrapped,
            expected: data_key.seal(&expected, &aad("expected", &id))?,
            session: data_key.seal(session_token.as_bytes(), &aad("session", &id))?,
            session_hash: sha256_hex(session_token.as_bytes()),
            now,
        };
        match self.db.engine {
            // One round trip to SQLite's writer thread instead of four: the
            // two rows and the transaction around them as one script (SQLite
            // binds `$n` by number across its statements).
            Engine::Sqlite => {
                let args = row.args(&[new_id("hist"), new.actor.clone()])?;
                self.db.write_script(script, args).await?;
            }
            Engine::Postgres => {
                let mut w = self.db.begin_write().await?;
                sqlx::query_with(&insert, row.args(&[])?)
                    .execute(&mut *w.tx)
                    .await?;
                crate::repo::activity::insert_history(
                    &mut w,
                    &data_key,
                    &id,
                    None,
                    Status::Started,
                    &new.actor,
                    None,
                    now,
                    1,
                )
                .await?;
                w.commit().await?;
            }
        }
        Ok(Verification {
            id,
            workspace_id: new.workspace_id,
            flow: new.flow,
            status: Status::Started,
            vendor_reference: new.vendor_reference,
            vendor_state: new.vendor_state,
            expected: new.expected,
            session_token: session_token.to_string(),
            redirect_url: new.redirect_url,
            submitted_at: None,
            created_at: now,
            updated_at: now,
            expires_at: now + i64::from(new.ttl_days) * 86_400_000_000,
            version: 1,
            data_key,
        })
    }

    /// A live (not deleted) verification of that workspace.
    pub async fn get_verification(
        &self,
        workspace_id: &str,
        id: &str,
    ) -> Result<Option<Verification>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM verifications \
             WHERE id = $1 AND workspace_id = $2 AND deleted_at IS NULL"
        ))
        .bind(id)
        .bind(workspace_id)
        .fetch_optional(&self.db.pool)
        .await?;
        row.as_ref()
            .map(|r| self.decode_verification(r))
            .transpose()
    }

    /// The live verifications among `ids`, in no particular order; deleted
    /// and unknown ones are left out (the webhook fan-out reads a batch at once).
    pub async fn live_verifications(&self, ids: &[&str]) -> Result<Vec<Verification>, StoreError> {
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let placeholders = crate::repo::placeholders(ids.len());
        let sql = format!(
            "SELECT {COLUMNS} FROM verifications WHERE id IN ({placeholders}) AND deleted_at IS NULL"
        );
        let mut q = sqlx::query(&sql);
        for id in ids {
            q = q.bind(id.to_string());
        }
        let rows = q.fetch_all(&self.db.pool).await?;
        rows.iter().map(|r| self.decode_verification(r)).collect()
    }

    /// The verification a widget session token opens.
    pub async fn verification_by_session(
        &self,
        session_token: &str,
    ) -> Result<Option<Verification>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM verifications \
             WHERE session_token_hash = $1 AND deleted_at IS NULL"
        ))
        .bind(sha256_hex(session_token.as_bytes()))
        .fetch_optional(&self.db.pool)
        .await?;
        row.as_ref()
            .map(|r| self.decode_verification(r))
            .transpose()
    }

    /// One page, newest first, and the total that match.
    #[tracing::instrument(skip_all)]
    pub async fn list_verifications(
        &self,
        workspace_id: &str,
        filter: &ListFilter,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<Verification>, i64), StoreError> {
        let mut clauses = vec![
            "workspace_id = $1".to_string(),
            "deleted_at IS NULL".to_string(),
        ];
        let mut texts: Vec<String> = vec![workspace_id.to_string()];
        let mut ints: Vec<(usize, i64)> = vec![];
        let mut n = 1;
        let mut next = || {
            n += 1;
            n
        };
        if let Some(flow) = &filter.flow {
            let i = next();
            clauses.push(format!("flow = ${i}"));
            texts.push(flow.clone());
        }
        if let Some(v) = &filter.vendor_reference {
            let i = next();
            clauses.push(format!("vendor_reference = ${i}"));
            texts.push(v.clone());
        }
        if let Some(q) = &filter.q {
            let i = next();
            clauses.push(format!("LOWER(vendor_reference) LIKE ${i} ESCAPE '\\'"));
            let escaped = q
                .to_lowercase()
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            texts.push(format!("%{escaped}%"));
        }
        if !filter.holder_terms.is_empty() {
            let list = filter
                .holder_terms
                .iter()
                .map(|t| {
                    texts.push(t.clone());
                    format!("${}", next())
                })
                .collect::<Vec<_>>()
                .join(", ");
            clauses.push(format!(
                "id IN (SELECT verification_id FROM holder_terms WHERE workspace_id = $1 \
                 AND term IN ({list}) GROUP BY verification_id \
                 HAVING COUNT(DISTINCT term) = {})",
                filter.holder_terms.len()
            ));
        }
        // Integer parameters are numbered after all text ones.
        let mut int_clauses = vec![];
        if let Some(s) = filter.status {
            int_clauses.push(("status = ", s.value()));
        }
        if let Some(t) = filter.created_from {
            int_clauses.push(("created_at >= ", t));
        }
        if let Some(t) = filter.created_to {
            int_clauses.push(("created_at <= ", t));
        }
        for (clause, value) in int_clauses {
            let i = next();
            clauses.push(format!("{clause}${i}"));
            ints.push((i, value));
        }
        let where_sql = clauses.join(" AND ");
        let count_sql = format!("SELECT COUNT(*) AS n FROM verifications WHERE {where_sql}");
        let page_sql = format!(
            "SELECT {COLUMNS} FROM verifications WHERE {where_sql} \
             ORDER BY {order} LIMIT {limit} OFFSET {offset}",
            order = if filter.oldest_first {
                "updated_at, id"
            } else {
                "created_at DESC, id DESC"
            }
        );
        let mut count = sqlx::query(&count_sql);
        let mut page = sqlx::query(&page_sql);
        for t in &texts {
            count = count.bind(t.clone());
            page = page.bind(t.clone());
        }
        for (_, v) in &ints {
            count = count.bind(*v);
            page = page.bind(*v);
        }
        let total = int(&count.fetch_one(&self.db.pool).await?, "n")?;
        let rows = page.fetch_all(&self.db.pool).await?;
        let items = rows
            .iter()
            .map(|r| self.decode_verification(r))
            .collect::<Result<Vec<_>, _>>()?;
        Ok((items, total))
    }

    /// Applies `t` if nobody changed `v` since it was read; else `Conflict`.
    #[tracing::instrument(skip_all, fields(verification = %v.id))]
    pub async fn transition(&self, v: &Verification, t: Transition) -> Result<(), StoreError> {
        let now = now_micros();
        let new_version = v.version + 1;
        let mut w = self.db.begin_write().await?;
        // The guarded UPDATE comes first so SQLite takes its write lock at once.
        let res = sqlx::query(
            "UPDATE verifications SET status = $1, version = $2, updated_at = $3 \
             WHERE id = $4 AND version = $5 AND deleted_at IS NULL",
        )
        .bind(t.to.value())
        .bind(new_version)
        .bind(now)
        .bind(&v.id)
        .bind(v.version)
        .execute(&mut *w.tx)
        .await?;
        if res.rows_affected() != 1 {
            return Err(StoreError::Conflict);
        }
        if t.set_submitted_at {
            sqlx::query("UPDATE verifications SET submitted_at = $1 WHERE id = $2")
                .bind(now)
                .bind(&v.id)
                .execute(&mut *w.tx)
                .await?;
        }
        if let Some(expected) = &t.expected {
            let sealed = v
                .data_key
                .seal(&serde_json::to_vec(expected)?, &aad("expected", &v.id))?;
            // The holder-name terms were made from the old name: marked stale
            // in the same transaction, so that if the re-index that follows the
            // commit fails, the sweep (`service::holders`) still finds the row.
            sqlx::query(
                "UPDATE verifications SET expected_data_enc = $1, terms_key = NULL WHERE id = $2",
            )
            .bind(sealed)
            .bind(&v.id)
            .execute(&mut *w.tx)
            .await?;
        }
        if let Some(r) = &t.vendor_reference {
            sqlx::query("UPDATE verifications SET vendor_reference = $1 WHERE id = $2")
                .bind(r.clone())
                .bind(&v.id)
                .execute(&mut *w.tx)
                .await?;
        }
        if let Some(s) = &t.vendor_state {
            sqlx::query("UPDATE verifications SET vendor_state = $1 WHERE id = $2")
                .bind(s.clone())
                .bind(&v.id)
                .execute(&mut *w.tx)
                .await?;
        }
        if t.record_history {
            crate::repo::activity::insert_history(
                &mut w,
                &v.data_key,
                &v.id,
                Some(v.status),
                t.to,
                &t.actor,
                t.comment.as_deref(),
                now,
                new_version,
            )
            .await?;
            if let Some(comment) = &t.comment {
                crate::repo::activity::insert_comment(
                    &mut w,
                    &v.data_key,
                    &v.id,
                    comment,
                    Some(t.to),
                    &t.actor,
                    false,
                    now,
                    new_version,
                )
                .await?;
            }
        }
        crate::repo::documents::apply_effect(&mut w, v, &t, now).await?;
        for event in &t.events {
            sqlx::query(
                "INSERT INTO events (id, workspace_id, verification_id, event_type, created_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(new_id("evt"))
            .bind(&v.workspace_id)
            .bind(&v.id)
            .bind(event.name())
            .bind(now)
            .execute(&mut *w.tx)
            .await?;
        }
        for job in &t.jobs {
            insert_job(&mut w, job, now).await?;
        }
        if let Some(job) = &t.completes_job {
            sqlx::query("DELETE FROM jobs WHERE id = $1")
                .bind(job)
                .execute(&mut *w.tx)
                .await?;
        }
        w.commit().await?;
        if !t.jobs.is_empty() {
            self.ring_job_enqueued();
        }
        Ok(())
    }

    /// Started verifications whose time to live ran out by `now`, oldest
    /// first (the expiry sweep), at most `limit`.
    pub async fn started_expired_by(
        &self,
        now: i64,
        limit: i64,
    ) -> Result<Vec<Verification>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM verifications \
             WHERE status = $1 AND expires_at <= $2 AND deleted_at IS NULL \
             ORDER BY expires_at LIMIT {limit}"
        ))
        .bind(Status::Started.value())
        .bind(now)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter().map(|r| self.decode_verification(r)).collect()
    }

    /// Soft delete: hidden at once, and the data key erased so that every
    /// ciphertext and image of the verification is unreadable from now on. A
    /// purge job removes rows and objects after the retention period.
    pub async fn delete_verification(
        &self,
        v: &Verification,
        purge: NewJob,
    ) -> Result<(), StoreError> {
        let now = now_micros();
        let mut w = self.db.begin_write().await?;
        let res = sqlx::query(
            "UPDATE verifications SET deleted_at = $1, updated_at = $1, data_key_enc = NULL, \
             version = version + 1 WHERE id = $2 AND deleted_at IS NULL",
        )
        .bind(now)
        .bind(&v.id)
        .execute(&mut *w.tx)
        .await?;
        if res.rows_affected() != 1 {
            return Err(StoreError::NotFound);
        }
        // Not findable by name, nor held by a reviewer, from now on.
        for sql in [
            "DELETE FROM holder_terms WHERE verification_id = $1",
            "DELETE FROM claims WHERE verification_id = $1",
        ] {
            sqlx::query(sql).bind(&v.id).execute(&mut *w.tx).await?;
        }
        insert_job(&mut w, &purge, now).await?;
        w.commit().await?;
        Ok(())
    }
}
