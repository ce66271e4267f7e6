//! `kill -9` in the middle of the pipeline: the real binary is killed while it
//! reads the documents of a submitted verification; after a restart another
//! worker takes the job once its lease runs out, and the verification reaches
//! exactly one decision.

use crate::pipeline::{anna_smith, anna_smith_lease, corpus};
use crate::webhooks::binary::*;
use reqwest::Method;
use serde_json::Value;
use std::time::{Duration, Instant};

const LEASE: &str = "2";

fn decisions(v: &Value) -> usize {
    v["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["from_status"] == "Submitted")
        .count()
}

#[tokio::test]
async fn a_kill_9_mid_pipeline_still_ends_in_one_decision() {
    let dir = tempfile::tempdir().unwrap();
    let (database_url, api) = binary_setup(dir.path()).await;
    let port = api.port();
    let envs = [("COLLECKT_JOB_LEASE_SECONDS", LEASE)];
    let server = serve_with(dir.path(), &database_url, port, 1, &envs).await;

    let body = anna_smith();
    let (s, v) = api
        .call(Method::POST, "/api/v1/usps1583/verifications", Some(body))
        .await;
    assert_eq!(s, 201, "{v}");
    let id = v["data"]["id"].as_str().unwrap().to_string();
    api.upload_ok(&id, "photo_id", corpus("passport-000-clean.png"))
        .await;
    let lease = anna_smith_lease();
    api.upload_ok(&id, "proof_of_address", lease).await;
    let (s, v) = api
        .call(
            Method::PUT,
            &format!("/api/v1/usps1583/verifications/{id}/submit"),
            None,
        )
        .await;
    assert_eq!(s, 200, "{v}");

    // Kill as soon as the worker has started reading the documents.
    let start = Instant::now();
    loop {
        let v = api.verification(&id).await;
        let docs = v["documents"].as_array().unwrap();
        if docs.iter().any(|d| d["status_label"] == "Processing") {
            break;
        }
        assert_eq!(
            v["status_label"], "Submitted",
            "decided before the kill: {v}"
        );
        assert!(start.elapsed() < Duration::from_secs(30), "never processed");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    drop(server); // SIGKILL

    let _server = serve_with(dir.path(), &database_url, port, 1, &envs).await;
    let v = api.verification(&id).await;
    assert_eq!(
        v["status_label"], "Submitted",
        "the kill came after the decision, so nothing was tested: {v}"
    );
    let start = Instant::now();
    let decided = loop {
        let v = api.verification(&id).await;
        if v["status_label"] != "Submitted" {
            break v;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no decision after the restart"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(decided["status_label"], "Approved", "{decided}");
    assert_eq!(decisions(&decided), 1, "{decided}");
    // Longer than a lease: nobody decides a second time.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let again = api.verification(&id).await;
    assert_eq!(decisions(&again), 1, "{again}");
    assert_eq!(again["history"], decided["history"]);
}
