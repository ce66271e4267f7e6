use crate::helpers::*;
use serde_json::json;

#[tokio::test]
async fn create_returns_the_seeds_shape_in_started() {
    let app = TestApp::spawn().await;
    let (status, body) = app.post("/api/v1/usps1583/verifications", &homer()).await;
    assert_eq!(status, 201, "{body}");
    let d = &body["data"];
    assert!(d["id"].as_str().unwrap().starts_with("ver_"));
    let url = d["url"].as_str().unwrap();
    assert!(
        url.starts_with(&format!("{}/spa/v3/", app.base)) && url.ends_with("/process"),
        "{url}"
    );
    let session = url
        .trim_start_matches(&format!("{}/spa/v3/", app.base))
        .trim_end_matches("/process");
    assert!(session.len() >= 22, "session token has ≥128 bits");
    assert_eq!(d["qr_code"], format!("{}/qr/{session}", app.base));
    let h = homer();
    assert_eq!(
        d["expected_data"],
        json!({"person": h["person"], "address": h["address"], "documents": h["documents"]})
    );
    assert_eq!(d["status_label"], "Started");
    assert_eq!(d["submitted_at"], json!(null));
    assert_eq!(d["flow"], "USPS 1583");
    assert_eq!(d["comments"], json!([]));
    let ts = d["created_at"].as_str().unwrap();
    assert_eq!(ts.len(), "2026-06-10T20:50:15.000000Z".len());
    assert!(ts.ends_with('Z'));
    // History starts with the creation.
    let (_, got) = app
        .get(&format!(
            "/api/v1/usps1583/verifications/{}",
            d["id"].as_str().unwrap()
        ))
        .await;
    let history = got["data"]["history"].as_array().unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["from_status"], json!(null));
    assert_eq!(history[0]["to_status"], "Started");
    assert!(history[0]["id"].as_str().unwrap().starts_with("hist_"));
}

#[tokio::test]
async fn countries_are_uppercased_and_types_canonical() {
    let app = TestApp::spawn().await;
    let mut body = homer();
    body["address"]["country"] = json!("usa");
    body["documents"]["photo_id"] = json!({"type": "passport", "number": "X1", "country": "usa"});
    let (s, v) = app.post("/api/v1/usps1583/verifications", &body).await;
    assert_eq!(s, 201, "{v}");
    let e = &v["data"]["expected_data"];
    assert_eq!(e["address"]["country"], "USA");
    assert_eq!(e["documents"]["photo_id"]["country"], "USA");
    assert_eq!(e["documents"]["photo_id"]["type"], "Passport");
    assert_eq!(e["address"]["state"], "Tennessee");
}

#[tokio::test]
async fn validation_errors_are_422_keyed_by_field_path() {
    let app = TestApp::spawn().await;
    let cases = [
        (
            json!({}),
            vec![
                "person",
                "address",
                "documents.photo_id",
                "documents.proof_of_address",
            ],
        ),
        (
            {
                let mut b = homer();
                b["person"] = json!({"last_name": "S"});
                b
            },
            vec!["person.first_name"],
        ),
        (
            {
                let mut b = homer();
                b["address"]["state"] = json!(null);
                b
            },
            vec!["address.state"],
        ),
        (
            {
                let mut b = homer();
                b["address"]["country"] = json!("XXX");
                b
            },
            vec!["address.country"],
        ),
        (
            {
                let mut b = homer();
                b["documents"]["proof_of_address"]["country"] = json!("FRA");
                b
            },
            vec!["documents.proof_of_address.type"],
        ),
        (
            {
                let mut b = homer();
                b["documents"]["proof_of_address"]["type"] = json!("Passport");
                b
            },
            vec!["documents.proof_of_address.type"],
        ),
        (
            {
                let mut b = homer();
                b["documents"]["photo_id"]["type"] = json!("Driver License");
                b
            },
            vec!["documents.photo_id.type"],
        ),
        (
            {
                let mut b = homer();
                b["documents"]["photo_id"]["number"] = json!("");
                b
            },
            vec!["documents.photo_id.number"],
        ),
        (
            {
                let mut b = homer();
                b["documents"]["proof_of_address"]["type"] = json!("Utility Bill");
                b
            },
            vec!["documents.proof_of_address.type"],
        ),
        (
            {
                let mut b = homer();
                b["person"]["first_name"] = json!(42);
                b
            },
            vec!["person.first_name"],
        ),
        (
            {
                let mut b = homer();
                b["person"]["date_of_birth"] = json!("1988-13-45");
                b
            },
            vec!["person.date_of_birth"],
        ),
        (
            {
                let mut b = homer();
                b["redirect_url"] = json!("http://evil.example/");
                b
            },
            vec!["redirect_url"],
        ),
    ];
    for (body, fields) in cases {
        let (s, v) = app.post("/api/v1/usps1583/verifications", &body).await;
        assert_eq!(s, 422, "{body} → {v}");
        assert!(v["message"].is_string());
        for f in fields {
            assert!(v["errors"][f].is_array(), "{f} missing in {v} for {body}");
        }
    }
    // Nothing was written by any refused request.
    let (_, list) = app.get("/api/v1/usps1583/verifications").await;
    assert_eq!(list["meta"]["total"], 0);
}

#[tokio::test]
async fn idempotency_key_replays_and_conflicts() {
    let app = TestApp::spawn().await;
    let send = |body: serde_json::Value, key: &'static str| {
        let app = &app;
        async move {
            let res = app
                .client
                .post(app.url("/api/v1/usps1583/verifications"))
                .bearer_auth(&app.token)
                .header("Idempotency-Key", key)
                .json(&body)
                .send()
                .await
                .unwrap();
            let replayed = res.headers().contains_key("idempotent-replayed");
            let (s, v) = json_of(res).await;
            (s, v, replayed)
        }
    };
    let (s1, v1, r1) = send(homer(), "key-1").await;
    let (s2, v2, r2) = send(homer(), "key-1").await;
    assert_eq!((s1, s2, r1, r2), (201, 201, false, true));
    assert_eq!(v1, v2);
    let mut other = homer();
    other["vendor_reference"] = json!("REF-999");
    let (s3, v3, _) = send(other, "key-1").await;
    assert_eq!(s3, 409, "{v3}");
    let (_, list) = app.get("/api/v1/usps1583/verifications").await;
    assert_eq!(list["meta"]["total"], 1);
}
