//! The hostile-file suite (scripts/gen-hostile-files) through the real API of
//! the real binary: each file gets the typed 4xx its manifest names at
//! upload, or is accepted and its verification goes to Double Check; the
//! `serve` process stays up throughout, and an ordinary verification
//! submitted afterwards is still approved.

use crate::helpers::*;
use crate::pipeline::{anna_smith, anna_smith_lease, corpus};
use crate::webhooks::binary::*;
use reqwest::Method;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

struct Case {
    name: String,
    slot: String,
    upload: u16,
    bytes: Vec<u8>,
}

fn suite(dir: &Path) -> Vec<Case> {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scripts/gen-hostile-files");
    let out = Command::new("python3")
        .arg(script)
        .arg(dir)
        .output()
        .expect("run scripts/gen-hostile-files");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(dir.join("manifest.tsv"))
        .unwrap()
        .lines()
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            Case {
                name: f[0].to_string(),
                slot: f[1].to_string(),
                upload: f[2].parse().unwrap(),
                bytes: std::fs::read(dir.join(f[0])).unwrap(),
            }
        })
        .collect()
}

/// A verification for the corpus's Anna Smith with `slot` holding `file` and
/// the other slot her genuine document; submitted if the upload was accepted.
async fn submit_with(api: &Api, slot: &str, file: Vec<u8>) -> (String, u16, Value) {
    let id = api.create(anna_smith()).await;
    let (status, body) = api.upload_front(&id, slot, file).await;
    if status != 201 {
        return (id, status, body);
    }
    let (other, good) = if slot == "photo_id" {
        ("proof_of_address", anna_smith_lease())
    } else {
        ("photo_id", corpus("passport-000-clean.png"))
    };
    let (s, v) = api.upload_front(&id, other, good).await;
    assert_eq!(s, 201, "{v}");
    let path = format!("/api/v1/usps1583/verifications/{id}/submit");
    let (s, v) = api.call(Method::PUT, &path, None).await;
    assert_eq!(s, 200, "{v}");
    (id, status, body)
}

async fn decided(api: &Api, id: &str, deadline: Instant) -> Value {
    loop {
        let path = format!("/api/v1/usps1583/verifications/{id}");
        let (s, v) = api.call(Method::GET, &path, None).await;
        assert_eq!(s, 200, "{v}");
        if v["data"]["status_label"] != "Submitted" {
            return v["data"].clone();
        }
        assert!(Instant::now() < deadline, "{id} was never decided");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

#[tokio::test]
async fn hostile_files_are_refused_or_double_checked_and_serve_stays_up() {
    let dir = tempfile::tempdir().unwrap();
    let cases = suite(&dir.path().join("hostile"));
    let (database_url, api) = binary_setup(dir.path()).await;
    let _server = serve(dir.path(), &database_url, api.port(), 1).await;

    let mut accepted = vec![];
    for case in cases {
        let (id, status, body) = submit_with(&api, &case.slot, case.bytes).await;
        assert_eq!(status, case.upload, "{}: {body}", case.name);
        if status == 201 {
            accepted.push((case.name, id));
        } else {
            let message = body["message"].as_str().unwrap_or_default();
            assert!(!message.is_empty(), "{}: {body}", case.name);
        }
    }
    assert!(accepted.len() >= 5, "{accepted:?}");
    let deadline = Instant::now() + Duration::from_secs(240);
    for (name, id) in &accepted {
        let v = decided(&api, id, deadline).await;
        assert_eq!(v["status_label"], "Double Check", "{name}: {v}");
    }

    // Still up, and still deciding ordinary verifications.
    let health = reqwest::get(format!("{}/healthz", api.base)).await.unwrap();
    assert_eq!(health.status(), 200);
    let (id, status, body) = submit_with(&api, "photo_id", corpus("passport-000-clean.png")).await;
    assert_eq!(status, 201, "{body}");
    let v = decided(&api, &id, Instant::now() + Duration::from_secs(120)).await;
    assert_eq!(v["status_label"], "Approved", "{v}");
}

#[tokio::test]
async fn the_issues_nested_pdf_gets_a_typed_422_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let cases = suite(&dir.path().join("hostile"));
    let app = TestApp::spawn().await;
    let id = {
        let (s, v) = app
            .post("/api/v1/usps1583/verifications", &anna_smith())
            .await;
        assert_eq!(s, 201, "{v}");
        v["data"]["id"].as_str().unwrap().to_string()
    };
    let nested = cases
        .into_iter()
        .find(|c| c.name == "pdf-nested-arrays.pdf")
        .unwrap();
    let (s, v) = app
        .upload(&id, "proof_of_address", nested.bytes, None)
        .await;
    assert_eq!(s, 422, "{v}");
    assert_eq!(
        v["errors"]["front"][0],
        "The front file is refused: it nests arrays or dictionaries more than 64 levels deep."
    );
    let (_, docs) = app
        .get(&format!("/api/v1/usps1583/verifications/{id}/documents"))
        .await;
    assert_eq!(docs["data"].as_array().map(Vec::len), Some(0), "{docs}");
}
