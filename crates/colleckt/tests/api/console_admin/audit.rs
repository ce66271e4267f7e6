//! The audit log page and its CSV export: newest first, paginated, proper
//! quoting, formulas defused, admins only.

use super::sign_in::ws;
use crate::console_admin_helpers::*;
use colleckt_store::AuditRecord;

#[tokio::test]
async fn the_audit_log_pages_newest_first() {
    let app = console_app().await;
    let (_, pw) = user(&app, "acme", "aud@acme.test", "admin").await;
    let ws = ws(&app, "acme").await;
    for i in 0..60 {
        let target = format!("target-{i:02}");
        let record = AuditRecord {
            workspace_id: &ws,
            actor: "seed@acme.test",
            action: "seeded",
            target: Some(&target),
            ..AuditRecord::default()
        };
        app.state.store.audit(&record).await.unwrap();
    }
    let b = Browser::signed_in(&app, "aud@acme.test", &pw).await;
    let p = b.get("/console/audit").await;
    assert_eq!(p.status, 200);
    assert!(p.body.contains("Page 1 / 2"), "61 entries, 50 a page");
    let newest = p.body.find("aud@acme.test</td>").unwrap();
    assert!(
        newest < p.body.find("target-59").unwrap(),
        "the sign-in is newest"
    );
    assert!(p.body.contains("href=\"/console/audit?page=2\""));
    let p2 = b.get("/console/audit?page=2").await;
    assert!(p2.body.contains("target-00") && p2.body.contains("href=\"/console/audit?page=1\""));
    let rows = |body: &str| body.matches("<time datetime=").count();
    assert_eq!((rows(&p.body), rows(&p2.body)), (50, 11));
    for i in 0..60 {
        let t = format!("target-{i:02}<");
        assert!(
            p.body.contains(&t) != p2.body.contains(&t),
            "{t} on exactly one page"
        );
    }
    // The other workspace's log is not shown.
    let other = ws_other(&app).await;
    app.state
        .store
        .audit(&AuditRecord {
            workspace_id: &other,
            actor: "spy@other.test",
            action: "elsewhere",
            ..AuditRecord::default()
        })
        .await
        .unwrap();
    let p = b.get("/console/audit").await;
    assert!(!p.body.contains("spy@other.test"));
    let csv = b.get("/console/audit.csv").await;
    assert!(!csv.body.contains("spy@other.test"));
}

async fn ws_other(app: &crate::helpers::TestApp) -> String {
    ws(app, "other").await
}

#[tokio::test]
async fn the_csv_export_quotes_and_defuses_formulas() {
    let app = console_app().await;
    let (_, pw) = user(&app, "acme", "csv@acme.test", "admin").await;
    let b = Browser::signed_in(&app, "csv@acme.test", &pw).await;
    // Values someone typed end up in the log: a token's name, an email.
    let p = b
        .post(
            "/console/admin/tokens",
            "/console/admin/tokens",
            &[("name", "-2+3,\"quoted\"")],
        )
        .await;
    assert_eq!(p.status, 200);
    let p = b
        .post(
            "/console/admin/users",
            "/console/admin/users",
            &[("email", "=1+2@acme.test"), ("role", "reviewer")],
        )
        .await;
    assert_eq!(p.status, 200);

    let res = b.get("/console/audit.csv").await;
    assert_eq!(res.status, 200);
    assert_eq!(res.headers["content-type"], "text/csv; charset=utf-8");
    let disposition = res.headers["content-disposition"].to_str().unwrap();
    assert!(
        disposition.starts_with("attachment; filename=\"audit-"),
        "{disposition}"
    );
    assert!(disposition.ends_with(".csv\""));
    let body = &res.body;
    assert!(
        body.starts_with("time,actor,action,target,detail,ip\r\n"),
        "{body}"
    );
    assert!(
        body.contains(",token_created,tok_") && body.contains(",\"'-2+3,\"\"quoted\"\"\","),
        "{body}"
    );
    assert!(
        body.contains(",user_created,'=1+2@acme.test,role=reviewer,"),
        "{body}"
    );
    assert!(
        body.contains(",audit_exported,"),
        "the export is itself logged"
    );
    assert!(body.contains(&b.ip));
    // Every record parses back to six fields.
    let rows = parse_csv(body);
    assert!(rows.len() >= 5);
    assert!(rows.iter().all(|r| r.len() == 6), "{rows:?}");
    assert!(rows
        .iter()
        .all(|r| r.iter().all(|f| !f.starts_with(['=', '+', '-', '@']))));
}

/// A strict RFC 4180 reader, to check the export parses back.
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field) = (vec![], vec![], String::new());
    let mut chars = s.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}
