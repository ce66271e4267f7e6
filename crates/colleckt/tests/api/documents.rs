use crate::helpers::*;
use serde_json::json;

#[tokio::test]
async fn upload_replace_list_get_delete() {
    let app = TestApp::spawn().await;
    let id = app.create(&homer()).await;
    let front = jpeg(800, 500, 7);
    let (s, doc) = app.upload(&id, "photo_id", front.clone(), None).await;
    assert_eq!(s, 201, "{doc}");
    let d = &doc["data"];
    assert!(d["id"].as_str().unwrap().starts_with("doc_"));
    assert_eq!(d["status_label"], "Uploaded");
    assert_eq!(d["slot"], "photo_id");
    assert_eq!(d["verification_id"], id.as_str());
    assert_eq!(
        d["document_type"],
        json!({"id": 1, "name": "Passport", "type_label": "Photo ID"})
    );
    assert_eq!(
        d["country"],
        json!({"name": "United States of America", "iso2": "US", "iso3": "USA"})
    );
    assert_eq!(d["url_back"], json!(null));
    assert_eq!(d["rules"], json!(null));
    assert_eq!(d["decisions"], json!([]));
    // The signed URL serves the exact bytes, decrypted, never cached.
    let res = app
        .client
        .get(d["url_front"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["cache-control"], "private, no-store");
    assert_eq!(res.headers()["content-type"], "image/jpeg");
    assert_eq!(res.bytes().await.unwrap().to_vec(), front);

    // Re-upload replaces the slot.
    let (s, doc2) = app.upload(&id, "photo_id", png(300, 300), None).await;
    assert_eq!(s, 201);
    let base = format!("/api/v1/usps1583/verifications/{id}/documents");
    let (_, list) = app.get(&base).await;
    assert_eq!(list["data"].as_array().unwrap().len(), 1);
    assert_eq!(list["data"][0]["id"], doc2["data"]["id"]);
    let doc_id = doc2["data"]["id"].as_str().unwrap();
    let (s, one) = app.get(&format!("{base}/{doc_id}")).await;
    assert_eq!((s, one["data"]["url_front"].is_string()), (200, true));
    assert_eq!(app.get(&format!("{base}/doc_missing")).await.0, 404);

    // Two-sided types need the back.
    let (s, v) = app
        .upload(&id, "proof_of_address", jpeg(300, 200, 1), None)
        .await;
    assert_eq!(s, 422);
    assert!(v["errors"]["back"].is_array(), "{v}");
    let (s, v) = app
        .upload(
            &id,
            "proof_of_address",
            jpeg(300, 200, 1),
            Some(jpeg(300, 200, 2)),
        )
        .await;
    assert_eq!(s, 201, "{v}");
    assert_eq!(v["data"]["document_type"]["type_label"], "Proof of Address");
    assert!(v["data"]["url_back"].is_string());

    let res = app
        .request(
            reqwest::Method::DELETE,
            &format!("{base}/{doc_id}"),
            &app.token,
            None,
        )
        .await;
    assert_eq!(res.status(), 204);
    let (_, list) = app.get(&base).await;
    assert_eq!(list["data"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn types_are_sniffed_and_limits_enforced() {
    let app = TestApp::spawn().await;
    let id = app.create(&homer()).await;
    // A text file named .jpg: 415.
    let (s, v) = app
        .upload(&id, "photo_id", b"hello, not an image".to_vec(), None)
        .await;
    assert_eq!(s, 415, "{v}");
    // A PDF is not a photo ID.
    let (s, _) = app
        .upload(
            &id,
            "photo_id",
            b"%PDF-1.4\n1 0 obj\n%%EOF\n".to_vec(),
            None,
        )
        .await;
    assert_eq!(s, 415);
    // A truncated JPEG: 422 unreadable.
    let img = jpeg(400, 400, 3);
    let (s, v) = app
        .upload(&id, "photo_id", img[..img.len() / 3].to_vec(), None)
        .await;
    assert_eq!(s, 422, "{v}");
    // A PNG claiming 60000×60000 pixels (a decompression bomb).
    let mut bomb = png(1, 1);
    bomb[16..20].copy_from_slice(&60000u32.to_be_bytes());
    bomb[20..24].copy_from_slice(&60000u32.to_be_bytes());
    let (s, v) = app.upload(&id, "photo_id", bomb, None).await;
    assert_eq!(s, 422, "{v}");
    // Over 15 MiB: 413.
    let (s, _) = app
        .upload(&id, "photo_id", vec![0xFF; 15 * 1024 * 1024 + 10], None)
        .await;
    assert_eq!(s, 413);
    // Unknown or unexpected slot.
    let (s, v) = app.upload(&id, "selfie", jpeg(10, 10, 1), None).await;
    assert_eq!(s, 422);
    assert!(v["errors"]["slot"].is_array());
    // Not multipart at all.
    let res = app
        .client
        .post(app.url(&format!("/api/v1/usps1583/verifications/{id}/documents")))
        .bearer_auth(&app.token)
        .json(&json!({"slot": "photo_id"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 415);
    // A truncated multipart body.
    let res = app.client.post(app.url(&format!("/api/v1/usps1583/verifications/{id}/documents")))
        .bearer_auth(&app.token)
        .header("content-type", "multipart/form-data; boundary=XYZ")
        .body(&b"--XYZ\r\nContent-Disposition: form-data; name=\"slot\"\r\n\r\nphoto_id\r\n--XYZ\r\nContent-Disposition: form-data; name=\"front\"; filename=\"a.jpg\"\r\n\r\n\xff\xd8\xff"[..])
        .send().await.unwrap();
    assert_eq!(res.status(), 400);
    // Nothing was stored by any of these.
    let (_, list) = app
        .get(&format!("/api/v1/usps1583/verifications/{id}/documents"))
        .await;
    assert_eq!(list["data"], json!([]));
    let objects = app.data_dir.path().join("objects");
    let stored = walk(&objects).len();
    assert_eq!(stored, 0, "orphan objects after refused uploads");
}

#[tokio::test]
async fn signed_urls_refuse_tampering_and_expiry() {
    let app = TestApp::spawn().await;
    let id = app.create(&homer()).await;
    let (_, doc) = app.upload(&id, "photo_id", jpeg(100, 100, 1), None).await;
    let url = doc["data"]["url_front"].as_str().unwrap().to_string();
    let doc_id = doc["data"]["id"].as_str().unwrap();
    let tampered = url.replace("front?", "back?");
    assert_eq!(
        app.client.get(&tampered).send().await.unwrap().status(),
        403
    );
    let no_sig = url.split('?').next().unwrap().to_string();
    assert_eq!(app.client.get(&no_sig).send().await.unwrap().status(), 403);
    // Correctly signed but past its expiry: 403.
    let expires = chrono::Utc::now().timestamp() - 1;
    let mac = app
        .state
        .store
        .keys
        .mac("file-url", format!("{doc_id}:front:{expires}").as_bytes())
        .unwrap();
    let sig: String = mac.iter().map(|b| format!("{b:02x}")).collect();
    let expired = format!(
        "{}/files/{doc_id}/front?expires={expires}&signature={sig}",
        app.base
    );
    assert_eq!(app.client.get(&expired).send().await.unwrap().status(), 403);
    // The same signature scheme with a future expiry works (the check is real).
    let expires = chrono::Utc::now().timestamp() + 60;
    let mac = app
        .state
        .store
        .keys
        .mac("file-url", format!("{doc_id}:front:{expires}").as_bytes())
        .unwrap();
    let sig: String = mac.iter().map(|b| format!("{b:02x}")).collect();
    let fresh = format!(
        "{}/files/{doc_id}/front?expires={expires}&signature={sig}",
        app.base
    );
    assert_eq!(app.client.get(&fresh).send().await.unwrap().status(), 200);
}

pub fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = vec![];
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}
