//! `Idempotency-Key` records (docs/limits.md): a created verification's record
//! is sealed with its data key, so once the verification is deleted (or
//! purged) a replay is a 409, never the old body with its PII and session URL;
//! a webhook endpoint's signing secret is never kept nor replayed; every
//! record is swept 24 hours after it was made.

use crate::helpers::*;
use crate::webhooks::private;
use colleckt_store::IDEMPOTENCY_TTL_MICROS;
use reqwest::{Method, Response};
use serde_json::{json, Value};
use sqlx::Connection;

async fn post_with_key(app: &TestApp, path: &str, key: &str, body: &Value) -> Response {
    app.client
        .post(app.url(path))
        .bearer_auth(&app.token)
        .header("idempotency-key", key)
        .json(body)
        .send()
        .await
        .unwrap()
}

const CREATE: &str = "/api/v1/usps1583/verifications";

/// (verification_id set, wrapped_key set) of every record, in key order.
async fn records(app: &TestApp) -> Vec<(bool, bool)> {
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(&app.database_url)
        .await
        .unwrap();
    let rows: Vec<(Option<String>, Option<Vec<u8>>)> = sqlx::query_as(
        "SELECT verification_id, wrapped_key FROM idempotency_keys ORDER BY idem_key",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    rows.into_iter()
        .map(|(v, k)| (v.is_some(), k.is_some()))
        .collect()
}

#[tokio::test]
async fn a_deleted_verification_is_not_replayed() {
    let app = TestApp::spawn().await;
    let (s, first) = json_of(post_with_key(&app, CREATE, "order-1", &homer()).await).await;
    assert_eq!(s, 201, "{first}");
    let id = first["data"]["id"].as_str().unwrap().to_string();
    assert_eq!(
        records(&app).await,
        vec![(true, false)],
        "sealed with the verification's key"
    );

    let res = post_with_key(&app, CREATE, "order-1", &homer()).await;
    assert_eq!(res.headers()["idempotent-replayed"], "true");
    let (s, replay) = json_of(res).await;
    assert_eq!((s, &replay), (201, &first));

    let res = app
        .request(Method::DELETE, &format!("{CREATE}/{id}"), &app.token, None)
        .await;
    assert_eq!(res.status(), 204);
    let (s, body) = json_of(post_with_key(&app, CREATE, "order-1", &homer()).await).await;
    assert_eq!(s, 409, "{body}");
    assert!(
        body["message"].as_str().unwrap().contains("deleted"),
        "{body}"
    );
    let text = body.to_string();
    assert!(!text.contains("Homer") && !text.contains(&id) && !text.contains("/spa/v3/"));

    // Purged (rows gone after the retention): still a conflict.
    assert!(app.state.store.purge_deleted_rows(&id).await.unwrap());
    let (s, _) = json_of(post_with_key(&app, CREATE, "order-1", &homer()).await).await;
    assert_eq!(s, 409);

    // Another body under the key is the usual conflict; a new key creates.
    let mut other = homer();
    other["vendor_reference"] = json!("REF-002");
    let (s, _) = json_of(post_with_key(&app, CREATE, "order-1", &other).await).await;
    assert_eq!(s, 409);
    let (s, v) = json_of(post_with_key(&app, CREATE, "order-2", &homer()).await).await;
    assert_eq!(s, 201);
    assert_ne!(v["data"]["id"], json!(id));
}

#[tokio::test]
async fn a_webhook_secret_is_never_replayed() {
    let app = TestApp::spawn_with(private()).await;
    let body = json!({"url": "http://127.0.0.1:9/h", "description": "CRM"});
    let (s, first) = json_of(post_with_key(&app, "/api/v1/webhooks", "wh-1", &body).await).await;
    assert_eq!(s, 201, "{first}");
    let secret = first["data"]["secret"].as_str().unwrap().to_string();
    assert!(secret.starts_with("whsec_"));
    assert_eq!(records(&app).await, vec![(false, true)], "a key of its own");

    let res = post_with_key(&app, "/api/v1/webhooks", "wh-1", &body).await;
    assert_eq!(res.headers()["idempotent-replayed"], "true");
    let (s, replay) = json_of(res).await;
    assert_eq!(s, 201);
    assert!(replay["data"].get("secret").is_none(), "{replay}");
    assert!(!replay.to_string().contains(&secret));
    let mut expected = first.clone();
    expected["data"].as_object_mut().unwrap().remove("secret");
    assert_eq!(replay, expected, "the same endpoint, less its secret");
}

#[tokio::test]
async fn records_are_swept_24_hours_after_they_were_made() {
    let app = TestApp::spawn_with(private()).await;
    let body = json!({"url": "http://127.0.0.1:9/h"});
    let (s, first) = json_of(post_with_key(&app, "/api/v1/webhooks", "wh-1", &body).await).await;
    assert_eq!(s, 201, "{first}");
    let (s, _) = json_of(post_with_key(&app, CREATE, "order-1", &homer()).await).await;
    assert_eq!(s, 201);
    let now = colleckt_store::ids::now_micros();
    let sweep = |at| colleckt::jobs::idempotency::sweep(&app.state, at);
    assert_eq!(sweep(now).await.unwrap(), 0);
    assert_eq!(
        sweep(now + IDEMPOTENCY_TTL_MICROS - 60_000_000)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        sweep(now + IDEMPOTENCY_TTL_MICROS + 60_000_000)
            .await
            .unwrap(),
        2
    );
    assert!(records(&app).await.is_empty());

    // The key is free again: the same request creates another endpoint.
    let (s, again) = json_of(post_with_key(&app, "/api/v1/webhooks", "wh-1", &body).await).await;
    assert_eq!(s, 201, "{again}");
    assert_ne!(again["data"]["id"], first["data"]["id"]);
    assert!(again["data"]["secret"].is_string());
}
