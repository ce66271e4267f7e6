//! Rate limits (docs/limits.md) through the real server: per API token (after
//! authentication), per client address (`X-Forwarded-For` believed from
//! trusted proxies only), per widget session (after the session is validated,
//! whatever its spelling), per widget client address. Every refusal is a 429
//! with `Retry-After` and the JSON error body.

use crate::helpers::*;
use crate::widget::{session, widget_get, widget_submit};
use colleckt::http::limits::{parse_cidrs, parse_rate_limit, RateLimit};
use colleckt::settings::HttpSettings;
use reqwest::{Method, Response};
use serde_json::json;

fn rate(s: &str) -> RateLimit {
    parse_rate_limit(s).unwrap()
}

/// Every limit off: each test turns on the one it checks.
fn unlimited() -> HttpSettings {
    HttpSettings {
        api_rate_limit: RateLimit::Off,
        api_ip_rate_limit: RateLimit::Off,
        widget_rate_limit: RateLimit::Off,
        widget_write_rate_limit: RateLimit::Off,
        widget_ip_rate_limit: RateLimit::Off,
        ..HttpSettings::default()
    }
}

async fn assert_limited(res: Response) {
    assert_eq!(res.status(), 429);
    let retry: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    let (_, body) = json_of(res).await;
    assert_eq!(body, json!({"message": "Too many requests."}));
}

async fn list(app: &TestApp, token: &str) -> Response {
    app.request(Method::GET, "/api/v1/verifications", token, None)
        .await
}

#[tokio::test]
async fn each_api_token_has_a_bucket_made_after_authentication() {
    let app = TestApp::spawn_with_http(HttpSettings {
        api_rate_limit: rate("3/m"),
        ..unlimited()
    })
    .await;
    for _ in 0..5 {
        assert_eq!(list(&app, "not-a-token").await.status(), 401);
    }
    for _ in 0..3 {
        assert_eq!(list(&app, &app.token).await.status(), 200);
    }
    assert_limited(list(&app, &app.token).await).await;
    let (s, _) = app.get("/api/v1/flows").await;
    assert_eq!(s, 429, "one bucket for every route of the token");
    assert_eq!(list(&app, &app.other_token).await.status(), 200);
    assert_eq!(
        list(&app, "not-a-token").await.status(),
        401,
        "an unknown token is refused as such, never limited"
    );
}

#[tokio::test]
async fn each_api_client_address_has_a_bucket_whatever_the_token() {
    let app = TestApp::spawn_with_http(HttpSettings {
        api_ip_rate_limit: rate("4/m"),
        ..unlimited()
    })
    .await;
    assert_eq!(list(&app, "not-a-token").await.status(), 401);
    assert_eq!(list(&app, &app.token).await.status(), 200);
    assert_eq!(list(&app, &app.other_token).await.status(), 200);
    assert_eq!(list(&app, &app.token).await.status(), 200);
    assert_limited(list(&app, &app.other_token).await).await;
    // The peer is no trusted proxy: its X-Forwarded-For is not believed.
    let res = app
        .client
        .get(app.url("/api/v1/verifications"))
        .bearer_auth(&app.token)
        .header("x-forwarded-for", "203.0.113.9")
        .send()
        .await
        .unwrap();
    assert_limited(res).await;
    // Probes are never limited.
    let res = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(res.status(), 200);
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_forwarded_client_is_counted() {
    let app = TestApp::spawn_with_http(HttpSettings {
        api_ip_rate_limit: rate("2/m"),
        trusted_proxies: parse_cidrs("127.0.0.0/8").unwrap(),
        ..unlimited()
    })
    .await;
    let from = |xff: &'static str| {
        app.client
            .get(app.url("/api/v1/verifications"))
            .bearer_auth(&app.token)
            .header("x-forwarded-for", xff)
            .send()
    };
    assert_eq!(from("198.51.100.1").await.unwrap().status(), 200);
    assert_eq!(from("198.51.100.1").await.unwrap().status(), 200);
    assert_limited(from("198.51.100.1").await.unwrap()).await;
    assert_eq!(from("198.51.100.2").await.unwrap().status(), 200);
    // A hop the client wrote itself, left of the real one, changes nothing.
    assert_limited(from("6.6.6.6, 198.51.100.1").await.unwrap()).await;
    // IPv6 clients are counted by their /64.
    assert_eq!(from("2001:db8:1:2::1").await.unwrap().status(), 200);
    assert_eq!(from("2001:db8:1:2::2").await.unwrap().status(), 200);
    assert_limited(from("2001:db8:1:2:ffff::3").await.unwrap()).await;
}

#[tokio::test]
async fn widget_sessions_are_counted_once_valid_under_any_spelling() {
    let app = TestApp::spawn_with_http(HttpSettings {
        widget_rate_limit: rate("3/m"),
        widget_write_rate_limit: rate("2/m"),
        ..unlimited()
    })
    .await;
    let id = app.create(&homer()).await;
    let (token, _, _) = session(&app, &id).await;
    // Unknown and malformed sessions are the widget's 404 and make no bucket.
    for i in 0..30 {
        let fake = format!("{}{i:02}", "A".repeat(41));
        assert_eq!(widget_get(&app, &fake, "state").await.0, 404);
    }
    assert_eq!(widget_get(&app, "%41%42", "state").await.0, 404);
    assert_eq!(app.state.limits.widget_session_buckets(), 0);

    assert_eq!(widget_get(&app, &token, "state").await.0, 200);
    assert_eq!(widget_get(&app, &token, "state").await.0, 200);
    // A percent-encoded spelling of the same token is the same session.
    let encoded = format!("%{:02X}{}", token.as_bytes()[0], &token[1..]);
    assert_ne!(encoded, token);
    assert_eq!(widget_get(&app, &encoded, "state").await.0, 200);
    let res = app
        .client
        .get(app.url(&format!("/spa/v3/{encoded}/api/state")))
        .send()
        .await
        .unwrap();
    assert_limited(res).await;
    assert_eq!(app.state.limits.widget_session_buckets(), 1);

    // Uploads and submits have their own bucket.
    for _ in 0..2 {
        let (s, v) = widget_submit(&app, &token, json!({})).await;
        assert_ne!(s, 429, "{v}");
    }
    let (s, v) = widget_submit(&app, &token, json!({})).await;
    assert_eq!(s, 429, "{v}");
}

#[tokio::test]
async fn each_widget_client_address_has_a_bucket_valid_session_or_not() {
    let app = TestApp::spawn_with_http(HttpSettings {
        widget_ip_rate_limit: rate("3/m"),
        ..unlimited()
    })
    .await;
    let id = app.create(&homer()).await;
    let (token, url, _) = session(&app, &id).await;
    let fake = "A".repeat(43);
    assert_eq!(widget_get(&app, &fake, "state").await.0, 404);
    assert_eq!(app.client.get(&url).send().await.unwrap().status(), 200);
    assert_eq!(widget_get(&app, &token, "state").await.0, 200);
    let res = app
        .client
        .get(app.url(&format!("/spa/v3/{token}/api/state")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["cache-control"], "no-store");
    assert_limited(res).await;
    // The API has limits of its own.
    assert_eq!(list(&app, &app.token).await.status(), 200);
}

#[tokio::test]
async fn metrics_labels_are_route_templates_and_known_methods() {
    let app = TestApp::spawn().await;
    // Installs the process's recorder before the requests to count.
    app.client.get(app.url("/metrics")).send().await.unwrap();
    let brew = Method::from_bytes(b"BREW").unwrap();
    let res = app
        .request(brew.clone(), "/api/v1/verifications", &app.token, None)
        .await;
    assert_eq!(res.status(), 405);
    let res = app
        .request(brew, "/made-up/path-xyzzy", &app.token, None)
        .await;
    assert_eq!(res.status(), 404);
    let (s, _) = app
        .get("/api/v1/usps1583/verifications/ver_nopexyzzy")
        .await;
    assert_eq!(s, 404);
    let text = app
        .client
        .get(app.url("/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text.contains(r#"method="other""#), "{text}");
    assert!(!text.contains("BREW"));
    assert!(text.contains(r#"route="unmatched""#), "{text}");
    // Letters, not digits: a histogram sum could hold any digits.
    assert!(!text.contains("xyzzy"), "no raw path or id is a label");
    assert!(
        text.contains(r#"route="/api/v1/{flow}/verifications/{verification}""#),
        "{text}"
    );
}

#[tokio::test]
async fn every_api_operation_documents_its_429() {
    let app = TestApp::spawn().await;
    let (s, spec) = json_of(
        app.client
            .get(app.url("/api/openapi.json"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(s, 200);
    let mut operations = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let limited = &op["responses"]["429"];
            assert!(
                limited["headers"]["Retry-After"].is_object(),
                "{method} {path}: {limited}"
            );
            operations += 1;
        }
    }
    assert!(operations >= 20, "{operations}");
}
