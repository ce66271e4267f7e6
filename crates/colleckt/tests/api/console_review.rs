//! The console's queue and case page over real HTTP, signed in through the
//! real form: filters (holder name through the blind index), claims seen by a
//! second reviewer, a console approval equal to an API approval (JSON,
//! history, decisions, webhook events), required comments, another
//! workspace's case and images answering 404, private notes kept out of the
//! API and webhooks, and forms without their token refused.

use crate::console_helpers::{create_user, ConsoleClient};
use crate::helpers::*;
use crate::webhooks::{drain, endpoint, private, Receiver};
use serde_json::{json, Value};

const R1: &str = "reviewer1@acme.test";
const R2: &str = "reviewer2@acme.test";

async fn reviewers(app: &TestApp) -> (ConsoleClient, ConsoleClient) {
    create_user(app, "acme", R1, "reviewer").await;
    create_user(app, "acme", R2, "reviewer").await;
    (
        ConsoleClient::signed_in(app, R1).await,
        ConsoleClient::signed_in(app, R2).await,
    )
}

fn person(first: &str, last: &str, reference: &str) -> Value {
    let mut body = homer();
    body["person"]["first_name"] = json!(first);
    body["person"]["last_name"] = json!(last);
    body["vendor_reference"] = json!(reference);
    body
}

/// A case in Double Check with both documents (PATCH status 5; no workers
/// run in the tests, so it stays there).
async fn double_check(app: &TestApp, body: &Value) -> String {
    let id = app.create(body).await;
    app.upload_all(&id).await;
    let (s, v) = app
        .patch(
            &format!("/api/v1/usps1583/verifications/{id}"),
            &json!({"status": 5, "comment": "please look", "email": "ops@acme.test"}),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    id
}

fn case(id: &str) -> String {
    format!("/console/cases/{id}")
}

async fn api_detail(app: &TestApp, id: &str) -> Value {
    let (s, v) = app
        .get(&format!("/api/v1/usps1583/verifications/{id}"))
        .await;
    assert_eq!(s, 200, "{v}");
    v["data"].clone()
}

/// Drops what differs between two verifications by construction.
fn normalized(mut v: Value) -> Value {
    const VOLATILE: &[&str] = &[
        "id",
        "url",
        "qr_code",
        "url_front",
        "url_back",
        "verification_id",
        "created_at",
        "updated_at",
        "submitted_at",
        "expires_at",
    ];
    fn walk(v: &mut Value) {
        match v {
            Value::Object(map) => {
                for k in VOLATILE {
                    map.remove(*k);
                }
                map.values_mut().for_each(walk);
            }
            Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    walk(&mut v);
    v
}

#[tokio::test]
async fn queue_filters_by_status_reference_holder_and_counts() {
    let app = TestApp::spawn().await;
    let homer_id = double_check(&app, &person("Homer", "Simpson", "REF-H")).await;
    let marge_id = double_check(&app, &person("Marge", "Simpson", "REF-M")).await;
    let ned_id = app.create(&person("Ned", "Flanders", "REF-N")).await;
    // Another workspace's case with a matching name is never listed.
    let (s, other) = {
        let res = app
            .request(
                reqwest::Method::POST,
                "/api/v1/usps1583/verifications",
                &app.other_token,
                Some(&person("Homer", "Simpson", "REF-H")),
            )
            .await;
        json_of(res).await
    };
    assert_eq!(s, 201, "{other}");
    let other_id = other["data"]["id"].as_str().unwrap().to_string();
    let (r1, _) = reviewers(&app).await;

    let listed = |body: &str| {
        [&homer_id, &marge_id, &ned_id, &other_id]
            .iter()
            .filter(|id| body.contains(id.as_str()))
            .map(|id| id.to_string())
            .collect::<Vec<_>>()
    };
    // Double Check by default, oldest change first.
    let page = r1.get("/console/queue").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(listed(&page.body), vec![homer_id.clone(), marge_id.clone()]);
    assert!(page.body.find(&homer_id) < page.body.find(&marge_id));
    assert!(page.body.contains("Homer Simpson"), "holder names shown");
    assert!(page.body.contains("REF-H"));
    // Counts per status: two in Double Check, one Started, three in all.
    assert!(page
        .body
        .contains("Double Check <span class=\"count\">2</span>"));
    assert!(page.body.contains("Started <span class=\"count\">1</span>"));
    assert!(page.body.contains("All <span class=\"count\">3</span>"));

    let cases = [
        ("/console/queue?status=1", vec![&ned_id]),
        (
            "/console/queue?status=all",
            vec![&homer_id, &marge_id, &ned_id],
        ),
        (
            "/console/queue?status=all&holder=simpson",
            vec![&homer_id, &marge_id],
        ),
        (
            "/console/queue?status=all&holder=SIMPSON+homer",
            vec![&homer_id],
        ),
        ("/console/queue?status=all&holder=Flanders", vec![&ned_id]),
        // Whole words only: a prefix finds nothing.
        ("/console/queue?status=all&holder=simp", vec![]),
        ("/console/queue?status=all&reference=REF-M", vec![&marge_id]),
        (
            "/console/queue?status=all&flow=usps1583",
            vec![&homer_id, &marge_id, &ned_id],
        ),
        ("/console/queue?status=all&flow=nope", vec![]),
        ("/console/queue?status=all&from=2999-01-01", vec![]),
        ("/console/queue?status=all&to=2000-01-01", vec![]),
    ];
    for (path, want) in cases {
        let page = r1.get(path).await;
        assert_eq!(page.status, 200, "{path}: {}", page.body);
        let mut got = listed(&page.body);
        got.sort();
        let mut want: Vec<String> = want.into_iter().cloned().collect();
        want.sort();
        assert_eq!(got, want, "{path}");
    }
    // A renamed holder is found under the new name only.
    let (s, v) = app
        .patch(
            &format!("/api/v1/usps1583/verifications/{ned_id}"),
            &json!({"person": {"first_name": "Maude", "last_name": "Flanders"}}),
        )
        .await;
    assert_eq!(s, 200, "{v}");
    let page = r1.get("/console/queue?status=all&holder=maude").await;
    assert_eq!(listed(&page.body), vec![ned_id.clone()]);
    let page = r1.get("/console/queue?status=all&holder=ned").await;
    assert!(listed(&page.body).is_empty());
}

#[tokio::test]
async fn a_claim_makes_the_case_read_only_for_a_second_reviewer() {
    let app = TestApp::spawn().await;
    let id = double_check(&app, &homer()).await;
    let (r1, r2) = reviewers(&app).await;

    let mine = r1.get(&case(&id)).await;
    assert_eq!(mine.status, 200, "{}", mine.body);
    assert!(mine.body.contains("You are reviewing this case until"));
    assert!(mine.body.contains("Why this case is in Double Check"));
    assert!(mine.body.contains("please look"), "the reason shown");

    // The queue shows who holds it.
    let queue = r2.get("/console/queue").await;
    assert!(queue.body.contains(R1), "claimed by shown in the queue");

    let theirs = r2.get(&case(&id)).await;
    assert_eq!(theirs.status, 200);
    assert!(theirs.body.contains(&format!("Being reviewed by {R1}")));
    assert!(theirs.body.contains("read only"));
    assert!(theirs.body.contains("disabled"), "actions disabled");
    // A decision by the second reviewer is refused and changes nothing.
    let refused = r2
        .submit(
            &case(&id),
            &format!("/console/cases/{id}/actions/approve"),
            &[("comment", "mine now")],
        )
        .await;
    assert_eq!(refused.status, 409, "{}", refused.body);
    assert_eq!(api_detail(&app, &id).await["status_label"], "Double Check");
    // "Next case" does not hand the second reviewer the claimed case.
    let next = r2
        .submit("/console/queue", "/console/queue/next", &[])
        .await;
    assert_eq!(next.status, 303);
    assert_eq!(
        next.location.as_deref(),
        Some("/console/queue?done=queue_empty")
    );

    // Once the first reviewer releases it, the second gets it.
    let released = r1
        .submit(&case(&id), &format!("/console/cases/{id}/release"), &[])
        .await;
    assert_eq!(released.status, 303);
    let next = r2
        .submit("/console/queue", "/console/queue/next", &[])
        .await;
    assert_eq!(next.location.as_deref(), Some(case(&id).as_str()));
    let page = r1.get(&case(&id)).await;
    assert!(page.body.contains(&format!("Being reviewed by {R2}")));
}

#[tokio::test]
async fn a_console_approval_equals_an_api_approval() {
    let app = TestApp::spawn_with(private()).await;
    let rx = Receiver::start().await;
    endpoint(&app, &rx.url, None).await;
    let console_id = double_check(&app, &homer()).await;
    let api_id = double_check(&app, &homer()).await;
    drain(&app.state).await;
    let (r1, _) = reviewers(&app).await;

    let done = r1
        .submit(
            &case(&console_id),
            &format!("/console/cases/{console_id}/actions/approve"),
            &[("comment", "Matches the passport.")],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(
        done.location.as_deref(),
        Some(format!("/console/cases/{console_id}?done=approve").as_str())
    );
    let (s, v) = app
        .put(
            &format!("/api/v1/usps1583/verifications/{api_id}/approve"),
            &json!({"comment": "Matches the passport.", "email": R1}),
        )
        .await;
    assert_eq!(s, 200, "{v}");

    let by_console = api_detail(&app, &console_id).await;
    let by_api = api_detail(&app, &api_id).await;
    assert_eq!(by_console["status_label"], "Approved");
    assert_eq!(by_console["history"][0]["user"], R1);
    assert_eq!(by_console["documents"][0]["decisions"][0]["user"], R1);
    assert_eq!(normalized(by_console.clone()), normalized(by_api.clone()));

    // The same webhook events, with the same payloads.
    drain(&app.state).await;
    let hits = rx.hits();
    let events_of = |id: &str| {
        hits.iter()
            .map(|h| h.json())
            .filter(|e| e["data"]["id"] == id)
            .map(|e| (e["type"].clone(), normalized(e["data"].clone())))
            .collect::<Vec<_>>()
    };
    let (a, b) = (events_of(&console_id), events_of(&api_id));
    assert_eq!(
        a.iter()
            .map(|(t, _)| t.as_str().unwrap())
            .collect::<Vec<_>>(),
        vec!["verification.double_check", "verification.finished"]
    );
    assert_eq!(a, b);

    // The page says so, the claim is gone, and the audit log has it
    // (without the comment).
    let page = r1.get(done.location.as_deref().unwrap()).await;
    assert!(page.body.contains("Approved."));
    assert!(!page.body.contains("You are reviewing this case"));
    let ws = app
        .state
        .store
        .workspace_by_slug("acme")
        .await
        .unwrap()
        .unwrap();
    let (audit, _) = app.state.store.audit_page(&ws.id, 50, 0).await.unwrap();
    let row = audit
        .iter()
        .find(|e| e.action == "approve")
        .expect("audited");
    assert_eq!(
        (row.actor.as_str(), row.target.as_deref()),
        (R1, Some(console_id.as_str()))
    );
    assert!(audit
        .iter()
        .all(|e| !e.detail.clone().unwrap_or_default().contains("passport")));
}

#[tokio::test]
async fn a_decision_needs_a_comment_and_an_allowed_action() {
    let app = TestApp::spawn().await;
    let id = double_check(&app, &homer()).await;
    let (r1, _) = reviewers(&app).await;
    for comment in ["", "   "] {
        let page = r1
            .submit(
                &case(&id),
                &format!("/console/cases/{id}/actions/reject"),
                &[("comment", comment)],
            )
            .await;
        assert_eq!(page.status, 422, "{}", page.body);
        assert!(page.body.contains("Write a comment before deciding"));
    }
    assert_eq!(api_detail(&app, &id).await["status_label"], "Double Check");
    // Only the actions the status allows are offered; others are refused.
    let (s, _) = app
        .put(
            &format!("/api/v1/usps1583/verifications/{id}/approve"),
            &actor("ok"),
        )
        .await;
    assert_eq!(s, 200);
    let page = r1.get(&case(&id)).await;
    assert!(
        !page.body.contains("/actions/approve\""),
        "approve not offered"
    );
    assert!(page.body.contains("/actions/reject\""));
    let again = r1
        .submit(
            &case(&id),
            &format!("/console/cases/{id}/actions/approve"),
            &[("comment", "again")],
        )
        .await;
    assert_eq!(again.status, 400, "{}", again.body);
    let unknown = r1
        .submit(
            &case(&id),
            &format!("/console/cases/{id}/actions/explode"),
            &[("comment", "x")],
        )
        .await;
    assert_eq!(unknown.status, 404);
}

#[tokio::test]
async fn another_workspaces_case_and_images_are_not_found() {
    let app = TestApp::spawn().await;
    let id = double_check(&app, &homer()).await;
    let doc = api_detail(&app, &id).await["documents"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    create_user(&app, "other", "admin@other.test", "admin").await;
    let (r1, _) = reviewers(&app).await;
    let outsider = ConsoleClient::signed_in(&app, "admin@other.test").await;

    // The workspace's own reviewer sees the image, never cached.
    let image = format!("/console/cases/{id}/documents/{doc}/front");
    let (s, bytes, headers) = r1.get_bytes(&image).await;
    assert_eq!(s, 200);
    assert_eq!(&bytes[..3], &[0xff, 0xd8, 0xff], "the opened JPEG");
    assert_eq!(headers["cache-control"], "no-store");
    assert_eq!(headers["content-type"], "image/jpeg");

    let unknown = outsider.get("/console/cases/ver_unknown").await;
    assert_eq!(unknown.status, 404);
    let page = outsider.get(&case(&id)).await;
    assert_eq!(page.status, 404);
    assert_eq!(page.body, unknown.body, "the same answer as an unknown id");
    let (s, bytes, _) = outsider.get_bytes(&image).await;
    assert_eq!(s, 404);
    assert!(!bytes.starts_with(&[0xff, 0xd8]));
    let act = outsider
        .submit(
            "/console/queue",
            &format!("/console/cases/{id}/actions/approve"),
            &[("comment", "not mine")],
        )
        .await;
    assert_eq!(act.status, 404);
    let note = outsider
        .submit(
            "/console/queue",
            &format!("/console/cases/{id}/notes"),
            &[("note", "x")],
        )
        .await;
    assert_eq!(note.status, 404);
    assert!(!outsider
        .get("/console/queue?status=all")
        .await
        .body
        .contains(&id));
    // Signed out: to the sign-in page, not the image.
    let anon = ConsoleClient::new(&app);
    let (s, _, headers) = anon.get_bytes(&image).await;
    assert_eq!(s, 303);
    assert!(headers["location"]
        .to_str()
        .unwrap()
        .starts_with("/console/sign-in"));
    assert_eq!(api_detail(&app, &id).await["status_label"], "Double Check");
}

#[tokio::test]
async fn private_notes_stay_in_the_console() {
    let app = TestApp::spawn_with(private()).await;
    let rx = Receiver::start().await;
    endpoint(&app, &rx.url, None).await;
    let id = double_check(&app, &homer()).await;
    let (r1, r2) = reviewers(&app).await;
    let secret = "Called the holder: ZEBRA-7731";
    let added = r1
        .submit(
            &case(&id),
            &format!("/console/cases/{id}/notes"),
            &[("note", secret)],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    // Both reviewers see it, marked private.
    for r in [&r1, &r2] {
        let page = r.get(&case(&id)).await;
        assert!(page.body.contains(secret));
        assert!(page.body.contains("never shown in the API or webhooks"));
    }
    let empty = r1
        .submit(
            &case(&id),
            &format!("/console/cases/{id}/notes"),
            &[("note", " ")],
        )
        .await;
    assert_eq!(empty.status, 422);

    r1.submit(
        &case(&id),
        &format!("/console/cases/{id}/actions/reject"),
        &[("comment", "Blurry.")],
    )
    .await;
    let detail = api_detail(&app, &id).await.to_string();
    assert!(!detail.contains("ZEBRA"), "{detail}");
    let (_, list) = app.get("/api/v1/usps1583/verifications").await;
    assert!(!list.to_string().contains("ZEBRA"));
    drain(&app.state).await;
    let hits = rx.hits();
    assert!(hits.len() >= 2, "double check and finished delivered");
    for h in hits {
        assert!(!String::from_utf8_lossy(&h.body).contains("ZEBRA"));
    }
    let ws = app
        .state
        .store
        .workspace_by_slug("acme")
        .await
        .unwrap()
        .unwrap();
    let (audit, _) = app.state.store.audit_page(&ws.id, 50, 0).await.unwrap();
    assert!(audit.iter().any(|e| e.action == "private_note"));
    assert!(audit.iter().all(|e| !format!("{e:?}").contains("ZEBRA")));
}

#[tokio::test]
async fn forms_without_their_token_are_refused() {
    let app = TestApp::spawn().await;
    let id = double_check(&app, &homer()).await;
    let (r1, r2) = reviewers(&app).await;
    r1.get(&case(&id)).await;
    for (path, field) in [
        (format!("/console/cases/{id}/actions/approve"), "comment"),
        (format!("/console/cases/{id}/notes"), "note"),
        ("/console/queue/next".to_string(), "x"),
    ] {
        let missing = r1.post(&path, &[(field, "forged")]).await;
        assert_eq!(missing.status, 403, "{path}");
        // Another session's token is no better.
        let theirs = r2.get("/console/queue").await.csrf();
        let wrong = r1
            .post(&path, &[("csrf", &theirs), (field, "forged")])
            .await;
        assert_eq!(wrong.status, 403, "{path}");
    }
    assert_eq!(api_detail(&app, &id).await["status_label"], "Double Check");
    assert!(!r1.get(&case(&id)).await.body.contains("forged"));
}

#[tokio::test]
async fn next_case_hands_two_reviewers_different_cases_and_pages_hold_fifty() {
    let app = TestApp::spawn().await;
    let mut ids = vec![];
    for i in 0..52 {
        let id = app
            .create(&person("Lisa", "Simpson", &format!("P-{i}")))
            .await;
        let (s, v) = app
            .patch(
                &format!("/api/v1/usps1583/verifications/{id}"),
                &json!({"status": 5, "comment": "look", "email": "ops@acme.test"}),
            )
            .await;
        assert_eq!(s, 200, "{v}");
        ids.push(id);
    }
    let (r1, r2) = reviewers(&app).await;
    // Fifty a page, oldest change first, with a link to the rest.
    let first = r1.get("/console/queue").await;
    assert!(first.body.contains(&ids[0]) && first.body.contains(&ids[49]));
    assert!(!first.body.contains(&ids[50]));
    assert!(first.body.contains("rel=\"next\""));
    let second = r1.get("/console/queue?status=5&page=2").await;
    assert!(second.body.contains(&ids[50]) && second.body.contains(&ids[51]));
    assert!(second.body.contains("rel=\"prev\"") && !second.body.contains("rel=\"next\""));

    // Asked at the same time, two reviewers never get the same case.
    let (t1, t2) = (
        r1.get("/console/queue").await.csrf(),
        r2.get("/console/queue").await.csrf(),
    );
    let (f1, f2) = ([("csrf", t1.as_str())], [("csrf", t2.as_str())]);
    let (a, b) = tokio::join!(
        r1.post("/console/queue/next", &f1),
        r2.post("/console/queue/next", &f2),
    );
    let (a, b) = (a.location.unwrap(), b.location.unwrap());
    assert_ne!(a, b);
    let oldest: Vec<String> = ids[..2].iter().map(|id| case(id)).collect();
    assert!(oldest.contains(&a) && oldest.contains(&b), "{a} {b}");
    // Asking again keeps one's own case rather than taking another.
    let again = r1.post("/console/queue/next", &[("csrf", &t1)]).await;
    assert_eq!(again.location.unwrap(), a);
}

#[tokio::test]
async fn a_case_the_pipeline_could_not_decide_says_why() {
    let app = TestApp::spawn().await;
    let id = app.create(&homer()).await;
    app.upload_all(&id).await;
    let v = crate::pipeline::submit_and_decide(&app, &id).await;
    assert_eq!(v["status_label"], "Double Check", "{v}");
    let (r1, _) = reviewers(&app).await;
    let page = r1.get(&case(&id)).await;
    assert_eq!(page.status, 200);
    let why = page
        .body
        .split("id=\"why-h\"")
        .nth(1)
        .expect("a why section");
    let why = why.split("</section>").next().unwrap();
    assert!(why.contains("Photo ID: a check failed"), "{why}");
    assert!(why.contains("Proof of address: a check failed"), "{why}");
    assert!(why.find("Photo ID") < why.find("Proof of address"), "{why}");
    // The rules, with their verdict in words as well as colour.
    assert!(page.body.contains("<strong>document readable</strong>"));
    assert!(page.body.contains("class=\"verdict fail\">Fail</span>"));
    // In Spanish too.
    r1.get("/console/lang/es?next=/console/queue").await;
    let es = r1.get(&case(&id)).await;
    assert!(es
        .body
        .contains("Por qué este caso está en doble verificación"));
    assert!(es.body.contains("lang=\"es\""));
}
