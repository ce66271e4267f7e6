//! The endpoint API: create (secret once), list, get, delete, validation,
//! workspace isolation, and SSRF refusals at creation and at delivery.

use super::*;
use colleckt::jobs::webhooks::WebhookSettings;
use reqwest::Method;

#[tokio::test]
async fn endpoints_are_created_listed_shown_and_deleted() {
    let app = app().await;
    let (s, v) = app
        .post(
            "/api/v1/webhooks",
            &json!({"url": "http://127.0.0.1:9/h", "events": ["verification.finished"], "description": "CRM"}),
        )
        .await;
    assert_eq!(s, 201, "{v}");
    let d = &v["data"];
    let id = d["id"].as_str().unwrap();
    assert!(id.starts_with("wh_") && id.len() == 27, "{id}");
    let secret = d["secret"].as_str().unwrap();
    assert!(secret.starts_with("whsec_"), "{secret}");
    use base64::Engine as _;
    let raw = base64::engine::general_purpose::STANDARD
        .decode(&secret[6..])
        .unwrap();
    assert!((24..=32).contains(&raw.len()));
    assert_eq!(d["events"], json!(["verification.finished"]));
    assert_eq!(d["url"], "http://127.0.0.1:9/h");
    assert_eq!(d["status"], "enabled");
    assert!(d["created_at"].as_str().unwrap().ends_with('Z'));

    // Shown once: never again, and not stored in clear.
    let (s, list) = app.get("/api/v1/webhooks").await;
    assert_eq!(s, 200, "{list}");
    assert_eq!(list["meta"]["total"], 1);
    assert_eq!(list["data"][0]["id"], id);
    assert!(!list.to_string().contains(secret));
    assert!(list["data"][0].get("secret").is_none());
    let (s, one) = app.get(&format!("/api/v1/webhooks/{id}")).await;
    assert_eq!(s, 200);
    assert_eq!(one["data"]["description"], "CRM");
    assert!(one["data"]["disabled_at"].is_null());
    assert!(!one.to_string().contains(secret));
    if let Some(path) = app.sqlite_path() {
        let db = std::fs::read(path).unwrap();
        assert!(!db.windows(secret.len()).any(|w| w == secret.as_bytes()));
    }

    // Another workspace sees nothing.
    let res = app
        .request(
            Method::GET,
            &format!("/api/v1/webhooks/{id}"),
            &app.other_token,
            None,
        )
        .await;
    assert_eq!(res.status(), 404);
    let res = app
        .request(
            Method::DELETE,
            &format!("/api/v1/webhooks/{id}"),
            &app.other_token,
            None,
        )
        .await;
    assert_eq!(res.status(), 404);
    let res = app
        .request(Method::GET, "/api/v1/webhooks", &app.other_token, None)
        .await;
    let (_, other) = json_of(res).await;
    assert_eq!(other["meta"]["total"], 0);

    // No events: every event.
    let (s, v) = app
        .post(
            "/api/v1/webhooks",
            &json!({"url": "http://127.0.0.1:9/all"}),
        )
        .await;
    assert_eq!(s, 201);
    assert!(v["data"]["events"].is_null());

    let (s, _) = app
        .call(Method::DELETE, &format!("/api/v1/webhooks/{id}"), None)
        .await;
    assert_eq!(s, 204);
    let (s, v) = app.get(&format!("/api/v1/webhooks/{id}")).await;
    assert_eq!(
        (s, v["message"].as_str()),
        (404, Some("Webhook not found."))
    );
    let (s, _) = app.get(&format!("/api/v1/webhooks/{id}/deliveries")).await;
    assert_eq!(s, 404);
    let (s, _) = app.get("/api/v1/webhooks/nonsense").await;
    assert_eq!(s, 404);
    let res = app
        .request(Method::GET, "/api/v1/webhooks", "clk_wrong", None)
        .await;
    assert_eq!(res.status(), 401);

    let (_, spec) = app.get("/api/openapi.json").await;
    for path in [
        "/api/v1/webhooks",
        "/api/v1/webhooks/{webhook}",
        "/api/v1/webhooks/{webhook}/deliveries",
        "/api/v1/webhooks/{webhook}/deliveries/{delivery}/retry",
    ] {
        assert!(spec["paths"][path].is_object(), "{path} missing in OpenAPI");
    }
}

#[tokio::test]
async fn create_bodies_are_validated() {
    let app = app().await;
    for (body, field) in [
        (json!({}), "url"),
        (json!({"url": 5}), "url"),
        (json!({"url": "not a url"}), "url"),
        (json!({"url": "ftp://example.com/"}), "url"),
        (json!({"url": "https://u:p@example.com/"}), "url"),
        (
            json!({"url": "https://93.184.216.34/", "events": ["verification.started"]}),
            "events.0",
        ),
        (
            json!({"url": "https://93.184.216.34/", "events": "verification.finished"}),
            "events",
        ),
        (
            json!({"url": "https://93.184.216.34/", "description": "x".repeat(256)}),
            "description",
        ),
    ] {
        let (s, v) = app.post("/api/v1/webhooks", &body).await;
        assert_eq!(s, 422, "{body} → {v}");
        assert!(v["errors"][field].is_array(), "{body} → {v}");
    }
    let (s, v) = app.post("/api/v1/webhooks", &json!("just a string")).await;
    assert_eq!(s, 422, "{v}");
    let (s, v) = app
        .post(
            "/api/v1/webhooks",
            &json!({"url": "https://93.184.216.34/hook"}),
        )
        .await;
    assert_eq!(s, 201, "{v}");
}

#[tokio::test]
async fn private_targets_are_refused_at_creation_unless_allowed() {
    let app = TestApp::spawn_with(WebhookSettings::default()).await;
    for url in [
        "http://93.184.216.34/hook",
        "https://127.0.0.1/hook",
        "https://127.0.0.1:8443/hook",
        "https://localhost/hook",
        "https://10.0.0.7/",
        "https://192.168.1.10/",
        "https://172.20.0.1/",
        "https://100.64.1.1/",
        "https://169.254.169.254/latest/meta-data/",
        "https://[::1]/",
        "https://[fd00:ec2::254]/",
        "https://[fe80::1]/",
        "https://[::ffff:127.0.0.1]/",
        "https://[::ffff:a9fe:a9fe]/",
        "https://0.0.0.0/",
        "https://224.0.0.1/",
    ] {
        let (s, v) = app.post("/api/v1/webhooks", &json!({"url": url})).await;
        assert_eq!(s, 422, "{url} → {v}");
        assert!(v["errors"]["url"].is_array(), "{url} → {v}");
    }
    let (s, v) = app
        .post(
            "/api/v1/webhooks",
            &json!({"url": "https://93.184.216.34/hook"}),
        )
        .await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(app.get("/api/v1/webhooks").await.1["meta"]["total"], 1);
}

#[tokio::test]
async fn unresolvable_and_private_hosts_get_one_answer() {
    // Two answers would let anyone with a token map the internal DNS.
    let app = TestApp::spawn_with(WebhookSettings::default()).await;
    let mut answers = vec![];
    for url in [
        "https://nonexistent.invalid/hook",
        "https://localhost/hook",
        "https://10.0.0.7/hook",
    ] {
        let (s, v) = app.post("/api/v1/webhooks", &json!({"url": url})).await;
        assert_eq!(s, 422, "{url} → {v}");
        answers.push(v);
    }
    assert_eq!(answers[0], answers[1]);
    assert_eq!(answers[1], answers[2]);
    assert_eq!(
        answers[0]["errors"]["url"],
        json!(["The url's host must resolve to public addresses only."])
    );
}

#[tokio::test]
async fn private_targets_are_refused_at_delivery_too() {
    // Created while allowed (or before a DNS change); delivered while not.
    let app = app().await;
    let rx = Receiver::start().await;
    let (by_name, _) = endpoint(&app, &format!("https://localhost:{}/h", rx.port), None).await;
    let (by_ip, _) = endpoint(&app, &format!("https://127.0.0.1:{}/h", rx.port), None).await;
    let (plain, _) = endpoint(&app, &rx.url, None).await;
    let id = app.create(&homer()).await;
    cancel(&app, &id).await;
    let strict = with_settings(&app, |s| *s = WebhookSettings::default());
    assert_eq!(
        colleckt::jobs::webhooks::run_once(&strict).await.unwrap(),
        3
    );
    for wh in [&by_name, &by_ip, &plain] {
        let d = deliveries(&app, wh).await;
        assert_eq!(d.len(), 1);
        let attempt = &d[0]["attempts"][0];
        assert!(attempt["status_code"].is_null(), "{attempt}");
        let error = attempt["error"].as_str().unwrap();
        assert!(error.starts_with("refused"), "{wh}: {error}");
        assert_eq!(d[0]["status"], "pending", "retried later");
    }
    assert_eq!(rx.count(), 0, "nothing may reach a private address");
}

#[tokio::test]
async fn a_workspace_has_a_bounded_number_of_endpoints() {
    let app = app().await;
    for _ in 0..50 {
        endpoint(&app, "http://127.0.0.1:9/h", None).await;
    }
    let (s, v) = app
        .post("/api/v1/webhooks", &json!({"url": "http://127.0.0.1:9/h"}))
        .await;
    assert_eq!(s, 400, "{v}");
    let (_, list) = app.get("/api/v1/webhooks?per_page=20&page=3").await;
    assert_eq!(list["data"].as_array().unwrap().len(), 10);
    assert_eq!(list["meta"]["last_page"], 3);
}
