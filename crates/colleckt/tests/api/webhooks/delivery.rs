//! Deliveries to a real receiver: signature, payload shape, event filter,
//! retries with the same `webhook-id`, failure after the schedule, manual
//! retry, and an endpoint disabled after failing continuously.

use super::*;
use std::collections::HashSet;

#[tokio::test]
async fn a_status_change_arrives_signed_with_the_verification() {
    let app = app().await;
    let rx = Receiver::start().await;
    let (wh, secret) = endpoint(&app, &rx.url, None).await;
    let id = app.create(&homer()).await;
    cancel(&app, &id).await;
    assert_eq!(drain(&app.state).await, 1);

    let hits = rx.hits();
    assert_eq!(hits.len(), 1);
    let hit = &hits[0];
    verify(&secret, hit).expect("signature verifies");
    // A wrong secret does not verify.
    let other = colleckt::jobs::webhooks::sign::new_secret();
    assert!(verify(&other, hit).is_err());
    let body = hit.json();
    assert_eq!(body["id"], hit.id.as_str());
    assert!(hit.id.starts_with("evt_"), "{}", hit.id);
    assert_eq!(body["type"], "verification.canceled");
    assert!(body["created_at"].as_str().unwrap().ends_with('Z'));
    let data = &body["data"];
    assert_eq!(data["id"], id.as_str());
    assert_eq!(data["status_label"], "Canceled");
    assert_eq!(data["vendor_reference"], "REF-001");
    assert_eq!(data["expected_data"]["person"]["first_name"], "Homer");
    assert_eq!(data["flow"], "USPS 1583");
    assert_eq!(data["comments"][0]["content"], "no longer needed");

    let d = deliveries(&app, &wh).await;
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["status"], "succeeded");
    assert_eq!(d[0]["event_id"], hit.id.as_str());
    assert_eq!(d[0]["event_type"], "verification.canceled");
    assert_eq!(d[0]["attempt_count"], 1);
    assert!(d[0]["next_attempt_at"].is_null());
    let attempt = &d[0]["attempts"][0];
    assert_eq!(attempt["status_code"], 200);
    assert!(attempt["duration_ms"].as_i64().unwrap() >= 0);
    assert!(attempt["error"].is_null());

    // The payload is sealed at rest.
    if let Some(path) = app.sqlite_path() {
        let db = std::fs::read(path).unwrap();
        let needle = b"Homer";
        assert!(!db.windows(needle.len()).any(|w| w == needle));
    }
}

#[tokio::test]
async fn each_endpoint_gets_only_the_events_it_asked_for() {
    let app = app().await;
    let finished_rx = Receiver::start().await;
    let all_rx = Receiver::start().await;
    let other_rx = Receiver::start().await;
    let (finished, _) = endpoint(
        &app,
        &finished_rx.url,
        Some(json!(["verification.finished"])),
    )
    .await;
    let (all, _) = endpoint(&app, &all_rx.url, None).await;
    // Another workspace's endpoint never sees this workspace's events.
    let res = app
        .request(
            reqwest::Method::POST,
            "/api/v1/webhooks",
            &app.other_token,
            Some(&json!({"url": other_rx.url})),
        )
        .await;
    assert_eq!(res.status(), 201);

    let a = app.create(&homer()).await;
    let b = app.create(&homer()).await;
    cancel(&app, &a).await;
    approve(&app, &b).await;
    drain(&app.state).await;

    let types = |rx: &Receiver| {
        let mut t: Vec<String> = rx
            .hits()
            .iter()
            .map(|h| h.json()["type"].as_str().unwrap().to_string())
            .collect();
        t.sort();
        t
    };
    assert_eq!(types(&finished_rx), vec!["verification.finished"]);
    assert_eq!(
        types(&all_rx),
        vec!["verification.canceled", "verification.finished"]
    );
    assert_eq!(other_rx.count(), 0);
    assert_eq!(deliveries(&app, &finished).await.len(), 1);
    assert_eq!(deliveries(&app, &all).await.len(), 2);
    // The same event has the same id at every endpoint.
    let f = &finished_rx.hits()[0];
    assert!(all_rx.hits().iter().any(|h| h.id == f.id));
}

#[tokio::test]
async fn a_receiver_failing_twice_gets_the_same_webhook_id_three_times() {
    let app = app().await;
    let rx = Receiver::start().await;
    rx.fail_first(2, 500);
    let (wh, secret) = endpoint(&app, &rx.url, None).await;
    let id = app.create(&homer()).await;
    cancel(&app, &id).await;
    let dispatcher = with_settings(&app, |s| {
        s.schedule = RetrySchedule(vec![Duration::from_millis(300); 7]);
    });
    colleckt::jobs::webhooks::spawn(&dispatcher).unwrap();

    let hits = rx.wait_for(3, Duration::from_secs(20)).await;
    wait_status(&app, &wh, "succeeded", None, Duration::from_secs(10)).await;
    assert_eq!(hits.len(), 3);
    assert!(hits.iter().all(|h| h.id == hits[0].id), "one webhook-id");
    assert!(hits.iter().all(|h| h.body == hits[0].body), "one body");
    for h in &hits {
        verify(&secret, h).expect("every attempt is signed");
    }
    // The retries waited for the schedule.
    assert!(hits[1].arrived_us - hits[0].arrived_us >= 250_000);
    let d = &deliveries(&app, &wh).await[0];
    assert_eq!(d["attempt_count"], 3);
    let codes: Vec<i64> = d["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["status_code"].as_i64().unwrap())
        .collect();
    assert_eq!(codes, vec![500, 500, 200]);
    assert_eq!(d["attempts"][0]["error"], "the receiver answered HTTP 500");
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(rx.count(), 3, "nothing more after success");
}

#[tokio::test]
async fn after_the_last_attempt_the_delivery_fails_and_can_be_retried_by_hand() {
    let app = app().await;
    let rx = Receiver::start().await;
    rx.fail_first(usize::MAX, 503);
    let (wh, _) = endpoint(&app, &rx.url, None).await;
    let id = app.create(&homer()).await;
    cancel(&app, &id).await;
    let state = with_settings(&app, |s| {
        s.schedule = RetrySchedule(vec![Duration::from_millis(50); 2]);
    });
    wait_status(&app, &wh, "failed", Some(&state), Duration::from_secs(10)).await;
    let d = &deliveries(&app, &wh).await[0];
    assert_eq!(d["attempt_count"], 3, "first attempt + two retries");
    assert_eq!(rx.count(), 3);
    assert!(d["next_attempt_at"].is_null());

    rx.fail_first(0, 503);
    let path = format!(
        "/api/v1/webhooks/{wh}/deliveries/{}/retry",
        d["id"].as_str().unwrap()
    );
    let (s, v) = app.post(&path, &json!(null)).await;
    assert_eq!(s, 202, "{v}");
    assert_eq!(v["data"]["status"], "pending");
    drain(&state).await;
    let d = &deliveries(&app, &wh).await[0];
    assert_eq!(d["status"], "succeeded");
    assert_eq!(d["attempt_count"], 4);
    assert_eq!(rx.count(), 4);
    let ids: HashSet<String> = rx.hits().into_iter().map(|h| h.id).collect();
    assert_eq!(ids.len(), 1);

    let (s, _) = app
        .post(
            &format!("/api/v1/webhooks/{wh}/deliveries/dlv_nope/retry"),
            &json!(null),
        )
        .await;
    assert_eq!(s, 404);
    let res = app
        .request(reqwest::Method::POST, &path, &app.other_token, None)
        .await;
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn an_endpoint_failing_for_too_long_is_disabled() {
    let app = app().await;
    let rx = Receiver::start().await;
    rx.fail_first(usize::MAX, 500);
    let (wh, _) = endpoint(&app, &rx.url, None).await;
    let (a, b) = (app.create(&homer()).await, app.create(&homer()).await);
    cancel(&app, &a).await;
    // "Five days" of failure, compressed: the endpoint is disabled at the
    // first failure that comes after failing_since + disable_after.
    let state = with_settings(&app, |s| {
        s.schedule = RetrySchedule(vec![Duration::from_secs(3600); 7]);
        s.disable_after = Duration::from_millis(150);
    });
    drain(&state).await;
    let (_, v) = app.get(&format!("/api/v1/webhooks/{wh}")).await;
    assert_eq!(v["data"]["status"], "enabled", "{v}");
    assert!(v["data"]["failing_since"].is_string());
    tokio::time::sleep(Duration::from_millis(200)).await;
    cancel(&app, &b).await;
    drain(&state).await;
    let (_, v) = app.get(&format!("/api/v1/webhooks/{wh}")).await;
    assert_eq!(v["data"]["status"], "disabled", "{v}");
    assert!(v["data"]["disabled_at"].is_string());
    let d = deliveries(&app, &wh).await;
    assert_eq!(d.len(), 2);
    assert!(d.iter().all(|d| d["status"] == "failed"), "{d:?}");

    // Disabled: new events are not sent to it.
    let c = app.create(&homer()).await;
    cancel(&app, &c).await;
    drain(&state).await;
    assert_eq!(deliveries(&app, &wh).await.len(), 2);
    let before = rx.count();

    // A manual retry enables it again.
    rx.fail_first(0, 500);
    let first = d[0]["id"].as_str().unwrap();
    let (s, v) = app
        .post(
            &format!("/api/v1/webhooks/{wh}/deliveries/{first}/retry"),
            &json!(null),
        )
        .await;
    assert_eq!(s, 202, "{v}");
    drain(&state).await;
    assert_eq!(rx.count(), before + 1);
    let (_, v) = app.get(&format!("/api/v1/webhooks/{wh}")).await;
    assert_eq!(v["data"]["status"], "enabled", "{v}");
    assert!(v["data"]["failing_since"].is_null());
}

#[tokio::test]
async fn a_deleted_verification_is_not_sent_and_a_deleted_endpoint_stops() {
    let app = app().await;
    let rx = Receiver::start().await;
    let (wh, _) = endpoint(&app, &rx.url, None).await;
    let id = app.create(&homer()).await;
    cancel(&app, &id).await;
    // Fanned out, then the verification is deleted before the attempt.
    colleckt::jobs::webhooks::fanout::fan_out_once(&app.state)
        .await
        .unwrap();
    let (s, _) = app
        .call(
            reqwest::Method::DELETE,
            &format!("/api/v1/usps1583/verifications/{id}"),
            None,
        )
        .await;
    assert_eq!(s, 204);
    drain(&app.state).await;
    assert_eq!(rx.count(), 0);
    let d = deliveries(&app, &wh).await;
    assert_eq!(d[0]["status"], "failed");
    assert!(d[0]["attempts"][0]["error"]
        .as_str()
        .unwrap()
        .contains("deleted"));

    let other = app.create(&homer()).await;
    cancel(&app, &other).await;
    let (s, _) = app
        .call(
            reqwest::Method::DELETE,
            &format!("/api/v1/webhooks/{wh}"),
            None,
        )
        .await;
    assert_eq!(s, 204);
    drain(&app.state).await;
    assert_eq!(rx.count(), 0);
}

#[tokio::test]
async fn purging_a_verification_deletes_its_deliveries_and_no_others() {
    let app = app().await;
    let rx = Receiver::start().await;
    let (wh, _) = endpoint(&app, &rx.url, None).await;
    let gone = app.create(&homer()).await;
    let kept = app.create(&homer()).await;
    cancel(&app, &gone).await;
    cancel(&app, &kept).await;
    assert_eq!(drain(&app.state).await, 2);
    assert_eq!(deliveries(&app, &wh).await.len(), 2);
    let kept_event = rx
        .hits()
        .into_iter()
        .find(|h| h.json()["data"]["id"] == kept.as_str())
        .expect("the kept verification's event")
        .id;

    let path = format!("/api/v1/usps1583/verifications/{gone}");
    let res = app
        .request(reqwest::Method::DELETE, &path, &app.token, None)
        .await;
    assert_eq!(res.status(), 204);
    // Soft-deleted: the deliveries stay until the purge job runs.
    assert_eq!(deliveries(&app, &wh).await.len(), 2);
    let job = colleckt_store::ClaimedJob {
        id: "job_purge_test".into(),
        kind: colleckt_store::JobKind::Purge,
        payload: json!({ "verification_id": gone }),
        attempts: 1,
        max_attempts: 5,
        spent: false,
    };
    colleckt::jobs::purge::run(&app.state, &job)
        .await
        .expect("purge runs");

    let left = deliveries(&app, &wh).await;
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(left[0]["event_id"], kept_event.as_str());
    assert_eq!(left[0]["attempts"].as_array().map(Vec::len), Some(1));
}
