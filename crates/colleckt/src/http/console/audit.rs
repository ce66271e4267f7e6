//! `/console/audit`: the workspace's audit log, newest first, a page at a
//! time, and `/console/audit.csv`, the whole log as a download. Admins only:
//! it names every user and address that signed in.

use super::admin::{admin_only, iso, when};
use super::chrome::Chrome;
use super::error::ConsoleResult;
use super::i18n::Tr;
use super::page::render;
use super::session::Console;
use crate::app::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use colleckt_store::{AuditEntry, AuditRecord};
use serde::Deserialize;

const PER_PAGE: i64 = 50;
/// The export's cap: far more than a workspace's console makes in years,
/// and a bound on what one request may hold in memory.
const CSV_MAX_ROWS: i64 = 100_000;

pub struct AuditRow {
    pub when: String,
    pub iso: String,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub detail: String,
    pub ip: String,
}

impl AuditRow {
    fn of(e: &AuditEntry) -> AuditRow {
        AuditRow {
            when: when(e.created_at),
            iso: iso(e.created_at),
            actor: e.actor.clone(),
            action: e.action.clone(),
            target: e.target.clone().unwrap_or_default(),
            detail: e.detail.clone().unwrap_or_default(),
            ip: e.ip.clone().unwrap_or_default(),
        }
    }
}

#[derive(Template)]
#[template(path = "console/audit.html")]
struct AuditPage {
    t: Tr,
    chrome: Chrome,
    rows: Vec<AuditRow>,
    page: i64,
    pages: i64,
    total: i64,
}

impl AuditPage {
    fn prev(&self) -> Option<String> {
        (self.page > 1).then(|| format!("/console/audit?page={}", self.page - 1))
    }

    fn next(&self) -> Option<String> {
        (self.page < self.pages).then(|| format!("/console/audit?page={}", self.page + 1))
    }
}

#[derive(Debug, Deserialize)]
pub struct PageQuery {
    page: Option<i64>,
}

/// `GET /console/audit?page=N`.
pub async fn page(
    State(state): State<AppState>,
    c: Console,
    Query(q): Query<PageQuery>,
) -> ConsoleResult<Response> {
    admin_only(&c)?;
    let page = q.page.unwrap_or(1).clamp(1, 1_000_000);
    let (items, total) = state
        .store
        .audit_page(c.workspace_id(), PER_PAGE, (page - 1) * PER_PAGE)
        .await?;
    let here = format!("/console/audit?page={page}");
    Ok(render(&AuditPage {
        t: c.t,
        chrome: Chrome::of(&c, "audit", here),
        rows: items.iter().map(AuditRow::of).collect(),
        page,
        pages: ((total + PER_PAGE - 1) / PER_PAGE).max(1),
        total,
    }))
}

/// One CSV field: quoted when it holds a separator, quote or line break
/// (RFC 4180), and defused when a spreadsheet would read it as a formula
/// (OWASP's CSV injection advice: a leading `'` makes it text).
pub fn csv_field(value: &str) -> String {
    let mut v = String::with_capacity(value.len() + 2);
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        v.push('\'');
    }
    v.push_str(value);
    if v.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v
    }
}

fn csv_line(fields: &[&str]) -> String {
    let mut line = fields
        .iter()
        .map(|f| csv_field(f))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// `GET /console/audit.csv`: the whole log (up to [`CSV_MAX_ROWS`]), newest
/// first. The export is itself audited.
pub async fn csv(State(state): State<AppState>, c: Console) -> ConsoleResult<Response> {
    admin_only(&c)?;
    let record = AuditRecord {
        workspace_id: c.workspace_id(),
        actor: &c.user.email,
        action: "audit_exported",
        ip: c.origin.ip.as_deref(),
        ..AuditRecord::default()
    };
    state.store.audit(&record).await?;
    let (items, _) = state
        .store
        .audit_page(c.workspace_id(), CSV_MAX_ROWS, 0)
        .await?;
    let mut body = csv_line(&["time", "actor", "action", "target", "detail", "ip"]);
    for e in &items {
        body.push_str(&csv_line(&[
            &iso(e.created_at),
            &e.actor,
            &e.action,
            e.target.as_deref().unwrap_or(""),
            e.detail.as_deref().unwrap_or(""),
            e.ip.as_deref().unwrap_or(""),
        ]));
    }
    let name = format!(
        "attachment; filename=\"audit-{}.csv\"",
        chrono::Utc::now().format("%Y%m%d-%H%M%S")
    );
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&name) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(csv_field("+1"), "'+1");
        assert_eq!(csv_field("-2"), "'-2");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(
            csv_field("=HYPERLINK(\"x\",\"y\")"),
            "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""
        );
        assert_eq!(csv_line(&["a", ""]), "a,\r\n");
    }
}
