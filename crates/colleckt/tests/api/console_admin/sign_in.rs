//! Signing in: success, failure, the per-account lockout, the per-address
//! throttle, CSRF and the cookie's flags.

use crate::console_admin_helpers::*;

#[tokio::test]
async fn sign_in_succeeds_and_fails_without_saying_which_part_was_wrong() {
    let app = console_app().await;
    let (_, pw) = user(&app, "acme", "rita@acme.test", "reviewer").await;
    let b = Browser::new(&app);

    let p = b.sign_in("rita@acme.test", "not the password").await;
    assert_eq!(p.status, 401);
    assert!(p.body.contains("Wrong email or password."), "{}", p.body);
    let p = b.sign_in("nobody@acme.test", &pw).await;
    assert_eq!(p.status, 401);
    assert!(p.body.contains("Wrong email or password."));

    let p = b.sign_in("Rita@Acme.test", &pw).await;
    assert_eq!((p.status, p.location()), (303, "/console/queue"));
    let cookie = p.headers.get("set-cookie").unwrap().to_str().unwrap();
    assert!(cookie.starts_with("colleckt_console=cs_"), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    assert!(
        !cookie.contains("Secure"),
        "http public URL: no Secure flag"
    );
    let p = b.get("/console/account").await;
    assert_eq!(p.status, 200);
    assert!(p.body.contains("rita@acme.test"));
    assert_eq!(
        p.headers["content-security-policy"].to_str().unwrap(),
        colleckt::http::console::page::CSP
    );

    let actions = audit_actions(&app, "acme").await;
    let actions: Vec<&str> = actions.iter().map(|(_, a)| a.as_str()).collect();
    assert_eq!(actions, ["sign_in", "sign_in_failed"], "newest first");

    // Signing out ends the session: the old cookie opens nothing.
    let old = b.cookie("colleckt_console").unwrap();
    let p = b.post("/console/account", "/console/sign-out", &[]).await;
    assert_eq!((p.status, p.location()), (303, "/console/sign-in"));
    let again = Browser::new(&app);
    again.jar_set("colleckt_console", &old);
    let p = again.get("/console/account").await;
    assert_eq!(p.status, 303);
    assert!(p.location().starts_with("/console/sign-in"));
}

#[tokio::test]
async fn five_wrong_passwords_lock_the_account_even_for_the_right_one() {
    let app = console_app().await;
    let (_, pw) = user(&app, "acme", "lock@acme.test", "reviewer").await;
    let (_, admin_pw) = user(&app, "acme", "boss@acme.test", "admin").await;
    let b = Browser::new(&app);
    for i in 1..=5 {
        let p = b.sign_in("lock@acme.test", "wrong wrong wrong").await;
        if i < 5 {
            assert_eq!(p.status, 401, "attempt {i}");
        } else {
            assert_eq!(p.status, 429, "attempt {i}");
            assert!(p.body.contains("locked for 15 minutes"), "{}", p.body);
        }
    }
    // From another address too: the lock is the account's.
    let other = Browser::new(&app);
    let p = other.sign_in("lock@acme.test", &pw).await;
    assert_eq!(p.status, 429);
    assert!(p.body.contains("locked"));
    assert!(other.cookie("colleckt_console").is_none());

    // The admin sees it all in the audit log, page and CSV.
    let admin = Browser::signed_in(&app, "boss@acme.test", &admin_pw).await;
    let page = admin.get("/console/audit").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.body.matches("sign_in_failed").count(), 5);
    assert!(page.body.contains("sign_in_locked"));
    assert!(page.body.contains(&b.ip), "the address is shown");
    let locked = admin.get("/console/admin/users").await;
    assert!(locked.body.contains("Locked"), "{}", locked.body);
}

#[tokio::test]
async fn too_many_attempts_from_one_address_are_throttled() {
    let app = console_app().await;
    let (_, pw) = user(&app, "acme", "t@acme.test", "reviewer").await;
    let b = Browser::new(&app);
    let mut statuses = vec![];
    for i in 0..11 {
        // Different (unknown) accounts: only the address limit applies.
        let p = b.sign_in(&format!("nobody{i}@acme.test"), "x").await;
        statuses.push(p.status);
        if p.status == 429 {
            assert!(p.body.contains("Too many attempts from your address"));
            assert!(p.headers.contains_key("retry-after"));
        }
    }
    assert_eq!(statuses[..10], [401; 10]);
    assert_eq!(statuses[10], 429);
    // Even the right password waits; another address does not.
    assert_eq!(b.sign_in("t@acme.test", &pw).await.status, 429);
    Browser::signed_in(&app, "t@acme.test", &pw).await;
}

#[tokio::test]
async fn forms_without_the_right_token_are_refused() {
    let app = console_app().await;
    let (_, pw) = user(&app, "acme", "csrf@acme.test", "admin").await;
    let b = Browser::signed_in(&app, "csrf@acme.test", &pw).await;
    let before = app
        .state
        .store
        .list_tokens(&ws(&app, "acme").await)
        .await
        .unwrap()
        .len();
    for fields in [
        vec![("name", "no token")],
        vec![("csrf", ""), ("name", "empty token")],
        vec![
            ("csrf", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"),
            ("name", "wrong token"),
        ],
    ] {
        let p = b.post_raw("/console/admin/tokens", &fields).await;
        assert_eq!(p.status, 403, "{fields:?}");
        assert!(p.body.contains("did not come from this console"));
    }
    // Another session's token does not fit this session.
    let (_, pw2) = user(&app, "acme", "csrf2@acme.test", "admin").await;
    let b2 = Browser::signed_in(&app, "csrf2@acme.test", &pw2).await;
    let theirs = b2.get("/console/admin/tokens").await.csrf();
    let p = b
        .post_raw("/console/admin/tokens", &[("csrf", &theirs), ("name", "x")])
        .await;
    assert_eq!(p.status, 403);
    // The sign-in form's token is bound to its pre-session cookie.
    let fresh = Browser::new(&app);
    let p = fresh
        .post_raw(
            "/console/sign-in",
            &[
                ("csrf", "x"),
                ("email", "csrf@acme.test"),
                ("password", &pw),
            ],
        )
        .await;
    assert_eq!(p.status, 403);
    let after = app
        .state
        .store
        .list_tokens(&ws(&app, "acme").await)
        .await
        .unwrap()
        .len();
    assert_eq!(before, after, "no refused form acted");
}

#[tokio::test]
async fn the_cookie_is_secure_when_the_public_url_is_https() {
    let app = console_app().await;
    let (_, pw) = user(&app, "acme", "sec@acme.test", "reviewer").await;
    let mut state = app.state.clone();
    state.public_url = "https://console.example".into();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(
        async move { colleckt::server::serve(listener, state, std::future::pending()).await },
    );
    let b = Browser::at(&base, "198.51.100.7");
    let form = b.get("/console/sign-in").await;
    let pre = form.headers.get("set-cookie").unwrap().to_str().unwrap();
    assert!(
        pre.starts_with("colleckt_presession=") && pre.contains("; Secure"),
        "{pre}"
    );
    let p = b.sign_in("sec@acme.test", &pw).await;
    assert_eq!(p.status, 303, "{}", p.body);
    let cookie = p.headers.get("set-cookie").unwrap().to_str().unwrap();
    assert!(cookie.contains("; Secure"), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    let p = b.post("/console/account", "/console/sign-out", &[]).await;
    let cleared = p.headers.get("set-cookie").unwrap().to_str().unwrap();
    assert!(cleared.contains("Max-Age=0") && cleared.contains("; Secure"));
}

pub async fn ws(app: &crate::helpers::TestApp, slug: &str) -> String {
    app.state
        .store
        .workspace_by_slug(slug)
        .await
        .unwrap()
        .unwrap()
        .id
}
