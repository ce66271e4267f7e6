//! Hostile and broken requests get a typed 4xx with a clear JSON message:
//! never a 500, never a half-written record.

use crate::helpers::*;
use serde_json::{json, Value};

#[tokio::test]
async fn malformed_bodies_are_clear_4xx_and_write_nothing() {
    let app = TestApp::spawn().await;
    let url = app.url("/api/v1/usps1583/verifications");
    let send = |ct: &'static str, body: Vec<u8>| {
        let app = &app;
        let url = url.clone();
        async move {
            let res = app
                .client
                .post(url)
                .bearer_auth(&app.token)
                .header("content-type", ct)
                .body(body)
                .send()
                .await
                .unwrap();
            json_of(res).await
        }
    };
    let (s, v) = send("application/json", b"{\"person\": ".to_vec()).await;
    assert_eq!(s, 400, "{v}");
    assert!(v["message"].as_str().unwrap().contains("not valid JSON"));
    let (s, _) = send("application/json", vec![0xFF, 0xFE, b'{', b'}']).await;
    assert_eq!(s, 400);
    let (s, _) = send("text/plain", b"{}".to_vec()).await;
    assert_eq!(s, 415);
    let (s, _) = send("application/json", b"[1,2,3]".to_vec()).await;
    assert_eq!(s, 422);
    let (s, _) = send("application/json", b"\"just a string\"".to_vec()).await;
    assert_eq!(s, 422);
    let huge = format!("{{\"vendor_reference\": \"{}\"}}", "x".repeat(600 * 1024));
    let (s, _) = send("application/json", huge.into_bytes()).await;
    assert_eq!(s, 413);
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let (s, _) = send("application/json", deep.into_bytes()).await;
    assert!(s == 400 || s == 422, "{s}");
    let mut b = homer();
    b["person"]["first_name"] = json!("x".repeat(10_000));
    b["vendor_reference"] = json!({"nested": true});
    b["address"] = json!([1, 2]);
    let (s, v) = app.post("/api/v1/usps1583/verifications", &b).await;
    assert_eq!(s, 422, "{v}");
    assert!(
        v["errors"]["person.first_name"].is_array() && v["errors"]["vendor_reference"].is_array(),
        "{v}"
    );
    let (_, list) = app.get("/api/v1/usps1583/verifications").await;
    assert_eq!(list["meta"]["total"], 0);
}

#[tokio::test]
async fn unknown_routes_and_methods_are_json() {
    let app = TestApp::spawn().await;
    let (s, v) = app.get("/api/v1/nothing/here/at/all").await;
    assert_eq!((s, v["message"].is_string()), (404, true));
    let res = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let res = app.client.get(app.url("/readyz")).send().await.unwrap();
    let (s, v) = json_of(res).await;
    assert_eq!(
        (s, v["database"].as_str(), v["storage"].as_str()),
        (200, Some("ok"), Some("ok"))
    );
}

#[tokio::test]
async fn openapi_describes_every_endpoint() {
    let app = TestApp::spawn().await;
    let res = app
        .client
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap();
    let (s, spec) = json_of(res).await;
    assert_eq!(s, 200);
    assert!(spec["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths = spec["paths"].as_object().unwrap();
    assert_unique_operation_ids(paths);
    assert_valid_by_openapi_spec_validator(&spec);
    for (path, methods) in [
        ("/api/v1/verifications", &["get"][..]),
        ("/api/v1/{flow}/verifications", &["get", "post"]),
        (
            "/api/v1/{flow}/verifications/{verification}",
            &["get", "patch", "delete"],
        ),
        (
            "/api/v1/{flow}/verifications/{verification}/submit",
            &["put"],
        ),
        (
            "/api/v1/{flow}/verifications/{verification}/resubmit",
            &["put"],
        ),
        (
            "/api/v1/{flow}/verifications/{verification}/approve",
            &["put"],
        ),
        (
            "/api/v1/{flow}/verifications/{verification}/reject",
            &["put"],
        ),
        (
            "/api/v1/{flow}/verifications/{verification}/cancel",
            &["put"],
        ),
        (
            "/api/v1/{flow}/verifications/{verification}/documents",
            &["get", "post"],
        ),
        (
            "/api/v1/{flow}/verifications/{verification}/documents/{document}",
            &["get", "delete"],
        ),
        ("/api/v1/flows", &["get"]),
        ("/api/v1/flows/{flow}", &["get"]),
    ] {
        for m in methods {
            assert!(
                paths[path][m].is_object(),
                "{m} {path} missing from OpenAPI"
            );
        }
    }
    assert!(spec["components"]["schemas"]["VerificationResource"].is_object());
    let docs = app.client.get(app.url("/docs")).send().await.unwrap();
    assert_eq!(docs.status(), 200);
    assert!(docs.text().await.unwrap().contains("openapi.json"));
}

/// Every operation names itself, and no two alike: clients generated from the
/// document take their method names from `operationId`.
fn assert_unique_operation_ids(paths: &serde_json::Map<String, Value>) {
    let mut seen = std::collections::BTreeMap::new();
    for (path, methods) in paths {
        for (method, op) in methods.as_object().unwrap() {
            let id = op["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{method} {path} has no operationId"));
            if let Some(other) = seen.insert(id.to_string(), format!("{method} {path}")) {
                panic!("operationId {id} names both {other} and {method} {path}");
            }
        }
    }
    assert!(seen.len() >= 20, "{seen:?}");
}

/// The document as `openapi-spec-validator` (installed by scripts/install-deps
/// in .tools/venv) sees it.
fn assert_valid_by_openapi_spec_validator(spec: &Value) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let python = root.join(".tools/venv/bin/python");
    assert!(
        python.exists(),
        "{} is missing: run scripts/install-deps (scripts/test does)",
        python.display()
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("openapi.json");
    std::fs::write(&file, serde_json::to_vec(spec).unwrap()).unwrap();
    let out = std::process::Command::new(python)
        .args(["-m", "openapi_spec_validator"])
        .arg(&file)
        .output()
        .expect("run openapi-spec-validator");
    assert!(
        out.status.success(),
        "openapi-spec-validator: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
