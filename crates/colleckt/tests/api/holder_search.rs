//! The holder-name search index: written with every create and rename,
//! matched by whole folded words, scoped to the workspace, and rebuilt by the
//! sweep for rows it missed (a crash, an upgrade, a key rotation).

use crate::helpers::{homer, TestApp};
use colleckt_store::ListFilter;
use serde_json::json;

async fn find(app: &TestApp, workspace: &str, query: &str) -> Vec<String> {
    let filter = ListFilter {
        holder_terms: app
            .state
            .store
            .holder_query_terms(workspace, query)
            .unwrap(),
        ..ListFilter::default()
    };
    let (items, total) = app
        .state
        .store
        .list_verifications(workspace, &filter, 50, 0)
        .await
        .unwrap();
    assert_eq!(total as usize, items.len());
    let mut ids: Vec<String> = items.into_iter().map(|v| v.id).collect();
    ids.sort();
    ids
}

async fn workspace(app: &TestApp, slug: &str) -> String {
    app.state
        .store
        .workspace_by_slug(slug)
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test]
async fn names_are_found_by_whole_folded_words_in_their_workspace_only() {
    let app = TestApp::spawn().await;
    let ws = workspace(&app, "acme").await;
    let homer_id = app.create(&homer()).await;
    let mut jose = homer();
    jose["person"]["first_name"] = json!("José María");
    jose["person"]["last_name"] = json!("O'Neil-Smith");
    let jose_id = app.create(&jose).await;

    assert_eq!(find(&app, &ws, "homer").await, vec![homer_id.clone()]);
    assert_eq!(
        find(&app, &ws, "SIMPSON homer").await,
        vec![homer_id.clone()]
    );
    assert_eq!(find(&app, &ws, "jose oneil").await, Vec::<String>::new());
    assert_eq!(
        find(&app, &ws, "maria jose neil").await,
        vec![jose_id.clone()]
    );
    assert!(find(&app, &ws, "hom").await.is_empty(), "whole words only");
    assert!(
        find(&app, &ws, "homer smith").await.is_empty(),
        "every word must match"
    );

    let other = workspace(&app, "other").await;
    assert!(
        find(&app, &other, "homer").await.is_empty(),
        "another workspace finds nothing"
    );

    // A rename through the API moves the terms with it.
    let (status, body) = app
        .patch(
            &format!("/api/v1/usps1583/verifications/{homer_id}"),
            &json!({"person": {"first_name": "Marge", "last_name": "Simpson"}}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(find(&app, &ws, "homer").await.is_empty());
    assert_eq!(find(&app, &ws, "marge simpson").await, vec![homer_id]);
}

#[tokio::test]
async fn the_sweep_indexes_rows_written_without_terms() {
    let app = TestApp::spawn().await;
    let ws = workspace(&app, "acme").await;
    let id = app.create(&homer()).await;
    // As after an upgrade or a crash between the write and its index.
    sqlx_reset(&app, &id).await;
    // The server's own sweeper (at start, then every 10 minutes) may run
    // between the reset and this sweep: then this one finds nothing to do.
    let indexed = colleckt::service::holders::sweep(&app.state).await.unwrap();
    assert!(indexed <= 1, "{indexed}");
    assert_eq!(find(&app, &ws, "homer simpson").await, vec![id]);
    assert!(app
        .state
        .store
        .unindexed_holders(10)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        colleckt::service::holders::sweep(&app.state).await.unwrap(),
        0
    );
}

async fn sqlx_reset(app: &TestApp, id: &str) {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(&app.database_url)
        .await
        .unwrap();
    for sql in [
        "DELETE FROM holder_terms WHERE verification_id = $1",
        "UPDATE verifications SET terms_key = NULL WHERE id = $1",
    ] {
        sqlx::query(sql).bind(id).execute(&mut conn).await.unwrap();
    }
}
