//! The admin pages: users (create, role, disable, reset), API tokens,
//! webhook endpoints and the retry of a failed delivery; reviewers refused;
//! ids of another workspace not found.

use super::sign_in::ws;
use crate::console_admin_helpers::*;
use crate::helpers::{homer, readers, TestApp};
use reqwest::Method;
use std::time::Duration;

#[tokio::test]
async fn reviewers_are_refused_every_admin_page_and_action() {
    let app = console_app().await;
    let (_, pw) = user(&app, "acme", "rev@acme.test", "reviewer").await;
    let (admin_id, _) = user(&app, "acme", "adm@acme.test", "admin").await;
    let b = Browser::signed_in(&app, "rev@acme.test", &pw).await;
    for path in [
        "/console/admin/users",
        "/console/admin/tokens",
        "/console/admin/webhooks",
        "/console/admin/webhooks/wh_x",
        "/console/admin/security",
        "/console/audit",
        "/console/audit.csv",
    ] {
        let p = b.get(path).await;
        assert_eq!(p.status, 403, "{path}");
        assert!(
            p.body.contains("Only an administrator can do this."),
            "{path}"
        );
    }
    let account = b.get("/console/account").await;
    assert!(
        !account.body.contains("/console/admin/users"),
        "no admin link"
    );
    for (path, fields) in [
        (
            "/console/admin/users",
            vec![("email", "x@acme.test"), ("role", "admin")],
        ),
        (
            &*format!("/console/admin/users/{admin_id}/role"),
            vec![("role", "reviewer")],
        ),
        (&*format!("/console/admin/users/{admin_id}/disable"), vec![]),
        (
            &*format!("/console/admin/users/{admin_id}/password"),
            vec![],
        ),
        ("/console/admin/tokens", vec![("name", "mine")]),
        ("/console/admin/security", vec![("require_totp", "on")]),
    ] {
        let p = b.post("/console/account", path, &fields).await;
        assert_eq!(p.status, 403, "{path}");
    }
    let users = app
        .state
        .store
        .list_users(&ws(&app, "acme").await)
        .await
        .unwrap();
    assert_eq!(users.len(), 2, "nothing was created");
    assert!(users.iter().all(|u| u.disabled_at.is_none()));
}

#[tokio::test]
async fn admins_create_users_change_roles_and_reset_passwords() {
    let app = console_app().await;
    let (me, pw) = user(&app, "acme", "chief@acme.test", "admin").await;
    let b = Browser::signed_in(&app, "chief@acme.test", &pw).await;

    let p = b
        .post(
            "/console/admin/users",
            "/console/admin/users",
            &[("email", " New.Person@Acme.test "), ("role", "reviewer")],
        )
        .await;
    assert_eq!(p.status, 200, "the password is shown straight away");
    assert!(p.body.contains("new.person@acme.test"));
    let first = p.by_id("secret");
    assert!(first.len() >= 20, "{first}");
    let newbie = Browser::signed_in(&app, "new.person@acme.test", &first).await;
    // Shown once: the list never holds it.
    let list = b.get("/console/admin/users").await;
    assert!(!list.body.contains(&first));
    assert!(list.body.contains("new.person@acme.test"));

    for (email, role, error) in [
        ("new.person@acme.test", "reviewer", "duplicate_email"),
        ("not an email", "reviewer", "invalid_email"),
        ("ok@acme.test", "owner", "invalid_role"),
    ] {
        let p = b
            .post(
                "/console/admin/users",
                "/console/admin/users",
                &[("email", email), ("role", role)],
            )
            .await;
        assert_eq!(p.location(), format!("/console/admin/users?error={error}"));
    }
    let p = b.get("/console/admin/users?error=duplicate_email").await;
    assert!(p.body.contains("already has a user with that email"));

    // The last admin cannot demote or disable themselves.
    for (action, fields) in [("role", vec![("role", "reviewer")]), ("disable", vec![])] {
        let p = b
            .post(
                "/console/admin/users",
                &format!("/console/admin/users/{me}/{action}"),
                &fields,
            )
            .await;
        assert_eq!(
            p.location(),
            "/console/admin/users?error=last_admin",
            "{action}"
        );
    }
    let newbie_id = app
        .state
        .store
        .users_by_email("new.person@acme.test")
        .await
        .unwrap()[0]
        .id
        .clone();
    let p = b
        .post(
            "/console/admin/users",
            &format!("/console/admin/users/{newbie_id}/role"),
            &[("role", "admin")],
        )
        .await;
    assert_eq!(p.location(), "/console/admin/users?done=role_changed");
    assert_eq!(
        newbie.get("/console/admin/users").await.status,
        200,
        "now an admin"
    );
    // With a second admin, the first may step down.
    let p = b
        .post(
            "/console/admin/users",
            &format!("/console/admin/users/{me}/role"),
            &[("role", "reviewer")],
        )
        .await;
    assert_eq!(p.location(), "/console/admin/users?done=role_changed");
    assert_eq!(b.get("/console/admin/users").await.status, 403);

    // A reset shows a new password once and ends the user's sessions.
    let p = newbie
        .post(
            "/console/admin/users",
            &format!("/console/admin/users/{me}/password"),
            &[],
        )
        .await;
    assert_eq!(p.status, 200);
    let fresh = p.by_id("secret");
    assert_eq!(b.get("/console/account").await.status, 303, "signed out");
    assert_eq!(
        Browser::new(&app)
            .sign_in("chief@acme.test", &pw)
            .await
            .status,
        401
    );
    Browser::signed_in(&app, "chief@acme.test", &fresh).await;

    let entries = app
        .state
        .store
        .audit_page(&ws(&app, "acme").await, 100, 0)
        .await
        .unwrap()
        .0;
    let text = format!("{entries:?}");
    assert!(
        !text.contains(&first) && !text.contains(&fresh),
        "no password in the log"
    );
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    for a in ["user_created", "user_role_changed", "user_password_reset"] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
    let created = entries.iter().find(|e| e.action == "user_created").unwrap();
    assert_eq!(created.target.as_deref(), Some("new.person@acme.test"));
    assert_eq!(created.detail.as_deref(), Some("role=reviewer"));
    assert!(created.ip.is_some());
}

#[tokio::test]
async fn ids_of_another_workspace_are_not_found() {
    let app = console_app().await;
    let (_, pw) = user(&app, "acme", "a@acme.test", "admin").await;
    let (their_user, _) = user(&app, "other", "a@other.test", "admin").await;
    let (their_token, _) = app
        .state
        .store
        .create_token(&ws(&app, "other").await, "theirs")
        .await
        .unwrap();
    let their_endpoint = app
        .state
        .store
        .create_endpoint(
            colleckt_store::NewEndpoint {
                workspace_id: ws(&app, "other").await,
                url: "https://93.184.216.34/hook".into(),
                description: None,
                events: None,
            },
            "whsec_dGVzdA",
        )
        .await
        .unwrap()
        .id;
    let b = Browser::signed_in(&app, "a@acme.test", &pw).await;
    for path in [
        format!("/console/admin/users/{their_user}/role"),
        format!("/console/admin/users/{their_user}/disable"),
        format!("/console/admin/users/{their_user}/enable"),
        format!("/console/admin/users/{their_user}/password"),
        format!("/console/admin/users/{their_user}/totp"),
        format!("/console/admin/tokens/{their_token}/revoke"),
        format!("/console/admin/webhooks/{their_endpoint}/deliveries/dlv_x/retry"),
        "/console/admin/users/usr_nope/disable".to_string(),
    ] {
        let p = b
            .post("/console/admin/users", &path, &[("role", "reviewer")])
            .await;
        assert_eq!(p.status, 404, "{path}");
    }
    let p = b
        .get(&format!("/console/admin/webhooks/{their_endpoint}"))
        .await;
    assert_eq!(p.status, 404);
    let list = b.get("/console/admin/users").await;
    assert!(!list.body.contains("other.test"));
    // Nothing changed over there.
    let other_ws = ws(&app, "other").await;
    let theirs = app
        .state
        .store
        .get_user(&other_ws, &their_user)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(theirs.role, "admin");
    assert!(theirs.disabled_at.is_none());
    let tokens = app
        .state
        .store
        .list_tokens(&ws(&app, "other").await)
        .await
        .unwrap();
    assert!(tokens.iter().all(|t| t.revoked_at.is_none()));
}

#[tokio::test]
async fn a_token_is_shown_once_works_and_stops_working_when_revoked() {
    let app = console_app().await;
    let (_, pw) = user(&app, "acme", "tok@acme.test", "admin").await;
    let b = Browser::signed_in(&app, "tok@acme.test", &pw).await;
    let p = b
        .post(
            "/console/admin/tokens",
            "/console/admin/tokens",
            &[("name", "CRM sync")],
        )
        .await;
    assert_eq!(p.status, 200);
    let secret = p.by_id("secret");
    assert!(secret.starts_with("clk_"), "{secret}");
    let res = app
        .request(Method::GET, "/api/v1/webhooks", &secret, None)
        .await;
    assert_eq!(res.status(), 200);

    let list = b.get("/console/admin/tokens").await;
    assert!(list.body.contains("CRM sync"));
    assert!(!list.body.contains(&secret), "never shown again");
    let tokens = app
        .state
        .store
        .list_tokens(&ws(&app, "acme").await)
        .await
        .unwrap();
    let id = &tokens.iter().find(|t| t.name == "CRM sync").unwrap().id;
    let p = b
        .post(
            "/console/admin/tokens",
            &format!("/console/admin/tokens/{id}/revoke"),
            &[],
        )
        .await;
    assert_eq!(p.location(), "/console/admin/tokens?done=token_revoked");
    let res = app
        .request(Method::GET, "/api/v1/webhooks", &secret, None)
        .await;
    assert_eq!(res.status(), 401);
    // Revoking again: no live token has that id.
    let p = b
        .post(
            "/console/admin/tokens",
            &format!("/console/admin/tokens/{id}/revoke"),
            &[],
        )
        .await;
    assert_eq!(p.status, 404);
    let p = b
        .post(
            "/console/admin/tokens",
            "/console/admin/tokens",
            &[("name", "  ")],
        )
        .await;
    assert_eq!(p.location(), "/console/admin/tokens?error=invalid_name");
    let entries = app
        .state
        .store
        .audit_page(&ws(&app, "acme").await, 100, 0)
        .await
        .unwrap()
        .0;
    assert!(!format!("{entries:?}").contains(&secret));
    assert!(entries
        .iter()
        .any(|e| e.action == "token_created" && e.detail.as_deref() == Some("CRM sync")));
    assert!(entries
        .iter()
        .any(|e| e.action == "token_revoked" && e.target.as_deref() == Some(id.as_str())));
}

#[tokio::test]
async fn a_failed_delivery_is_retried_from_the_console_like_from_the_api() {
    let app = TestApp::spawn_full(crate::webhooks::private(), readers(), http()).await;
    let rx = crate::webhooks::Receiver::start().await;
    rx.fail_first(usize::MAX, 503);
    let (wh, _) = crate::webhooks::endpoint(&app, &rx.url, None).await;
    let id = app.create(&homer()).await;
    crate::webhooks::cancel(&app, &id).await;
    let state = crate::webhooks::with_settings(&app, |s| {
        s.schedule = colleckt::jobs::webhooks::RetrySchedule(vec![Duration::from_millis(50); 1]);
    });
    crate::webhooks::wait_status(&app, &wh, "failed", Some(&state), Duration::from_secs(10)).await;

    let (_, pw) = user(&app, "acme", "hooks@acme.test", "admin").await;
    let b = Browser::signed_in(&app, "hooks@acme.test", &pw).await;
    let list = b.get("/console/admin/webhooks").await;
    assert_eq!(list.status, 200);
    assert!(list.body.contains(&format!("/console/admin/webhooks/{wh}")));
    let log = b.get(&format!("/console/admin/webhooks/{wh}")).await;
    assert_eq!(log.status, 200);
    assert!(log.body.contains("verification.canceled"));
    assert!(log.body.contains("Failed") && log.body.contains("503"));
    let delivery = crate::webhooks::deliveries(&app, &wh).await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let retry = format!("/console/admin/webhooks/{wh}/deliveries/{delivery}/retry");
    assert!(log.body.contains(&retry), "a retry button");

    rx.fail_first(0, 503);
    let p = b
        .post(&format!("/console/admin/webhooks/{wh}"), &retry, &[])
        .await;
    assert_eq!(
        p.location(),
        format!("/console/admin/webhooks/{wh}?done=delivery_retried")
    );
    let d = &crate::webhooks::deliveries(&app, &wh).await[0];
    assert_eq!(d["status"], "pending");
    crate::webhooks::drain(&state).await;
    let d = &crate::webhooks::deliveries(&app, &wh).await[0];
    assert_eq!(d["status"], "succeeded");
    let log = b.get(&format!("/console/admin/webhooks/{wh}")).await;
    assert!(log.body.contains("Delivered") && !log.body.contains(&retry));
    let p = b
        .post(
            &format!("/console/admin/webhooks/{wh}"),
            &format!("/console/admin/webhooks/{wh}/deliveries/dlv_nope/retry"),
            &[],
        )
        .await;
    assert_eq!(p.status, 404);
    let entries = app
        .state
        .store
        .audit_page(&ws(&app, "acme").await, 100, 0)
        .await
        .unwrap()
        .0;
    assert!(entries
        .iter()
        .any(|e| e.action == "webhook_delivery_retried"
            && e.target.as_deref() == Some(delivery.as_str())));
}
