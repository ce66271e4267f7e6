//! Webhooks end to end (CONTRACT §5): the endpoint API, SSRF refusals, signed
//! deliveries to a real receiver on loopback, event filters, retries with the
//! same `webhook-id`, failure, manual retry, disabling, 1,000 events to a slow
//! receiver exactly once, and a `kill -9` of the real binary with deliveries
//! pending. Delivery is driven explicitly (`drain`) or by a spawned dispatcher.

mod api;
mod bench;
pub mod binary;
mod crash;
mod delivery;
mod load;
pub mod receiver;

pub use self::receiver::*;
pub use crate::helpers::*;
use colleckt::app::AppState;
use colleckt::jobs::webhooks::{RetrySchedule, WebhookSettings};
use serde_json::{json, Value};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Private (loopback, http) targets allowed, retries after 100 ms.
pub fn private() -> WebhookSettings {
    WebhookSettings {
        allow_private: true,
        schedule: RetrySchedule(vec![Duration::from_millis(100); 7]),
        timeout: Duration::from_secs(5),
        poll: Duration::from_millis(20),
        ..WebhookSettings::default()
    }
}

pub async fn app() -> TestApp {
    TestApp::spawn_with(private()).await
}

/// The app's state with other webhook settings (for a dispatcher).
pub fn with_settings(app: &TestApp, change: impl FnOnce(&mut WebhookSettings)) -> AppState {
    let mut settings = (*app.state.webhooks).clone();
    change(&mut settings);
    let mut state = app.state.clone();
    state.webhooks = Arc::new(settings);
    state
}

/// Creates an endpoint; returns (id, secret).
pub async fn endpoint(app: &TestApp, url: &str, events: Option<Value>) -> (String, String) {
    let mut body = json!({"url": url, "description": "test receiver"});
    if let Some(e) = events {
        body["events"] = e;
    }
    let (s, v) = app.post("/api/v1/webhooks", &body).await;
    assert_eq!(s, 201, "{v}");
    (
        v["data"]["id"].as_str().unwrap().to_string(),
        v["data"]["secret"].as_str().unwrap().to_string(),
    )
}

pub async fn cancel(app: &TestApp, id: &str) {
    let path = format!("/api/v1/usps1583/verifications/{id}/cancel");
    let (s, v) = app.put(&path, &actor("no longer needed")).await;
    assert_eq!(s, 200, "{v}");
}

pub async fn approve(app: &TestApp, id: &str) {
    let path = format!("/api/v1/usps1583/verifications/{id}/approve");
    let (s, v) = app.put(&path, &actor("looks right")).await;
    assert_eq!(s, 200, "{v}");
}

/// Every delivery of an endpoint (all pages), newest first.
pub async fn deliveries(app: &TestApp, webhook: &str) -> Vec<Value> {
    let mut all = vec![];
    for page in 1.. {
        let path = format!("/api/v1/webhooks/{webhook}/deliveries?per_page=100&page={page}");
        let (s, v) = app.get(&path).await;
        assert_eq!(s, 200, "{v}");
        let items = v["data"].as_array().unwrap().clone();
        let last = v["meta"]["last_page"].as_i64().unwrap();
        all.extend(items);
        if page >= last {
            break;
        }
    }
    all
}

pub async fn drain(state: &AppState) -> usize {
    colleckt::jobs::webhooks::drain(state).await.expect("drain")
}

/// Waits until every delivery of `webhook` has `status` (panics after `limit`);
/// `state`, when given, is drained on each turn.
pub async fn wait_status(
    app: &TestApp,
    webhook: &str,
    status: &str,
    state: Option<&AppState>,
    limit: Duration,
) -> Vec<Value> {
    let start = Instant::now();
    loop {
        if let Some(state) = state {
            drain(state).await;
        }
        let d = deliveries(app, webhook).await;
        if !d.is_empty() && d.iter().all(|d| d["status"] == status) {
            return d;
        }
        assert!(
            start.elapsed() < limit,
            "deliveries not all {status} after {limit:?}: {d:?}"
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}
