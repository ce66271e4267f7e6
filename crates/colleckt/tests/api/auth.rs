use crate::helpers::*;
use reqwest::Method;
use serde_json::json;

#[tokio::test]
async fn missing_bad_and_revoked_tokens_are_401_with_the_seeds_body() {
    let app = TestApp::spawn().await;
    let res = app
        .client
        .get(app.url("/api/v1/usps1583/verifications"))
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(res).await;
    assert_eq!(
        (status, body),
        (401, json!({"message": "Unauthenticated."}))
    );
    for bad in ["nope", "clk_wrong", &"x".repeat(5000)] {
        let res = app
            .request(Method::GET, "/api/v1/usps1583/verifications", bad, None)
            .await;
        assert_eq!(
            json_of(res).await,
            (401, json!({"message": "Unauthenticated."}))
        );
    }
    let ws = app
        .state
        .store
        .workspace_by_slug("acme")
        .await
        .unwrap()
        .unwrap();
    let (id, token) = app.state.store.create_token(&ws.id, "temp").await.unwrap();
    let res = app
        .request(Method::GET, "/api/v1/verifications", &token, None)
        .await;
    assert_eq!(res.status(), 200);
    assert!(app.state.store.revoke_token(&id).await.unwrap());
    let res = app
        .request(Method::GET, "/api/v1/verifications", &token, None)
        .await;
    assert_eq!(res.status(), 401);
}

#[tokio::test]
async fn another_workspace_sees_nothing() {
    let app = TestApp::spawn().await;
    let id = app.create(&homer()).await;
    app.upload_all(&id).await;
    let other = |m: Method, p: String| {
        let app = &app;
        async move { json_of(app.request(m, &p, &app.other_token, None).await).await }
    };
    let base = format!("/api/v1/usps1583/verifications/{id}");
    assert_eq!(other(Method::GET, base.clone()).await.0, 404);
    assert_eq!(other(Method::GET, format!("{base}/documents")).await.0, 404);
    assert_eq!(other(Method::DELETE, base.clone()).await.0, 404);
    let (s, list) = other(Method::GET, "/api/v1/usps1583/verifications".into()).await;
    assert_eq!(s, 200);
    assert_eq!(list["data"], json!([]));
    assert_eq!(list["meta"]["total"], 0);
    let (s, list) = other(Method::GET, "/api/v1/verifications".into()).await;
    assert_eq!((s, list["meta"]["total"].as_i64()), (200, Some(0)));
    // The owner still sees it, untouched.
    let (s, v) = app.get(&base).await;
    assert_eq!(
        (s, v["data"]["status_label"].as_str()),
        (200, Some("Started"))
    );
}

#[tokio::test]
async fn flows_are_listed_and_unknown_flows_are_404() {
    let app = TestApp::spawn().await;
    let (s, flows) = app.get("/api/v1/flows").await;
    assert_eq!(s, 200);
    assert_eq!(flows["data"][0]["id"], "usps1583");
    let (s, flow) = app.get("/api/v1/flows/usps1583").await;
    assert_eq!(s, 200);
    let types = flow["data"]["document_types"].as_array().unwrap();
    assert_eq!(types.len(), 18);
    let dl = types
        .iter()
        .find(|t| t["name"] == "Driver License")
        .unwrap();
    assert_eq!(dl["id"], 2);
    assert_eq!(dl["sides"], json!(["front", "back"]));
    assert_eq!(dl["countries"], json!(["USA"]));
    assert_eq!(app.get("/api/v1/flows/nope").await.0, 404);
    assert_eq!(
        app.get("/api/v1/nope/verifications").await,
        (404, json!({"message": "Flow not found."}))
    );
    assert_eq!(
        app.post("/api/v1/nope/verifications", &homer()).await.0,
        404
    );
}
