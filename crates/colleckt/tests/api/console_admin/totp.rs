//! Two-step verification end to end: the workspace requires it, a user
//! enrols with a code computed from the secret the page shows, signs out,
//! signs in with password and code; a replayed code is refused. And a user
//! who turns it on from the account page.

use crate::console_admin_helpers::*;

#[tokio::test]
async fn required_totp_enrolment_then_sign_in_with_a_code_and_no_replay() {
    let app = console_app().await;
    let (_, admin_pw) = user(&app, "acme", "admin@acme.test", "admin").await;
    let (_, pw) = user(&app, "acme", "otp@acme.test", "reviewer").await;
    let admin = Browser::signed_in(&app, "admin@acme.test", &admin_pw).await;
    let p = admin
        .post(
            "/console/admin/security",
            "/console/admin/security",
            &[("require_totp", "on")],
        )
        .await;
    assert_eq!(p.location(), "/console/admin/security?done=security_saved");
    let page = admin.get("/console/admin/security").await;
    assert!(page.body.contains("checked"), "{}", page.body);

    // Enrolment at the next sign-in: the page shows the secret and a QR code.
    let b = Browser::new(&app);
    let p = b.sign_in("otp@acme.test", &pw).await;
    assert_eq!((p.status, p.location()), (303, "/console/second-factor"));
    assert_eq!(
        b.get("/console/account").await.location(),
        "/console/second-factor"
    );
    let page = b.get("/console/second-factor").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("data:image/svg+xml;base64,"));
    let secret = base32_decode(&page.by_id("totp-secret"));
    assert_eq!(secret.len(), 20);
    let p = b
        .post(
            "/console/second-factor",
            "/console/second-factor",
            &[("code", "000000")],
        )
        .await;
    assert_eq!(p.status, 401);
    let code = totp_code(&secret, 0);
    let p = b
        .post(
            "/console/second-factor",
            "/console/second-factor",
            &[("code", &code)],
        )
        .await;
    assert_eq!(
        (p.status, p.location()),
        (303, "/console/queue"),
        "{}",
        p.body
    );
    assert_eq!(b.get("/console/account").await.status, 200);
    let p = b.post("/console/account", "/console/sign-out", &[]).await;
    assert_eq!(p.location(), "/console/sign-in");

    // Sign in again: password, then a code. The code just used is refused.
    let p = b.sign_in("otp@acme.test", &pw).await;
    assert_eq!(p.location(), "/console/second-factor");
    let page = b.get("/console/second-factor").await;
    assert!(
        !page.body.contains("totp-secret"),
        "enrolled: no secret shown again"
    );
    let p = b
        .post(
            "/console/second-factor",
            "/console/second-factor",
            &[("code", &code)],
        )
        .await;
    assert_eq!(p.status, 401, "a replayed code is refused");
    assert!(p.body.contains("That code is not valid"));
    // The next step's code (one step of drift is allowed) is accepted.
    let next = totp_code(&secret, 1);
    let p = b
        .post(
            "/console/second-factor",
            "/console/second-factor",
            &[("code", &next)],
        )
        .await;
    assert_eq!((p.status, p.location()), (303, "/console/queue"));

    let actions = audit_actions(&app, "acme").await;
    let mine: Vec<&str> = actions
        .iter()
        .filter(|(who, _)| who == "otp@acme.test")
        .map(|(_, a)| a.as_str())
        .collect();
    assert_eq!(
        mine,
        [
            "sign_in",
            "second_factor_failed",
            "sign_in_password",
            "sign_out",
            "sign_in",
            "totp_enabled",
            "second_factor_failed",
            "sign_in_password"
        ]
    );

    // An admin resets it (a lost phone): enrolment again at next sign-in.
    let id = app
        .state
        .store
        .users_by_email("otp@acme.test")
        .await
        .unwrap()[0]
        .id
        .clone();
    let p = admin
        .post(
            "/console/admin/users",
            &format!("/console/admin/users/{id}/totp"),
            &[],
        )
        .await;
    assert_eq!(p.location(), "/console/admin/users?done=totp_reset");
    let again = Browser::new(&app);
    again.sign_in("otp@acme.test", &pw).await;
    let page = again.get("/console/second-factor").await;
    assert!(page.body.contains("totp-secret"));
    assert_ne!(base32_decode(&page.by_id("totp-secret")), secret);
}

#[tokio::test]
async fn a_user_turns_totp_on_from_the_account_page() {
    let app = console_app().await;
    let (_, pw) = user(&app, "acme", "self@acme.test", "reviewer").await;
    let b = Browser::signed_in(&app, "self@acme.test", &pw).await;
    assert_eq!(
        b.get("/console/account/totp").await.location(),
        "/console/account",
        "nothing to confirm before setup starts"
    );
    let p = b
        .post("/console/account", "/console/account/totp/start", &[])
        .await;
    assert_eq!(p.location(), "/console/account/totp");
    let page = b.get("/console/account/totp").await;
    assert!(page.body.contains("data:image/svg+xml;base64,"));
    let secret = base32_decode(&page.by_id("totp-secret"));
    // Still optional until confirmed: signing in needs no code yet.
    Browser::signed_in(&app, "self@acme.test", &pw).await;
    let p = b
        .post(
            "/console/account/totp",
            "/console/account/totp",
            &[("code", "123456")],
        )
        .await;
    assert_eq!(p.status, 303);
    assert_eq!(p.location(), "/console/account/totp?error=invalid_code");
    let p = b
        .post(
            "/console/account/totp",
            "/console/account/totp",
            &[("code", &totp_code(&secret, 0))],
        )
        .await;
    assert_eq!(p.location(), "/console/account?done=totp_enabled");
    let page = b.get("/console/account?done=totp_enabled").await;
    assert!(page.body.contains("Two-step verification is on."));
    assert!(page.body.contains("You sign in with a code"));
    // Turned on: starting over is refused (a stolen session cannot swap it).
    let p = b
        .post("/console/account", "/console/account/totp/start", &[])
        .await;
    assert_eq!(p.location(), "/console/account?error=totp_already_on");
    let fresh = Browser::new(&app);
    let p = fresh.sign_in("self@acme.test", &pw).await;
    assert_eq!(p.location(), "/console/second-factor");
    let p = fresh
        .post(
            "/console/second-factor",
            "/console/second-factor",
            &[("code", &totp_code(&secret, 1))],
        )
        .await;
    assert_eq!(p.location(), "/console/queue");
}
