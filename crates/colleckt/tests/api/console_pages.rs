//! What every console response carries, whoever asks: anonymous visitors are
//! sent to sign-in (and back afterwards, never to another site), pages carry
//! the strict headers, the language switch sticks, assets are served.

use crate::helpers::TestApp;

fn header<'a>(res: &'a reqwest::Response, name: &str) -> &'a str {
    res.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

#[tokio::test]
async fn anonymous_visits_go_to_sign_in_and_come_back_only_inside_the_console() {
    let app = TestApp::spawn().await;
    let res = app.client.get(app.url("/console")).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(header(&res, "location"), "/console/queue");

    let res = app
        .client
        .get(app.url("/console/second-factor?x=1"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(
        header(&res, "location"),
        "/console/sign-in?next=%2Fconsole%2Fsecond-factor%3Fx%3D1"
    );

    for (next, kept) in [
        (
            "%2Fconsole%2Fqueue%3Fstatus%3Dall",
            "/console/queue?status=all",
        ),
        ("https%3A%2F%2Fevil.example%2F", "/console/queue"),
        ("%2F%2Fevil.example", "/console/queue"),
    ] {
        let res = app
            .client
            .get(app.url(&format!("/console/sign-in?next={next}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let html = res.text().await.unwrap();
        assert!(
            html.contains(&format!("name=\"next\" value=\"{kept}\"")),
            "{next}: {html}"
        );
    }
}

#[tokio::test]
async fn pages_carry_a_strict_policy_and_are_never_cached() {
    let app = TestApp::spawn().await;
    let res = app
        .client
        .get(app.url("/console/sign-in"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let csp = header(&res, "content-security-policy");
    for directive in [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ] {
        assert!(csp.contains(directive), "{directive} missing from {csp}");
    }
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(header(&res, "x-frame-options"), "DENY");
    assert_eq!(header(&res, "cache-control"), "no-store");
    // The pre-session cookie the sign-in form's token is bound to.
    let cookie = header(&res, "set-cookie");
    assert!(cookie.starts_with("colleckt_presession="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let html = res.text().await.unwrap();
    assert!(!html.contains("style=\""), "no inline style under the CSP");
    assert!(!html.contains("<script>"), "no inline script under the CSP");

    for asset in ["console.css", "console.js"] {
        let res = app
            .client
            .get(app.url(&format!("/console/assets/{asset}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{asset}");
    }
    let res = app
        .client
        .get(app.url("/console/assets/../../etc/passwd"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn the_language_follows_the_switch_then_the_browser() {
    let app = TestApp::spawn().await;
    let res = app
        .client
        .get(app.url("/console/sign-in"))
        .header("accept-language", "es-MX,es;q=0.9,en;q=0.5")
        .send()
        .await
        .unwrap();
    let html = res.text().await.unwrap();
    assert!(html.contains("<html lang=\"es\">") && html.contains("Iniciar sesión"));

    let res = app
        .client
        .get(app.url("/console/lang/en?next=%2Fconsole%2Fsign-in"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(header(&res, "location"), "/console/sign-in");
    let cookie = header(&res, "set-cookie").to_string();
    assert!(cookie.starts_with("colleckt_lang=en;"), "{cookie}");
    let res = app
        .client
        .get(app.url("/console/sign-in"))
        .header("accept-language", "es")
        .header("cookie", "colleckt_lang=en")
        .send()
        .await
        .unwrap();
    let html = res.text().await.unwrap();
    assert!(html.contains("<html lang=\"en\">") && html.contains("Sign in"));
}
