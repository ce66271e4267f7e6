use crate::helpers::*;
use serde_json::json;

#[tokio::test]
async fn patch_merges_only_given_fields() {
    let app = TestApp::spawn().await;
    let id = app.create(&homer()).await;
    let path = format!("/api/v1/usps1583/verifications/{id}");
    let (s, v) = app
        .patch(
            &path,
            &json!({"vendor_reference": "REF-002",
        "person": {"first_name": "Homer J."}}),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    let d = &v["data"];
    assert_eq!(d["vendor_reference"], "REF-002");
    assert_eq!(d["vendor_state"], "TN");
    assert_eq!(
        d["expected_data"]["person"],
        json!({"first_name": "Homer J.", "last_name": "Simpson",
        "date_of_birth": "1988-05-06"})
    );
    assert_eq!(d["expected_data"]["address"], homer()["address"]);
    assert_eq!(d["status_label"], "Started");
    // A data-only PATCH writes no history.
    let (_, got) = app.get(&path).await;
    assert_eq!(got["data"]["history"].as_array().unwrap().len(), 1);
    // Invalid merges are refused and change nothing.
    let (s, v) = app.patch(&path, &json!({"documents": {"proof_of_address": {"type": "Passport", "country": "USA", "number": ""}}})).await;
    assert_eq!(s, 422, "{v}");
    let (s, v) = app
        .patch(
            &path,
            &json!({"address": {"country": "USA", "state": null}}),
        )
        .await;
    assert_eq!(s, 422, "{v}");
    let (_, got) = app.get(&path).await;
    assert_eq!(
        got["data"]["expected_data"]["person"]["first_name"],
        "Homer J."
    );
}

#[tokio::test]
async fn patch_status_needs_comment_and_email_and_records_history() {
    let app = TestApp::spawn().await;
    let id = app.create(&homer()).await;
    let path = format!("/api/v1/usps1583/verifications/{id}");
    let (s, v) = app.patch(&path, &json!({"status": 8})).await;
    assert_eq!(s, 422);
    assert!(
        v["errors"]["comment"].is_array() && v["errors"]["email"].is_array(),
        "{v}"
    );
    assert_eq!(
        app.patch(
            &path,
            &json!({"status": 9, "comment": "x", "email": "a@b.co"})
        )
        .await
        .0,
        422
    );
    let (s, v) = app
        .patch(
            &path,
            &json!({"status": 8, "comment": "waiting for docs", "email": "ops@example.com"}),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(v["data"]["status_label"], "Hold");
    let (_, got) = app.get(&path).await;
    let h = &got["data"]["history"][0];
    assert_eq!(
        (h["from_status"].as_str(), h["to_status"].as_str()),
        (Some("Started"), Some("Hold"))
    );
    assert_eq!(
        (h["user"].as_str(), h["comment"].as_str()),
        (Some("ops@example.com"), Some("waiting for docs"))
    );
    // Status 5 re-runs the pipeline: a job is queued in the same transaction.
    let before = app.state.store.pending_jobs("pipeline").await.unwrap();
    let (s, _) = app
        .patch(
            &path,
            &json!({"status": 5, "comment": "recheck", "email": "ops@example.com"}),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(
        app.state.store.pending_jobs("pipeline").await.unwrap(),
        before + 1
    );
    // Canceled verifications cannot be patched.
    app.put(&format!("{path}/cancel"), &actor("dup")).await;
    let (s, v) = app.patch(&path, &json!({"vendor_reference": "x"})).await;
    assert_eq!(
        (s, v["message"].as_str()),
        (400, Some("The verification is canceled."))
    );
}

#[tokio::test]
async fn delete_hides_at_once_and_makes_images_unreadable() {
    let app = TestApp::spawn().await;
    let id = app.create(&homer()).await;
    app.upload_all(&id).await;
    let path = format!("/api/v1/usps1583/verifications/{id}");
    let (_, got) = app.get(&path).await;
    let file_url = got["data"]["documents"][0]["url_front"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        app.client.get(&file_url).send().await.unwrap().status(),
        200
    );
    let res = app
        .request(reqwest::Method::DELETE, &path, &app.token, None)
        .await;
    assert_eq!(res.status(), 204);
    assert_eq!(res.text().await.unwrap(), "");
    assert_eq!(app.get(&path).await.0, 404);
    assert_eq!(
        app.client.get(&file_url).send().await.unwrap().status(),
        404
    );
    let (_, list) = app.get("/api/v1/usps1583/verifications").await;
    assert_eq!(list["meta"]["total"], 0);
    let res = app
        .request(reqwest::Method::DELETE, &path, &app.token, None)
        .await;
    assert_eq!(res.status(), 404);
    // Deleted in any status: a canceled one too.
    let id2 = app.create(&homer()).await;
    let p2 = format!("/api/v1/usps1583/verifications/{id2}");
    app.put(&format!("{p2}/cancel"), &actor("x")).await;
    assert_eq!(
        app.request(reqwest::Method::DELETE, &p2, &app.token, None)
            .await
            .status(),
        204
    );
    assert_eq!(app.state.store.pending_jobs("purge").await.unwrap(), 2);
}
