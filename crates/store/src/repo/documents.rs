//! Documents of a verification: one per slot, replaced on re-upload. Image
//! bytes live in object storage, sealed with the verification's data key;
//! extracted data and rules are sealed in the row.

use crate::db::WriteTx;
use crate::ids::{new_id, now_micros};
use crate::repo::jobs::{insert_job, NewJob};
use crate::repo::verifications::{DocumentEffect, DocumentResult, Transition};
use crate::rows::{int, opt_blob, opt_text, text};
use crate::{Decision, DocStatus, Document, JobKind, Store, StoreError, StoredFile, Verification};
use colleckt_domain::Slot;
use sqlx::any::AnyRow;

const COLUMNS: &str = "id, verification_id, slot, type_id, country, status, front_key, \
    front_mime, front_digest, back_key, back_mime, back_digest, extracted_data_enc, rules_enc, \
    created_at, updated_at";

pub struct NewDocument {
    pub slot: Slot,
    pub type_id: u32,
    pub country: String,
    pub front: StoredFile,
    pub back: Option<StoredFile>,
}

fn aad(kind: &str, id: &str) -> String {
    format!("{kind}:{id}")
}

impl Store {
    fn decode_document(&self, v: &Verification, r: &AnyRow) -> Result<Document, StoreError> {
        let id = text(r, "id")?;
        let open_json = |col: &str, kind: &str| -> Result<Option<serde_json::Value>, StoreError> {
            opt_blob(r, col)?
                .map(|sealed| {
                    let plain = v.data_key.open(&sealed, &aad(kind, &id))?;
                    Ok(serde_json::from_slice(&plain)?)
                })
                .transpose()
        };
        let slot = text(r, "slot")?;
        let status = text(r, "status")?;
        let back = match opt_text(r, "back_key")? {
            Some(key) => Some(StoredFile {
                key,
                mime: opt_text(r, "back_mime")?.unwrap_or_default(),
                digest: opt_text(r, "back_digest")?.unwrap_or_default(),
            }),
            None => None,
        };
        Ok(Document {
            verification_id: text(r, "verification_id")?,
            slot: Slot::from_key(&slot).ok_or_else(|| StoreError::Corrupt(slot.clone()))?,
            type_id: u32::try_from(int(r, "type_id")?)
                .map_err(|_| StoreError::Corrupt("type_id".into()))?,
            country: text(r, "country")?,
            status: DocStatus::from_label(&status).ok_or(StoreError::Corrupt(status))?,
            front: StoredFile {
                key: text(r, "front_key")?,
                mime: text(r, "front_mime")?,
                digest: text(r, "front_digest")?,
            },
            back,
            extracted_data: open_json("extracted_data_enc", "extracted")?,
            rules: open_json("rules_enc", "rules")?,
            decisions: vec![],
            created_at: int(r, "created_at")?,
            updated_at: int(r, "updated_at")?,
            id,
        })
    }

    /// Every document of `v`, photo ID first, with their decisions.
    pub async fn documents(&self, v: &Verification) -> Result<Vec<Document>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM documents WHERE verification_id = $1 ORDER BY slot DESC"
        ))
        .bind(&v.id)
        .fetch_all(&self.db.pool)
        .await?;
        let mut docs = rows
            .iter()
            .map(|r| self.decode_document(v, r))
            .collect::<Result<Vec<_>, _>>()?;
        for doc in &mut docs {
            doc.decisions = self.decisions(v, &doc.id).await?;
        }
        Ok(docs)
    }

    async fn decisions(
        &self,
        v: &Verification,
        document_id: &str,
    ) -> Result<Vec<Decision>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, decision, source, actor, comment_enc, created_at FROM decisions \
             WHERE document_id = $1 ORDER BY created_at, id",
        )
        .bind(document_id)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let id = text(r, "id")?;
                let comment = opt_blob(r, "comment_enc")?
                    .map(|c| {
                        let plain = v.data_key.open(&c, &aad("decision", &id))?;
                        String::from_utf8(plain).map_err(|_| StoreError::Corrupt("utf-8".into()))
                    })
                    .transpose()?;
                Ok(Decision {
                    decision: text(r, "decision")?,
                    source: text(r, "source")?,
                    actor: text(r, "actor")?,
                    comment,
                    created_at: int(r, "created_at")?,
                })
            })
            .collect()
    }

    /// Puts `doc` in its slot, replacing what was there, guarded by `v.version`.
    /// Returns the new document and the object keys of the one it replaced,
    /// for the caller to delete once this has committed.
    #[tracing::instrument(skip_all, fields(verification = %v.id))]
    pub async fn put_document(
        &self,
        v: &Verification,
        doc: NewDocument,
    ) -> Result<(Document, Vec<String>), StoreError> {
        let now = now_micros();
        let mut w = self.db.begin_write().await?;
        bump_version(&mut w, v, now).await?;
        let old = sqlx::query(
            "SELECT id, front_key, back_key FROM documents WHERE verification_id = $1 AND slot = $2",
        )
        .bind(&v.id)
        .bind(doc.slot.key())
        .fetch_optional(&mut *w.tx)
        .await?;
        let mut replaced = vec![];
        if let Some(old) = old {
            replaced.push(text(&old, "front_key")?);
            replaced.extend(opt_text(&old, "back_key")?);
            sqlx::query("DELETE FROM documents WHERE id = $1")
                .bind(text(&old, "id")?)
                .execute(&mut *w.tx)
                .await?;
        }
        // A side the new document keeps is not an orphan.
        let orphans: Vec<String> = replaced
            .iter()
            .filter(|k| **k != doc.front.key && doc.back.as_ref().map(|b| &b.key) != Some(*k))
            .cloned()
            .collect();
        enqueue_object_purge(&mut w, &orphans, now).await?;
        let id = new_id("doc");
        sqlx::query(&format!(
            "INSERT INTO documents ({COLUMNS}) VALUES \
             ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, NULL, NULL, $13, $13)"
        ))
        .bind(&id)
        .bind(&v.id)
        .bind(doc.slot.key())
        .bind(i64::from(doc.type_id))
        .bind(&doc.country)
        .bind(DocStatus::Uploaded.label())
        .bind(&doc.front.key)
        .bind(&doc.front.mime)
        .bind(&doc.front.digest)
        .bind(doc.back.as_ref().map(|b| b.key.clone()))
        .bind(doc.back.as_ref().map(|b| b.mime.clone()))
        .bind(doc.back.as_ref().map(|b| b.digest.clone()))
        .bind(now)
        .execute(&mut *w.tx)
        .await?;
        w.commit().await?;
        let document = Document {
            id,
            verification_id: v.id.clone(),
            slot: doc.slot,
            type_id: doc.type_id,
            country: doc.country,
            status: DocStatus::Uploaded,
            front: doc.front,
            back: doc.back,
            extracted_data: None,
            rules: None,
            decisions: vec![],
            created_at: now,
            updated_at: now,
        };
        Ok((document, replaced))
    }

    /// Removes a document; returns its object keys to delete after commit.
    pub async fn delete_document(
        &self,
        v: &Verification,
        document_id: &str,
    ) -> Result<Vec<String>, StoreError> {
        let now = now_micros();
        let mut w = self.db.begin_write().await?;
        bump_version(&mut w, v, now).await?;
        let row = sqlx::query(
            "SELECT front_key, back_key FROM documents WHERE id = $1 AND verification_id = $2",
        )
        .bind(document_id)
        .bind(&v.id)
        .fetch_optional(&mut *w.tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let mut keys = vec![text(&row, "front_key")?];
        keys.extend(opt_text(&row, "back_key")?);
        sqlx::query("DELETE FROM documents WHERE id = $1")
            .bind(document_id)
            .execute(&mut *w.tx)
            .await?;
        enqueue_object_purge(&mut w, &keys, now).await?;
        w.commit().await?;
        Ok(keys)
    }
}

/// The caller deletes replaced images at once after commit; this job, in the
/// same transaction as the row change, makes sure they go even if that
/// delete fails or the process dies first.
async fn enqueue_object_purge(
    w: &mut WriteTx,
    keys: &[String],
    now: i64,
) -> Result<(), StoreError> {
    if keys.is_empty() {
        return Ok(());
    }
    let job =
        NewJob::new(JobKind::PurgeObjects, serde_json::json!({ "keys": keys })).delayed(60_000_000);
    insert_job(w, &job, now).await
}

/// Every change to a verification's documents moves its version, so an upload
/// racing a submit cannot slip in after the submit read the documents.
async fn bump_version(w: &mut WriteTx, v: &Verification, now: i64) -> Result<(), StoreError> {
    let res = sqlx::query(
        "UPDATE verifications SET version = version + 1, updated_at = $1 \
         WHERE id = $2 AND version = $3 AND deleted_at IS NULL",
    )
    .bind(now)
    .bind(&v.id)
    .bind(v.version)
    .execute(&mut *w.tx)
    .await?;
    if res.rows_affected() != 1 {
        return Err(StoreError::Conflict);
    }
    Ok(())
}

/// One document's pipeline verdict: extracted data and rules sealed, status,
/// and a system decision.
async fn record_result(
    w: &mut WriteTx,
    v: &Verification,
    r: &DocumentResult,
    now: i64,
) -> Result<(), StoreError> {
    let extracted = v.data_key.seal(
        &serde_json::to_vec(&r.extracted)?,
        &aad("extracted", &r.document_id),
    )?;
    let rules = v.data_key.seal(
        &serde_json::to_vec(&r.rules)?,
        &aad("rules", &r.document_id),
    )?;
    sqlx::query(
        "UPDATE documents SET status = $1, extracted_data_enc = $2, rules_enc = $3, updated_at = $4 \
         WHERE id = $5 AND verification_id = $6",
    )
    .bind(r.status.label())
    .bind(extracted)
    .bind(rules)
    .bind(now)
    .bind(&r.document_id)
    .bind(&v.id)
    .execute(&mut *w.tx)
    .await?;
    sqlx::query(
        "INSERT INTO decisions (id, document_id, decision, source, actor, comment_enc, created_at) \
         VALUES ($1, $2, $3, 'system', 'system', NULL, $4)",
    )
    .bind(new_id("dec"))
    .bind(&r.document_id)
    .bind(r.decision)
    .bind(now)
    .execute(&mut *w.tx)
    .await?;
    Ok(())
}

/// The document side of a transition, inside its transaction.
pub(crate) async fn apply_effect(
    w: &mut WriteTx,
    v: &Verification,
    t: &Transition,
    now: i64,
) -> Result<(), StoreError> {
    match &t.documents {
        DocumentEffect::None => {}
        DocumentEffect::Reset => {
            let status = DocStatus::Uploaded.label();
            sqlx::query(
                "UPDATE documents SET status = $1, extracted_data_enc = NULL, rules_enc = NULL, \
                 updated_at = $2 WHERE verification_id = $3",
            )
            .bind(status)
            .bind(now)
            .bind(&v.id)
            .execute(&mut *w.tx)
            .await?;
        }
        DocumentEffect::Results(results) => {
            for r in results {
                record_result(w, v, r, now).await?;
            }
        }
        DocumentEffect::SetStatus(status, decision) => {
            sqlx::query(
                "UPDATE documents SET status = $1, updated_at = $2 WHERE verification_id = $3",
            )
            .bind(status.label())
            .bind(now)
            .bind(&v.id)
            .execute(&mut *w.tx)
            .await?;
            if let Some(decision) = decision {
                let ids = sqlx::query("SELECT id FROM documents WHERE verification_id = $1")
                    .bind(&v.id)
                    .fetch_all(&mut *w.tx)
                    .await?;
                for row in ids {
                    let id = new_id("dec");
                    let comment = t
                        .comment
                        .as_ref()
                        .map(|c| v.data_key.seal(c.as_bytes(), &aad("decision", &id)))
                        .transpose()?;
                    sqlx::query(
                        "INSERT INTO decisions (id, document_id, decision, source, actor, \
                         comment_enc, created_at) VALUES ($1, $2, $3, 'manual', $4, $5, $6)",
                    )
                    .bind(&id)
                    .bind(text(&row, "id")?)
                    .bind(*decision)
                    .bind(&t.actor)
                    .bind(comment)
                    .bind(now)
                    .execute(&mut *w.tx)
                    .await?;
                }
            }
        }
    }
    Ok(())
}

impl Store {
    /// The document and its live verification, for serving a signed file URL
    /// (the signature has already proved the caller was given this link).
    pub async fn document_for_file(
        &self,
        document_id: &str,
    ) -> Result<Option<(Verification, Document)>, StoreError> {
        let row = sqlx::query(
            "SELECT v.workspace_id, v.id FROM documents d JOIN verifications v \
             ON v.id = d.verification_id WHERE d.id = $1 AND v.deleted_at IS NULL",
        )
        .bind(document_id)
        .fetch_optional(&self.db.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let Some(v) = self
            .get_verification(&text(&row, "workspace_id")?, &text(&row, "id")?)
            .await?
        else {
            return Ok(None);
        };
        let doc = self
            .documents(&v)
            .await?
            .into_iter()
            .find(|d| d.id == document_id);
        Ok(doc.map(|d| (v, d)))
    }
}

impl Store {
    /// Documents of a verification being read by the pipeline show Processing.
    pub async fn mark_processing(&self, v: &Verification) -> Result<(), StoreError> {
        let mut w = self.db.begin_write().await?;
        sqlx::query("UPDATE documents SET status = $1, updated_at = $2 WHERE verification_id = $3")
            .bind(DocStatus::Processing.label())
            .bind(now_micros())
            .bind(&v.id)
            .execute(&mut *w.tx)
            .await?;
        w.commit().await?;
        Ok(())
    }
}
