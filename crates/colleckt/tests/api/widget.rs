//! The end-user widget and QR hand-off (CONTRACT §7): the session token opens
//! exactly one verification and nothing on `/api/v1`; the widget API uploads
//! one side at a time with the Documents API's checks, submits through the same
//! transition, is rate-limited per session; the QR images decode back to
//! `qr_code`; the shell carries a strict CSP and its assets a long cache.

use crate::helpers::*;
use reqwest::Method;
use serde_json::{json, Value};

/// The session token of a verification, from its `url`.
pub async fn session(app: &TestApp, id: &str) -> (String, String, String) {
    let (s, v) = app
        .get(&format!("/api/v1/usps1583/verifications/{id}"))
        .await;
    assert_eq!(s, 200, "{v}");
    let url = v["data"]["url"].as_str().unwrap().to_string();
    let qr = v["data"]["qr_code"].as_str().unwrap().to_string();
    let token = url
        .trim_end_matches("/process")
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    (token, url, qr)
}

pub async fn widget_get(app: &TestApp, token: &str, path: &str) -> (u16, Value) {
    let res = app
        .client
        .get(app.url(&format!("/spa/v3/{token}/api/{path}")))
        .send()
        .await
        .unwrap();
    json_of(res).await
}

async fn widget_upload(
    app: &TestApp,
    token: &str,
    slot: &str,
    side: &str,
    file: Vec<u8>,
) -> (u16, Value) {
    let form = reqwest::multipart::Form::new()
        .text("slot", slot.to_string())
        .text("side", side.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(file).file_name("photo.jpg"),
        );
    let res = app
        .client
        .post(app.url(&format!("/spa/v3/{token}/api/documents")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    json_of(res).await
}

pub async fn widget_submit(app: &TestApp, token: &str, body: Value) -> (u16, Value) {
    let res = app
        .client
        .post(app.url(&format!("/spa/v3/{token}/api/submit")))
        .json(&body)
        .send()
        .await
        .unwrap();
    json_of(res).await
}

#[tokio::test]
async fn state_is_scoped_and_carries_no_personal_data() {
    let app = TestApp::spawn().await;
    let a = app.create(&homer()).await;
    let mut other = homer();
    other["documents"]["photo_id"] =
        json!({"type": "Matricula Consular", "number": "MC1", "country": "MEX"});
    let b = app.create(&other).await;
    let (ta, _, _) = session(&app, &a).await;
    let (tb, _, _) = session(&app, &b).await;
    assert!(
        ta.len() >= 43,
        "a session token carries at least 256 bits of base64url"
    );
    assert_ne!(ta, tb);

    let (s, state) = widget_get(&app, &ta, "state").await;
    assert_eq!(s, 200, "{state}");
    assert_eq!(state["phase"], "open");
    assert_eq!(state["documents"][0]["type_name"], "Passport");
    assert_eq!(state["documents"][0]["sides"], json!(["front"]));
    assert_eq!(state["documents"][1]["type_name"], "Driver License");
    assert_eq!(state["documents"][1]["sides"], json!(["front", "back"]));
    let text = state.to_string();
    for secret in [
        "Homer",
        "Simpson",
        "Evergreen",
        "AB123456",
        "DL789012",
        "1988",
        "REF-001",
        a.as_str(),
        app.token.as_str(),
    ] {
        assert!(
            !text.contains(secret),
            "the widget state leaks {secret}: {text}"
        );
    }
    let (_, state_b) = widget_get(&app, &tb, "state").await;
    assert_eq!(state_b["documents"][0]["type_name"], "Matricula Consular");
    assert_eq!(state_b["language_hint"], "es");

    // Uploading through one session changes only that verification.
    let (s, up) = widget_upload(&app, &ta, "photo_id", "front", jpeg(640, 400, 1)).await;
    assert_eq!(s, 201, "{up}");
    assert!(up["documents"][0]["uploaded"]["front"].is_string());
    let (_, docs_b) = app
        .get(&format!("/api/v1/usps1583/verifications/{b}/documents"))
        .await;
    assert_eq!(docs_b["data"], json!([]));

    for bad in [
        "nope",
        "x".repeat(43).as_str(),
        "../../api/v1/flows",
        "%2e%2e",
    ] {
        let (s, body) = widget_get(&app, bad, "state").await;
        assert_eq!(s, 404, "{bad}: {body}");
    }
}

#[tokio::test]
async fn session_token_is_useless_on_the_api() {
    let app = TestApp::spawn().await;
    let id = app.create(&homer()).await;
    let (token, _, _) = session(&app, &id).await;
    for path in [
        "/api/v1/verifications".to_string(),
        "/api/v1/usps1583/verifications".to_string(),
        format!("/api/v1/usps1583/verifications/{id}"),
        format!("/api/v1/usps1583/verifications/{id}/documents"),
    ] {
        let res = app.request(Method::GET, &path, &token, None).await;
        assert_eq!(res.status().as_u16(), 401, "{path}");
    }
    let res = app
        .request(
            Method::PUT,
            &format!("/api/v1/usps1583/verifications/{id}/submit"),
            &token,
            None,
        )
        .await;
    assert_eq!(res.status().as_u16(), 401);
    // Nor does the integrator's token open the widget.
    let (s, _) = widget_get(&app, &app.token, "state").await;
    assert_eq!(s, 404);
}

#[tokio::test]
async fn sides_upload_one_at_a_time_and_submit_takes_the_api_transition() {
    let app = TestApp::spawn().await;
    let id = app.create(&homer()).await;
    let (token, _, _) = session(&app, &id).await;

    let (s, b) = widget_upload(&app, &token, "proof_of_address", "back", jpeg(640, 400, 3)).await;
    assert_eq!(s, 422, "a back needs its front first: {b}");
    let (s, b) = widget_upload(&app, &token, "photo_id", "back", jpeg(640, 400, 3)).await;
    assert_eq!(s, 422, "a passport has no back: {b}");
    let (s, b) = widget_upload(
        &app,
        &token,
        "photo_id",
        "front",
        b"GIF89a not an image".to_vec(),
    )
    .await;
    assert_eq!(s, 415, "{b}");
    let (s, b) = widget_upload(&app, &token, "photo_id", "side", jpeg(64, 64, 1)).await;
    assert_eq!(s, 422, "{b}");
    let jpg = jpeg(640, 400, 9);
    let (s, b) = widget_upload(
        &app,
        &token,
        "photo_id",
        "front",
        jpg[..jpg.len() / 2].to_vec(),
    )
    .await;
    assert_eq!(s, 422, "truncated: {b}");

    let (s, b) = widget_submit(&app, &token, json!({})).await;
    assert_eq!(s, 400, "incomplete: {b}");

    for (slot, side, seed) in [
        ("photo_id", "front", 1),
        ("proof_of_address", "front", 2),
        ("proof_of_address", "back", 3),
    ] {
        let (s, b) = widget_upload(&app, &token, slot, side, jpeg(640, 400, seed)).await;
        assert_eq!(s, 201, "{slot} {side}: {b}");
    }
    // Replacing the front keeps the back.
    let (s, state) =
        widget_upload(&app, &token, "proof_of_address", "front", jpeg(640, 400, 4)).await;
    assert_eq!(s, 201);
    assert!(
        state["documents"][1]["uploaded"]["back"].is_string(),
        "{state}"
    );
    let (_, docs) = app
        .get(&format!("/api/v1/usps1583/verifications/{id}/documents"))
        .await;
    assert_eq!(docs["data"].as_array().unwrap().len(), 2);
    let poa = docs["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["slot"] == "proof_of_address")
        .unwrap();
    let back = poa["url_back"].as_str().unwrap();
    let res = app.client.get(back).send().await.unwrap();
    assert_eq!(res.status(), 200, "the kept back is still readable");
    assert_eq!(res.bytes().await.unwrap().to_vec(), jpeg(640, 400, 3));

    let (s, preview) = widget_get(&app, &token, "preview").await;
    assert_eq!(s, 200);
    assert_eq!(preview["documents"][0]["fields"], Value::Null);

    let body = json!({"corrections": {"photo_id": {"last_name": "Simpson"}}});
    let (s, state) = widget_submit(&app, &token, body).await;
    assert_eq!(s, 200, "{state}");
    assert_eq!(state["phase"], "submitted");
    let (_, v) = app
        .get(&format!("/api/v1/usps1583/verifications/{id}"))
        .await;
    assert_eq!(v["data"]["status_label"], "Submitted");
    assert!(v["data"]["submitted_at"].is_string());
    let history = v["data"]["history"].as_array().unwrap();
    let last = history
        .iter()
        .find(|h| h["to_status"] == "Submitted")
        .unwrap()
        .clone();
    assert_eq!(last["user"], "end-user");
    assert!(last["comment"]
        .as_str()
        .unwrap()
        .contains("photo_id.last_name: Simpson"));

    let (s, _) = widget_submit(&app, &token, json!({})).await;
    assert_eq!(s, 400, "submitted twice");
    let (s, _) = widget_upload(&app, &token, "photo_id", "front", jpeg(640, 400, 1)).await;
    assert_eq!(s, 400, "no uploads after submit");
}

#[tokio::test]
async fn phases_follow_the_status() {
    let app = TestApp::spawn().await;
    let cases = [
        ("cancel", None, "canceled"),
        ("approve", None, "finished"),
        ("reject", None, "finished"),
        ("", Some(6), "expired"),
        ("", Some(5), "submitted"),
    ];
    for (action, status, phase) in cases {
        let id = app.create(&homer()).await;
        let (token, _, _) = session(&app, &id).await;
        let path = format!("/api/v1/usps1583/verifications/{id}");
        let (s, b) = match status {
            Some(st) => {
                let mut body = actor("by hand");
                body["status"] = json!(st);
                app.patch(&path, &body).await
            }
            None => {
                app.put(&format!("{path}/{action}"), &actor("by hand"))
                    .await
            }
        };
        assert_eq!(s, 200, "{b}");
        let (s, state) = widget_get(&app, &token, "state").await;
        assert_eq!(s, 200);
        assert_eq!(state["phase"], phase, "{action} {status:?}");
        let (s, _) = widget_upload(&app, &token, "photo_id", "front", jpeg(64, 64, 1)).await;
        assert_eq!(s, 400);
    }
}

#[tokio::test]
async fn widget_api_is_rate_limited_per_session() {
    let app = TestApp::spawn().await;
    let a = app.create(&homer()).await;
    let b = app.create(&homer()).await;
    let (ta, _, _) = session(&app, &a).await;
    let (tb, _, _) = session(&app, &b).await;
    let mut limited = None;
    for _ in 0..80 {
        let res = app
            .client
            .get(app.url(&format!("/spa/v3/{ta}/api/state")))
            .send()
            .await
            .unwrap();
        if res.status() == 429 {
            limited = Some(res);
            break;
        }
    }
    let res = limited.expect("a 429 within 80 quick reads");
    let retry: u64 = res.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry));
    let (_, body) = json_of(res).await;
    assert!(body["message"].is_string());
    let (s, _) = widget_get(&app, &tb, "state").await;
    assert_eq!(s, 200, "another session is not limited");
    // Writes have their own, smaller bucket.
    let mut statuses = vec![];
    for _ in 0..25 {
        statuses.push(
            widget_upload(&app, &tb, "photo_id", "side", vec![1])
                .await
                .0,
        );
    }
    assert!(statuses.contains(&429), "{statuses:?}");
}

#[tokio::test]
async fn qr_redirects_and_decodes_back_to_the_qr_url() {
    let app = TestApp::spawn().await;
    let id = app.create(&homer()).await;
    let (token, url, qr) = session(&app, &id).await;
    assert_eq!(qr, app.url(&format!("/qr/{token}")));

    let res = app.client.get(&qr).send().await.unwrap();
    assert_eq!(res.status(), 302);
    assert_eq!(res.headers()["location"], url.as_str());

    let res = app.client.get(format!("{qr}.png")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/png");
    assert_eq!(res.headers()["cache-control"], "private, no-store");
    let png = res.bytes().await.unwrap();
    let img = image::load_from_memory(&png).unwrap().to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(img);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1);
    let (_, content) = grids[0].decode().expect("a readable QR code");
    assert_eq!(content, qr);

    let res = app.client.get(format!("{qr}.svg")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/svg+xml");
    let svg = res.text().await.unwrap();
    assert!(svg.contains("<svg") && svg.contains("</svg>"));
    let img = rasterize_svg_rects(&svg);
    let mut prepared = rqrr::PreparedImage::prepare(img);
    let (_, content) = prepared.detect_grids()[0]
        .decode()
        .expect("the SVG decodes too");
    assert_eq!(content, qr);

    let missing = "A".repeat(43);
    let res = app
        .client
        .get(app.url(&format!("/qr/{missing}.png")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
}

/// The QR crate's SVG is a white rect and one path of rectangles
/// (`M{x} {y}h{w}v{h}H{x}V{y}`) in viewBox units; fill them in.
fn rasterize_svg_rects(svg: &str) -> image::GrayImage {
    let vb = svg
        .split("viewBox=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let dims: Vec<u32> = vb.split_whitespace().map(|n| n.parse().unwrap()).collect();
    let mut img = image::GrayImage::from_pixel(dims[2], dims[3], image::Luma([255]));
    let d = svg
        .split(" d=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    for cmd in d.split('M').filter(|c| !c.is_empty()) {
        let nums: Vec<u32> = cmd
            .split(|c: char| c == ' ' || c.is_ascii_alphabetic())
            .filter(|s| !s.is_empty())
            .map(|n| n.parse().unwrap())
            .collect();
        let (x, y, w, h) = (nums[0], nums[1], nums[2], nums[3]);
        for py in y..y + h {
            for px in x..x + w {
                img.put_pixel(px, py, image::Luma([0]));
            }
        }
    }
    img
}

#[tokio::test]
async fn shell_has_a_strict_csp_and_cached_assets() {
    let app = TestApp::spawn().await;
    let id = app.create(&homer()).await;
    let (token, url, _) = session(&app, &id).await;
    let res = app.client.get(&url).send().await.unwrap();
    assert_eq!(res.status(), 200);
    let csp = res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    for part in [
        "default-src 'self'",
        "script-src 'self'",
        "img-src 'self' blob: data:",
        "media-src blob: 'self'",
        "connect-src 'self'",
        // Not framed by default (clickjacking of the capture).
        "frame-ancestors 'none'",
    ] {
        assert!(csp.contains(part), "{csp}");
    }
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert!(!csp.contains("unsafe-inline"));
    assert_eq!(res.headers()["referrer-policy"], "no-referrer");
    let html = res.text().await.unwrap();
    assert!(
        !html.contains("<script>") && !html.contains("style="),
        "no inline script or style"
    );
    let app_js = html
        .split("src=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    assert!(
        app_js.starts_with("/spa/assets/") && app_js.ends_with("/app.js"),
        "{app_js}"
    );
    let res = app.client.get(app.url(&app_js)).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    assert!(res.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));
    let etag = res.headers()["etag"].clone();
    let res = app
        .client
        .get(app.url(&app_js))
        .header("if-none-match", etag)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 304);
    let stale = app_js.replace("/spa/assets/", "/spa/assets/0").to_string();
    let res = app.client.get(app.url(&stale)).send().await.unwrap();
    assert_eq!(res.status(), 404);

    let res = app
        .client
        .get(app.url(&format!("/spa/v3/{}/process", "B".repeat(43))))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        404,
        "an unknown link still gets the shell, with a 404"
    );
    assert!(res.text().await.unwrap().contains("app.js"));
    assert!(token.len() >= 43);
}

/// The confirm step shows what the readers found (a passport's MRZ, a lease's
/// text), before any pipeline ran, and nothing is decided by reading it.
#[tokio::test]
async fn preview_shows_what_was_read_before_submit() {
    use crate::pipeline::{anna_smith, anna_smith_lease, corpus};
    let app = TestApp::spawn().await;
    let body = anna_smith();
    let id = app.create(&body).await;
    let (token, _, _) = session(&app, &id).await;
    let (s, b) = widget_upload(
        &app,
        &token,
        "photo_id",
        "front",
        corpus("passport-000-clean.png"),
    )
    .await;
    assert_eq!(s, 201, "{b}");
    let lease = anna_smith_lease();
    let (s, b) = widget_upload(&app, &token, "proof_of_address", "front", lease).await;
    assert_eq!(s, 201, "{b}");

    let (s, preview) = widget_get(&app, &token, "preview").await;
    assert_eq!(s, 200, "{preview}");
    let docs = preview["documents"].as_array().unwrap();
    let fields = |slot: &str| {
        docs.iter()
            .find(|d| d["slot"] == slot)
            .unwrap_or_else(|| panic!("{slot} in {preview}"))["fields"]
            .clone()
    };
    let id_fields = fields("photo_id");
    assert_eq!(id_fields["last_name"], "SMITH", "{preview}");
    assert_eq!(id_fields["first_name"], "ANNA", "{preview}");
    assert_eq!(id_fields["date_of_birth"], "1959-11-08", "{preview}");
    assert_eq!(id_fields["document_number"], "J98667606", "{preview}");
    let poa = fields("proof_of_address");
    assert_eq!(poa["postal_code"], "83420", "{preview}");
    assert_eq!(
        poa["city"].as_str().map(str::to_uppercase).as_deref(),
        Some("RICHMOND")
    );

    let (_, v) = app
        .get(&format!("/api/v1/usps1583/verifications/{id}"))
        .await;
    assert_eq!(
        v["data"]["status_label"], "Started",
        "a preview decides nothing"
    );
}

#[tokio::test]
async fn frame_ancestors_come_from_the_setting() {
    let app = TestApp::spawn_with_http(colleckt::settings::HttpSettings {
        widget_frame_ancestors: "https://portal.example.com".into(),
        ..Default::default()
    })
    .await;
    let id = app.create(&homer()).await;
    let (_, url, _) = session(&app, &id).await;
    let res = app.client.get(&url).send().await.unwrap();
    let csp = res.headers()["content-security-policy"].to_str().unwrap();
    assert!(
        csp.ends_with("; frame-ancestors https://portal.example.com"),
        "{csp}"
    );
}
