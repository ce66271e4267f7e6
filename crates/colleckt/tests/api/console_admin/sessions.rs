//! Sessions: stored hashed, listed and revocable by their owner, ended by
//! disabling the user, a password reset or the user's own password change.

use super::sign_in::ws;
use crate::console_admin_helpers::*;
use sqlx::Connection;

#[tokio::test]
async fn sessions_are_stored_hashed_listed_and_revocable() {
    let app = console_app().await;
    let (id, pw) = user(&app, "acme", "two@acme.test", "reviewer").await;
    let laptop = Browser::signed_in(&app, "two@acme.test", &pw).await;
    let phone = Browser::signed_in(&app, "two@acme.test", &pw).await;
    let secret = laptop.cookie("colleckt_console").unwrap();

    sqlx::any::install_default_drivers();
    let mut db = sqlx::AnyConnection::connect(&app.database_url)
        .await
        .unwrap();
    let hashes: Vec<String> =
        sqlx::query_scalar("SELECT token_hash FROM console_sessions WHERE user_id = $1")
            .bind(&id)
            .fetch_all(&mut db)
            .await
            .unwrap();
    assert_eq!(hashes.len(), 2);
    assert!(
        !hashes.contains(&secret),
        "the cookie's secret is not stored"
    );
    assert!(hashes.contains(&colleckt_store::crypto::sha256_hex(secret.as_bytes())));
    let dump: Vec<String> = sqlx::query_scalar(
        "SELECT id || ' ' || token_hash || ' ' || COALESCE(user_agent, '') FROM console_sessions",
    )
    .fetch_all(&mut db)
    .await
    .unwrap();
    assert!(dump.iter().all(|row| !row.contains(&secret)));

    let page = laptop.get("/console/account").await;
    assert_eq!(page.body.matches("data-session=").count(), 2);
    assert!(page.body.contains("This session"));
    assert!(page.body.contains(&phone.ip) && page.body.contains("console-tests/1.0"));
    let sessions = app
        .state
        .store
        .list_console_sessions(&id, colleckt::service::sign_in::SESSION_LIMITS)
        .await
        .unwrap();
    let phone_session = sessions
        .iter()
        .find(|s| s.ip.as_deref() == Some(phone.ip.as_str()))
        .unwrap();
    let p = laptop
        .post(
            "/console/account",
            &format!("/console/account/sessions/{}/revoke", phone_session.id),
            &[],
        )
        .await;
    assert_eq!(p.location(), "/console/account?done=session_revoked");
    let p = phone.get("/console/account").await;
    assert_eq!(p.status, 303, "the revoked session opens nothing");
    assert_eq!(laptop.get("/console/account").await.status, 200);

    // Someone else's session id is not found, and not ended.
    let (_, pw2) = user(&app, "acme", "three@acme.test", "reviewer").await;
    let other = Browser::signed_in(&app, "three@acme.test", &pw2).await;
    let theirs = app
        .state
        .store
        .users_by_email("three@acme.test")
        .await
        .unwrap()
        .remove(0);
    let theirs = app
        .state
        .store
        .list_console_sessions(&theirs.id, colleckt::service::sign_in::SESSION_LIMITS)
        .await
        .unwrap()
        .remove(0);
    let p = laptop
        .post(
            "/console/account",
            &format!("/console/account/sessions/{}/revoke", theirs.id),
            &[],
        )
        .await;
    assert_eq!(p.status, 404);
    assert_eq!(other.get("/console/account").await.status, 200);
}

#[tokio::test]
async fn a_disabled_user_is_signed_out_at_once_and_cannot_sign_in() {
    let app = console_app().await;
    let (_, admin_pw) = user(&app, "acme", "admin@acme.test", "admin").await;
    let (rid, pw) = user(&app, "acme", "gone@acme.test", "reviewer").await;
    let admin = Browser::signed_in(&app, "admin@acme.test", &admin_pw).await;
    let reviewer = Browser::signed_in(&app, "gone@acme.test", &pw).await;
    assert_eq!(reviewer.get("/console/account").await.status, 200);

    let p = admin
        .post(
            "/console/admin/users",
            &format!("/console/admin/users/{rid}/disable"),
            &[],
        )
        .await;
    assert_eq!(p.location(), "/console/admin/users?done=user_disabled");
    let p = reviewer.get("/console/account").await;
    assert_eq!(p.status, 303);
    assert!(p.location().starts_with("/console/sign-in"));
    let p = Browser::new(&app).sign_in("gone@acme.test", &pw).await;
    assert_eq!(p.status, 401, "disabled: refused like a wrong password");

    let p = admin
        .post(
            "/console/admin/users",
            &format!("/console/admin/users/{rid}/enable"),
            &[],
        )
        .await;
    assert_eq!(p.location(), "/console/admin/users?done=user_enabled");
    Browser::signed_in(&app, "gone@acme.test", &pw).await;
    let actions = audit_actions(&app, "acme").await;
    assert!(actions.contains(&("admin@acme.test".into(), "user_disabled".into())));
    assert!(actions.contains(&("admin@acme.test".into(), "user_enabled".into())));
}

#[tokio::test]
async fn changing_ones_password_ends_the_other_sessions() {
    let app = console_app().await;
    let (_, pw) = user(&app, "acme", "pw@acme.test", "reviewer").await;
    let here = Browser::signed_in(&app, "pw@acme.test", &pw).await;
    let elsewhere = Browser::signed_in(&app, "pw@acme.test", &pw).await;
    let change = |current: String, new: &'static str, confirm: &'static str| {
        let here = &here;
        async move {
            here.post(
                "/console/account",
                "/console/account/password",
                &[("current", &current), ("new", new), ("confirm", confirm)],
            )
            .await
        }
    };
    let p = change("wrong".into(), "a long new password", "a long new password").await;
    assert_eq!(p.location(), "/console/account?error=wrong_password");
    let p = here.get("/console/account?error=wrong_password").await;
    assert!(p.body.contains("The current password is wrong."));
    let p = change(pw.clone(), "short", "short").await;
    assert_eq!(p.location(), "/console/account?error=weak_password");
    let p = change(pw.clone(), "a long new password", "a different one!").await;
    assert_eq!(p.location(), "/console/account?error=password_mismatch");
    assert_eq!(elsewhere.get("/console/account").await.status, 200);

    let p = change(pw.clone(), "a long new password", "a long new password").await;
    assert_eq!(p.location(), "/console/account?done=password_changed");
    assert_eq!(
        here.get("/console/account").await.status,
        200,
        "this one stays"
    );
    assert_eq!(
        elsewhere.get("/console/account").await.status,
        303,
        "others end"
    );
    assert_eq!(
        Browser::new(&app).sign_in("pw@acme.test", &pw).await.status,
        401
    );
    Browser::signed_in(&app, "pw@acme.test", "a long new password").await;
    let actions = audit_actions(&app, "acme").await;
    assert!(actions.contains(&("pw@acme.test".into(), "password_changed".into())));
    let details = app
        .state
        .store
        .audit_page(&ws(&app, "acme").await, 100, 0)
        .await
        .unwrap()
        .0;
    assert!(details
        .iter()
        .all(|e| !format!("{e:?}").contains("a long new password")));
}
