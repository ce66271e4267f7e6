//! 1,000 events to a slow receiver while they are being produced: every one
//! is delivered, exactly once according to both the receiver and the attempt
//! log, none lost.

use super::*;
use std::collections::HashSet;

const VERIFICATIONS: usize = 50;
const FLIPS: usize = 20;

#[tokio::test]
async fn a_thousand_events_to_a_slow_receiver_arrive_exactly_once() {
    let app = app().await;
    let rx = Receiver::start().await;
    rx.slow(Duration::from_millis(30));
    let (wh, secret) = endpoint(&app, &rx.url, Some(json!(["verification.finished"]))).await;
    let dispatcher = with_settings(&app, |s| {
        s.schedule = RetrySchedule(vec![Duration::from_secs(1); 7])
    });
    colleckt::jobs::webhooks::spawn(&dispatcher).unwrap();

    let mut ids = vec![];
    for _ in 0..VERIFICATIONS {
        ids.push(app.create(&homer()).await);
    }
    // Each verification flips approved ↔ rejected: one `finished` event each time.
    let flips = ids.iter().map(|id| {
        let app = &app;
        async move {
            for i in 0..FLIPS {
                let action = if i & 1 == 0 { "approve" } else { "reject" };
                let path = format!("/api/v1/usps1583/verifications/{id}/{action}");
                let (s, v) = app.put(&path, &actor("flip")).await;
                assert_eq!(s, 200, "{v}");
            }
        }
    });
    futures::future::join_all(flips).await;
    let total = VERIFICATIONS * FLIPS;

    let hits = rx.wait_for(total, Duration::from_secs(120)).await;
    let d = wait_status(&app, &wh, "succeeded", None, Duration::from_secs(30)).await;
    assert_eq!(d.len(), total);
    for delivery in &d {
        assert_eq!(delivery["attempt_count"], 1, "{delivery}");
        assert_eq!(delivery["attempts"].as_array().unwrap().len(), 1);
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let hits_after = rx.hits();
    assert_eq!(hits_after.len(), total, "no duplicates arrived");
    let distinct: HashSet<&str> = hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(distinct.len(), total);
    let logged: HashSet<&str> = d.iter().map(|d| d["event_id"].as_str().unwrap()).collect();
    assert_eq!(logged, distinct);
    for h in hits.iter().step_by(97) {
        verify(&secret, h).unwrap();
    }
    assert_eq!(app.state.store.pending_events().await.unwrap(), 0);
}
