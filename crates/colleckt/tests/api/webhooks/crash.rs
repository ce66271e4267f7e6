//! `kill -9` with deliveries pending: the real binary, a receiver that is down,
//! events in retry and events just committed; killed, restarted with the
//! receiver up, every event arrives. Nothing lives in memory only.

use super::binary::*;
use super::*;
use std::collections::HashSet;

#[tokio::test]
async fn deliveries_pending_at_a_kill_9_arrive_after_the_restart() {
    let dir = tempfile::tempdir().unwrap();
    let (database_url, api) = binary_setup(dir.path()).await;
    let port = api.port();
    let receiver_port = free_port(); // nobody listens there yet

    let server = serve(dir.path(), &database_url, port, 1).await;
    let hook = format!("http://127.0.0.1:{receiver_port}/hooks");
    let (s, v) = api
        .call(
            reqwest::Method::POST,
            "/api/v1/webhooks",
            Some(json!({"url": hook})),
        )
        .await;
    assert_eq!(s, 201, "{v}");
    let wh = v["data"]["id"].as_str().unwrap().to_string();
    let mut verifications = vec![];
    for _ in 0..10 {
        let (s, v) = api
            .call(
                reqwest::Method::POST,
                "/api/v1/usps1583/verifications",
                Some(homer()),
            )
            .await;
        assert_eq!(s, 201, "{v}");
        verifications.push(v["data"]["id"].as_str().unwrap().to_string());
    }
    // Five events that the server has already tried (receiver down) ...
    for id in &verifications[..5] {
        assert_eq!(api.cancel(id).await, 200);
    }
    let start = Instant::now();
    loop {
        let d = api.deliveries(&wh).await;
        if d.len() == 5 && d.iter().all(|d| d["attempt_count"].as_i64() >= Some(1)) {
            assert!(d.iter().all(|d| d["status"] == "pending"), "{d:?}");
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "no attempts: {d:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // ... and five committed just before the kill.
    for id in &verifications[5..] {
        assert_eq!(api.cancel(id).await, 200);
    }
    drop(server); // SIGKILL

    let listener = tokio::net::TcpListener::bind(("127.0.0.1", receiver_port))
        .await
        .expect("receiver port still free");
    let rx = Receiver::serve(listener).await;
    let server = serve(dir.path(), &database_url, port, 1).await;
    let hits = rx.wait_for(10, Duration::from_secs(60)).await;
    let start = Instant::now();
    let d = loop {
        let d = api.deliveries(&wh).await;
        if d.len() == 10 && d.iter().all(|d| d["status"] == "succeeded") {
            break d;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "{d:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let received: HashSet<String> = rx.hits().iter().map(|h| h.id.clone()).collect();
    let logged: HashSet<String> = d
        .iter()
        .map(|d| d["event_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(received, logged, "every event arrived");
    let about: HashSet<String> = hits
        .iter()
        .map(|h| h.json()["data"]["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(about, verifications.into_iter().collect::<HashSet<_>>());
    drop(server);
}
