use crate::helpers::*;
use serde_json::json;

#[tokio::test]
async fn submit_requires_every_document_and_started_status() {
    let app = TestApp::spawn().await;
    let id = app.create(&homer()).await;
    let path = format!("/api/v1/usps1583/verifications/{id}");
    let (s, v) = app.put(&format!("{path}/submit"), &json!(null)).await;
    assert_eq!(s, 400);
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .starts_with("Not all required documents have been uploaded"),
        "{v}"
    );
    app.upload(&id, "photo_id", jpeg(300, 200, 1), None).await;
    let (s, v) = app.put(&format!("{path}/submit"), &json!(null)).await;
    assert_eq!(s, 400, "{v}");
    assert!(
        v["message"].as_str().unwrap().contains("Proof of Address"),
        "{v}"
    );
    app.upload(
        &id,
        "proof_of_address",
        jpeg(300, 200, 2),
        Some(jpeg(300, 200, 3)),
    )
    .await;
    let jobs = app.state.store.pending_jobs("pipeline").await.unwrap();
    let (s, v) = app.put(&format!("{path}/submit"), &json!(null)).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["data"]["status_label"], "Submitted");
    assert!(v["data"]["submitted_at"].is_string());
    assert_eq!(
        app.state.store.pending_jobs("pipeline").await.unwrap(),
        jobs + 1
    );
    let (s, v) = app.put(&format!("{path}/submit"), &json!(null)).await;
    assert_eq!(
        (s, v["message"].as_str()),
        (400, Some("The verification is not in Started status."))
    );
    // Once submitted, documents are locked.
    let (s, _) = app.upload(&id, "photo_id", jpeg(300, 200, 9), None).await;
    assert_eq!(s, 400);
}

#[tokio::test]
async fn approve_reject_cancel_follow_the_seeds_rules() {
    let app = TestApp::spawn().await;
    let id = app.create(&homer()).await;
    app.upload_all(&id).await;
    let path = format!("/api/v1/usps1583/verifications/{id}");
    // Comment and email are required (422), before any state check.
    let (s, v) = app
        .put(&format!("{path}/approve"), &json!({"comment": ""}))
        .await;
    assert_eq!(s, 422);
    assert!(
        v["errors"]["comment"].is_array() && v["errors"]["email"].is_array(),
        "{v}"
    );
    assert_eq!(
        app.put(
            &format!("{path}/approve"),
            &json!({"comment": "ok", "email": "not-an-email"})
        )
        .await
        .0,
        422
    );

    let (s, v) = app
        .put(&format!("{path}/approve"), &actor("ID documents match."))
        .await;
    assert_eq!(s, 200, "{v}");
    let d = &v["data"];
    assert_eq!(d["status_label"], "Approved");
    assert_eq!(
        d["comments"],
        json!([{"content": "ID documents match.", "status": "Approved",
        "created_at": d["comments"][0]["created_at"]}])
    );
    for doc in d["documents"].as_array().unwrap() {
        assert_eq!(doc["status_label"], "Approved");
        assert_eq!(doc["decisions"][0]["decision"], "approved");
        assert_eq!(doc["decisions"][0]["source"], "manual");
        assert_eq!(doc["decisions"][0]["user"], "reviewer@example.com");
    }
    let (s, v) = app.put(&format!("{path}/approve"), &actor("again")).await;
    assert_eq!(
        (s, v["message"].as_str()),
        (400, Some("The verification is already approved."))
    );

    let (s, v) = app
        .put(&format!("{path}/reject"), &actor("changed my mind"))
        .await;
    assert_eq!(
        (s, v["data"]["status_label"].as_str()),
        (200, Some("Rejected"))
    );
    let (s, v) = app.put(&format!("{path}/reject"), &actor("again")).await;
    assert_eq!(
        (s, v["message"].as_str()),
        (400, Some("The verification is already rejected."))
    );

    let (s, v) = app
        .put(&format!("{path}/resubmit"), &actor("better photos"))
        .await;
    assert_eq!(
        (s, v["data"]["status_label"].as_str()),
        (200, Some("Submitted")),
        "{v}"
    );
    let (_, got) = app.get(&path).await;
    for doc in got["data"]["documents"].as_array().unwrap() {
        assert_eq!(doc["status_label"], "Uploaded");
        assert_eq!(doc["rules"], json!(null));
    }

    let (s, v) = app
        .put(&format!("{path}/cancel"), &actor("duplicate"))
        .await;
    assert_eq!(
        (s, v["data"]["status_label"].as_str()),
        (200, Some("Canceled"))
    );
    for doc in v["data"]["documents"].as_array().unwrap() {
        assert_eq!(doc["status_label"], "Canceled");
    }
    let (s, v) = app.put(&format!("{path}/cancel"), &actor("again")).await;
    assert_eq!(
        (s, v["message"].as_str()),
        (400, Some("The verification is already canceled."))
    );
    for action in ["approve", "reject", "resubmit"] {
        let (s, v) = app.put(&format!("{path}/{action}"), &actor("x")).await;
        assert_eq!(
            (s, v["message"].as_str()),
            (400, Some("The verification is canceled.")),
            "{action}"
        );
    }
    let (s, _) = app.put(&format!("{path}/submit"), &json!(null)).await;
    assert_eq!(s, 400);

    // History, newest first, every step with its user and comment.
    let (_, got) = app.get(&path).await;
    let steps: Vec<(String, String)> = got["data"]["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["to_status"].as_str().unwrap().into(),
                h["user"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        steps.iter().map(|s| s.0.as_str()).collect::<Vec<_>>(),
        ["Canceled", "Submitted", "Rejected", "Approved", "Started"]
    );
    assert_eq!(steps[0].1, "reviewer@example.com");
    assert_eq!(got["data"]["comments"].as_array().unwrap().len(), 4);
}

#[tokio::test]
async fn verification_of_another_flow_path_is_400_and_bad_ids_404() {
    let app = TestApp::spawn().await;
    let (s, v) = app
        .get("/api/v1/usps1583/verifications/ver_doesnotexist")
        .await;
    assert_eq!(
        (s, v["message"].as_str()),
        (404, Some("Verification not found."))
    );
    for bad in ["x", "ver_%00", "ver_../../etc", &"ver_".repeat(100)] {
        let (s, _) = app
            .get(&format!("/api/v1/usps1583/verifications/{bad}"))
            .await;
        assert_eq!(s, 404, "{bad}");
    }
}
