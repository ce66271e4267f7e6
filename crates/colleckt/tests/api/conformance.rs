//! Conformance: replays every example request of the seeds (Verifications API
//! and widget integration) and compares each response with the seeds' example
//! response field by field — every field present, same JSON type, timestamps
//! in the seeds' format, ids with their prefixes, and the values that follow
//! from the request (status labels, flow, expected data, comments) equal.

use crate::helpers::*;
use serde_json::{json, Value};

fn seeds() -> Value {
    serde_json::from_str(include_str!("fixtures/seeds.json")).unwrap()
}

fn is_timestamp(s: &str) -> bool {
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.6fZ").is_ok() && s.len() == 27
}

/// Every field of `expected` is in `actual` with the same type and format.
fn assert_shape(path: &str, expected: &Value, actual: &Value) {
    match expected {
        Value::Object(fields) => {
            let obj = actual
                .as_object()
                .unwrap_or_else(|| panic!("{path}: expected an object, got {actual}"));
            for (k, ev) in fields {
                let av = obj
                    .get(k)
                    .unwrap_or_else(|| panic!("{path}.{k} is missing in {actual}"));
                assert_shape(&format!("{path}.{k}"), ev, av);
            }
        }
        Value::Array(items) => {
            let arr = actual
                .as_array()
                .unwrap_or_else(|| panic!("{path}: expected an array, got {actual}"));
            if let Some(first) = items.first() {
                assert!(
                    !arr.is_empty(),
                    "{path}: the seeds show items, the response has none"
                );
                for (i, a) in arr.iter().enumerate() {
                    assert_shape(&format!("{path}[{i}]"), first, a);
                }
            }
        }
        // The seeds show null where a value may be absent: any type is allowed.
        Value::Null => {}
        Value::String(s) => {
            let a = actual.as_str();
            if a.is_none()
                && (path.ends_with("submitted_at")
                    || path.ends_with("prev")
                    || path.ends_with("next")
                    || path.ends_with("url_back")
                    || path.ends_with("comment")
                    || path.ends_with("from_status"))
            {
                return;
            }
            let a = a.unwrap_or_else(|| panic!("{path}: expected a string, got {actual}"));
            if is_timestamp(s) {
                assert!(
                    is_timestamp(a),
                    "{path}: {a} is not in the seeds' timestamp format"
                );
            }
            for prefix in ["ver_", "doc_", "hist_"] {
                if s.starts_with(prefix) {
                    assert!(
                        a.starts_with(prefix),
                        "{path}: {a} lacks the {prefix} prefix"
                    );
                }
            }
            if s.contains("/spa/v3/") {
                assert!(
                    a.contains("/spa/v3/") && a.ends_with("/process"),
                    "{path}: {a}"
                );
            }
            if s.contains("/qr/") {
                assert!(a.contains("/qr/"), "{path}: {a}");
            }
            // The list example shows another verification, and array items (documents)
            // differ from the seeds' single example item: compare their shapes only.
            if path.starts_with("list") || path.contains('[') {
                return;
            }
            if path.ends_with("status_label")
                || path.ends_with(".flow")
                || path.ends_with("type_label")
                || path.ends_with("iso3")
                || path.ends_with("iso2")
                || path.ends_with("country.name")
            {
                assert_eq!(a, s, "{path}");
            }
        }
        Value::Number(_) => assert!(
            actual.is_number(),
            "{path}: expected a number, got {actual}"
        ),
        Value::Bool(_) => assert!(actual.is_boolean(), "{path}: expected a bool, got {actual}"),
    }
}

#[tokio::test]
async fn every_seeds_example_replays_with_the_seeds_shape() {
    let app = TestApp::spawn().await;
    let s = seeds();
    let base = "/api/v1/usps1583/verifications";

    // Create.
    let (status, created) = app.post(base, &s["create_request"]).await;
    assert_eq!(status, 201, "{created}");
    assert_shape("create", &s["create_response"], &created);
    let req = &s["create_request"];
    assert_eq!(
        created["data"]["expected_data"],
        json!({"person": req["person"], "address": req["address"],
        "documents": req["documents"]})
    );
    assert_eq!(created["data"]["vendor_reference"], req["vendor_reference"]);
    let id = created["data"]["id"].as_str().unwrap().to_string();
    let path = format!("{base}/{id}");

    // List.
    let (status, list) = app.get(&format!("{base}?page=1")).await;
    assert_eq!(status, 200);
    assert_shape("list", &s["list_response"], &list);
    assert_eq!(list["meta"]["per_page"], 15);

    // Update.
    let (status, updated) = app.patch(&path, &s["update_request"]).await;
    assert_eq!(status, 200, "{updated}");
    assert_shape("update", &s["update_response"], &updated);
    assert_eq!(
        updated["data"]["expected_data"]["person"],
        s["update_request"]["person"]
    );
    assert_eq!(updated["data"]["vendor_reference"], "REF-002");
    assert_eq!(updated["data"]["expected_data"]["address"], req["address"]);

    // Submit (after the documents the verification expects).
    app.upload_all(&id).await;
    let (status, submitted) = app.put(&format!("{path}/submit"), &Value::Null).await;
    assert_eq!(status, 200, "{submitted}");
    assert_shape("submit", &s["submit_response"], &submitted);

    // Approve, then get: the detailed shape with documents and history.
    let (status, approved) = app
        .put(&format!("{path}/approve"), &s["approve_request"])
        .await;
    assert_eq!(status, 200, "{approved}");
    assert_shape("approve", &s["approve_response"], &approved);
    assert_eq!(
        approved["data"]["comments"][0]["content"],
        s["approve_request"]["comment"]
    );
    let (status, got) = app.get(&path).await;
    assert_eq!(status, 200);
    assert_shape("get", &s["get_response"], &got);
    let history = got["data"]["history"].as_array().unwrap();
    assert_eq!(history.len(), 3);
    assert_eq!(history[0]["user"], s["approve_request"]["email"]);

    // Reject, resubmit, cancel.
    let (status, rejected) = app
        .put(&format!("{path}/reject"), &s["reject_request"])
        .await;
    assert_eq!(status, 200, "{rejected}");
    assert_shape("reject", &s["reject_response"], &rejected);
    assert_eq!(
        rejected["data"]["comments"][1]["content"],
        s["reject_request"]["comment"]
    );
    let (status, resubmitted) = app
        .put(&format!("{path}/resubmit"), &s["resubmit_request"])
        .await;
    assert_eq!(status, 200, "{resubmitted}");
    assert_shape("resubmit", &s["resubmit_response"], &resubmitted);
    let (status, canceled) = app
        .put(&format!("{path}/cancel"), &s["cancel_request"])
        .await;
    assert_eq!(status, 200, "{canceled}");
    assert_shape("cancel", &s["cancel_response"], &canceled);

    // Delete: 204, no body.
    let res = app
        .request(reqwest::Method::DELETE, &path, &app.token, None)
        .await;
    assert_eq!(res.status(), 204);
    assert!(res.bytes().await.unwrap().is_empty());
}

#[tokio::test]
async fn the_widget_seeds_create_example_is_accepted() {
    let app = TestApp::spawn().await;
    let body = json!({
        "vendor_reference": "CUST-001",
        "person": {"first_name": "Homer", "last_name": "Simpson", "date_of_birth": ""},
        "address": {"street": "742 Evergreen Terrace", "city": "Springfield", "state": "Tennessee",
                    "postal_code": "92026", "country": "USA"},
        "documents": {
            "photo_id": {"type": "Passport", "number": "AB123456", "country": "USA"},
            "proof_of_address": {"type": "Driver License", "number": "", "country": "USA"}
        }
    });
    let (status, v) = app.post("/api/v1/usps1583/verifications", &body).await;
    assert_eq!(status, 201, "{v}");
    assert_eq!(v["data"]["expected_data"]["person"]["date_of_birth"], "");
    assert_eq!(
        v["data"]["expected_data"]["documents"]["proof_of_address"]["number"],
        ""
    );
}

#[test]
fn the_shape_check_can_fail() {
    let r = std::panic::catch_unwind(|| assert_shape("x", &json!({"a": "b"}), &json!({})));
    assert!(r.is_err());
    let r = std::panic::catch_unwind(|| {
        assert_shape(
            "x",
            &json!({"t": "2026-06-11T07:36:11.000000Z"}),
            &json!({"t": "2026-06-11"}),
        )
    });
    assert!(r.is_err());
}
