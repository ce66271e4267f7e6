//! The expiry sweep: a Started verification past its flow's TTL becomes
//! Expired with a history entry and a delivered `verification.expired` event;
//! submitted or younger ones are left alone, and a second sweep does nothing.

use crate::helpers::*;
use crate::webhooks::receiver::Receiver;
use crate::webhooks::{drain, endpoint, private};
use colleckt::jobs::expiry::sweep;
use colleckt_store::ids::now_micros;

const DAY: i64 = 86_400_000_000;

#[tokio::test]
async fn started_verifications_past_their_ttl_expire_once() {
    let app = TestApp::spawn_with(private()).await;
    let rx = Receiver::start().await;
    let (_, _) = endpoint(&app, &rx.url, None).await;
    let stale = app.create(&homer()).await;
    let submitted = app.create(&homer()).await;
    app.upload_all(&submitted).await;
    let (s, b) = app
        .put(
            &format!("/api/v1/usps1583/verifications/{submitted}/submit"),
            &serde_json::json!(null),
        )
        .await;
    assert_eq!(s, 200, "{b}");
    drain(&app.state).await;
    let before = rx.count();

    // Not yet due: nothing happens.
    assert_eq!(sweep(&app.state, now_micros() + 29 * DAY).await.unwrap(), 0);
    // 30 days (the usps1583 TTL) later, only the Started one expires.
    let later = now_micros() + 30 * DAY + 1;
    assert_eq!(sweep(&app.state, later).await.unwrap(), 1);
    assert_eq!(sweep(&app.state, later).await.unwrap(), 0, "a second sweep");

    let (_, v) = app
        .get(&format!("/api/v1/usps1583/verifications/{stale}"))
        .await;
    assert_eq!(v["data"]["status_label"], "Expired");
    let last = v["data"]["history"][0].clone(); // newest first
    assert_eq!(last["from_status"], "Started", "{last}");
    assert_eq!(last["to_status"], "Expired", "{last}");
    assert_eq!(last["user"], "system");
    let (_, other) = app
        .get(&format!("/api/v1/usps1583/verifications/{submitted}"))
        .await;
    assert_eq!(other["data"]["status_label"], "Submitted");

    assert_eq!(drain(&app.state).await, 1);
    let hits = rx.hits();
    assert_eq!(hits.len(), before + 1);
    let body = hits.last().unwrap().json();
    assert_eq!(body["type"], "verification.expired");
    assert_eq!(body["data"]["id"], stale.as_str());

    // The widget of an expired verification says so.
    let url = v["data"]["url"].as_str().unwrap();
    let token = url.trim_end_matches("/process").rsplit('/').next().unwrap();
    let (s, state) = json_of(
        app.client
            .get(app.url(&format!("/spa/v3/{token}/api/state")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 200, "{state}");
    assert_eq!(state["phase"], "expired", "{state}");
}
