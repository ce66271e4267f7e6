//! What happened to a verification: history rows and comments (public ones the
//! API shows, private reviewer notes it never does).

use crate::db::WriteTx;
use crate::ids::new_id;
use crate::rows::{int, opt_blob, opt_int, text};
use crate::{Comment, DataKey, HistoryEntry, Store, StoreError, Verification};
use colleckt_domain::Status;

fn status(v: Option<i64>) -> Result<Option<Status>, StoreError> {
    v.map(|s| Status::from_value(s).ok_or_else(|| StoreError::Corrupt(format!("status {s}"))))
        .transpose()
}

fn open_text(key: &DataKey, sealed: &[u8], aad: &str) -> Result<String, StoreError> {
    String::from_utf8(key.open(sealed, aad)?).map_err(|_| StoreError::Corrupt("utf-8".into()))
}

/// One history row; its comment sealed with the verification's key.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn insert_history(
    w: &mut WriteTx,
    key: &DataKey,
    verification_id: &str,
    from: Option<Status>,
    to: Status,
    actor: &str,
    comment: Option<&str>,
    now: i64,
    seq: i64,
) -> Result<(), StoreError> {
    let id = new_id("hist");
    let comment = comment
        .map(|c| key.seal(c.as_bytes(), &format!("history:{id}")))
        .transpose()?;
    sqlx::query(
        "INSERT INTO history (id, verification_id, from_status, to_status, actor, comment_enc, \
         created_at, seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&id)
    .bind(verification_id)
    .bind(from.map(Status::value))
    .bind(to.value())
    .bind(actor)
    .bind(comment)
    .bind(now)
    .bind(seq)
    .execute(&mut *w.tx)
    .await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn insert_comment(
    w: &mut WriteTx,
    key: &DataKey,
    verification_id: &str,
    content: &str,
    status: Option<Status>,
    actor: &str,
    private: bool,
    now: i64,
    seq: i64,
) -> Result<(), StoreError> {
    let id = new_id("cmt");
    sqlx::query(
        "INSERT INTO comments (id, verification_id, content_enc, status, actor, private, \
         created_at, seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&id)
    .bind(verification_id)
    .bind(key.seal(content.as_bytes(), &format!("comment:{id}"))?)
    .bind(status.map(Status::value))
    .bind(actor)
    .bind(i64::from(private))
    .bind(now)
    .bind(seq)
    .execute(&mut *w.tx)
    .await?;
    Ok(())
}

impl Store {
    /// A reviewer's private note: a comment the API and webhooks never show.
    pub async fn add_private_note(
        &self,
        v: &Verification,
        author: &str,
        content: &str,
    ) -> Result<(), StoreError> {
        let mut w = self.db.begin_write().await?;
        insert_comment(
            &mut w,
            &v.data_key,
            &v.id,
            content,
            None,
            author,
            true,
            crate::ids::now_micros(),
            v.version,
        )
        .await?;
        w.commit().await?;
        Ok(())
    }

    /// Newest first.
    pub async fn history(&self, v: &Verification) -> Result<Vec<HistoryEntry>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, from_status, to_status, actor, comment_enc, created_at FROM history \
             WHERE verification_id = $1 ORDER BY seq DESC, created_at DESC",
        )
        .bind(&v.id)
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let id = text(r, "id")?;
                let comment = opt_blob(r, "comment_enc")?
                    .map(|c| open_text(&v.data_key, &c, &format!("history:{id}")))
                    .transpose()?;
                Ok(HistoryEntry {
                    from_status: status(opt_int(r, "from_status")?)?,
                    to_status: status(Some(int(r, "to_status")?))?
                        .ok_or_else(|| StoreError::Corrupt("to_status".into()))?,
                    actor: text(r, "actor")?,
                    comment,
                    created_at: int(r, "created_at")?,
                    id,
                })
            })
            .collect()
    }

    /// Oldest first; private notes only when asked for (the console).
    pub async fn comments(
        &self,
        v: &Verification,
        include_private: bool,
    ) -> Result<Vec<Comment>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, content_enc, status, actor, private, created_at FROM comments \
             WHERE verification_id = $1 AND (private = 0 OR $2 = 1) ORDER BY seq, created_at",
        )
        .bind(&v.id)
        .bind(i64::from(include_private))
        .fetch_all(&self.db.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let id = text(r, "id")?;
                let sealed = opt_blob(r, "content_enc")?.unwrap_or_default();
                Ok(Comment {
                    content: open_text(&v.data_key, &sealed, &format!("comment:{id}"))?,
                    status: status(opt_int(r, "status")?)?,
                    actor: text(r, "actor")?,
                    private: int(r, "private")? != 0,
                    created_at: int(r, "created_at")?,
                    id,
                })
            })
            .collect()
    }

    /// Public comments for a page of verifications, in one query.
    pub async fn public_comments_for(
        &self,
        vs: &[Verification],
    ) -> Result<Vec<Vec<Comment>>, StoreError> {
        if vs.is_empty() {
            return Ok(vec![]);
        }
        let placeholders = crate::repo::placeholders(vs.len());
        let sql = format!(
            "SELECT id, verification_id, content_enc, status, actor, private, created_at \
             FROM comments WHERE private = 0 AND verification_id IN ({placeholders}) \
             ORDER BY seq, created_at"
        );
        let mut q = sqlx::query(&sql);
        for v in vs {
            q = q.bind(v.id.clone());
        }
        let rows = q.fetch_all(&self.db.pool).await?;
        let mut out: Vec<Vec<Comment>> = vec![vec![]; vs.len()];
        for r in &rows {
            let vid = text(r, "verification_id")?;
            let Some(i) = vs.iter().position(|v| v.id == vid) else {
                continue;
            };
            let id = text(r, "id")?;
            let sealed = opt_blob(r, "content_enc")?.unwrap_or_default();
            out[i].push(Comment {
                content: open_text(&vs[i].data_key, &sealed, &format!("comment:{id}"))?,
                status: status(opt_int(r, "status")?)?,
                actor: text(r, "actor")?,
                private: false,
                created_at: int(r, "created_at")?,
                id,
            });
        }
        Ok(out)
    }
}
