//! The audit log: every sign-in, failed sign-in and console action, kept per
//! workspace, listed newest first and exported whole by admins.

use crate::ids::{new_id, now_micros};
use crate::rows::{int, opt_text, text};
use crate::{AuditEntry, Store, StoreError};

/// One thing to record. `actor` is a console user's email (or what was typed
/// at a failed sign-in, cut to a sane length).
#[derive(Debug, Clone, Default)]
pub struct AuditRecord<'a> {
    pub workspace_id: &'a str,
    pub actor: &'a str,
    pub action: &'a str,
    pub target: Option<&'a str>,
    pub detail: Option<&'a str>,
    pub ip: Option<&'a str>,
}

fn entry(row: &sqlx::any::AnyRow) -> Result<AuditEntry, StoreError> {
    Ok(AuditEntry {
        id: text(row, "id")?,
        actor: text(row, "actor")?,
        action: text(row, "action")?,
        target: opt_text(row, "target")?,
        detail: opt_text(row, "detail")?,
        ip: opt_text(row, "ip")?,
        created_at: int(row, "created_at")?,
    })
}

fn cut(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

impl Store {
    pub async fn audit(&self, r: &AuditRecord<'_>) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO audit_log (id, workspace_id, actor, action, target, detail, ip, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(new_id("aud"))
        .bind(r.workspace_id)
        .bind(cut(r.actor, 200))
        .bind(cut(r.action, 100))
        .bind(r.target.map(|t| cut(t, 200)))
        .bind(r.detail.map(|d| cut(d, 500)))
        .bind(r.ip.map(|i| cut(i, 64)))
        .bind(now_micros())
        .execute(&self.db.pool)
        .await?;
        Ok(())
    }

    /// One page, newest first, and the total.
    pub async fn audit_page(
        &self,
        workspace_id: &str,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<AuditEntry>, i64), StoreError> {
        let total = sqlx::query("SELECT COUNT(*) AS n FROM audit_log WHERE workspace_id = $1")
            .bind(workspace_id)
            .fetch_one(&self.db.pool)
            .await?;
        let rows = sqlx::query(&format!(
            "SELECT id, actor, action, target, detail, ip, created_at FROM audit_log \
             WHERE workspace_id = $1 ORDER BY created_at DESC, id DESC \
             LIMIT {} OFFSET {}",
            limit.clamp(1, 100_000),
            offset.max(0)
        ))
        .bind(workspace_id)
        .fetch_all(&self.db.pool)
        .await?;
        let items = rows.iter().map(entry).collect::<Result<_, _>>()?;
        Ok((items, int(&total, "n")?))
    }
}
