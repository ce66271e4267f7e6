//! PII at rest: neither the database (SQLite file or PostgreSQL rows) nor the
//! stored objects hold the name, the document numbers or the image bytes in clear.

use crate::documents::walk;
use crate::helpers::*;

const NEEDLES: [&str; 5] = ["Homer", "Simpson", "AB123456", "DL789012", "Evergreen"];

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn names_numbers_and_images_are_encrypted_at_rest() {
    let app = TestApp::spawn().await;
    let id = app.create(&homer()).await;
    let marker = b"Homer Simpson AB123456 embedded in the image bytes";
    let mut front = jpeg(200, 120, 5);
    // A JPEG comment segment right after SOI carries the marker through decoding.
    let mut segment = vec![0xFF, 0xFE];
    segment.extend_from_slice(&((marker.len() + 2) as u16).to_be_bytes());
    segment.extend_from_slice(marker);
    front.splice(2..2, segment);
    let (s, v) = app.upload(&id, "photo_id", front, None).await;
    assert_eq!(s, 201, "{v}");
    app.upload(
        &id,
        "proof_of_address",
        jpeg(100, 100, 2),
        Some(jpeg(100, 100, 3)),
    )
    .await;
    app.put(
        &format!("/api/v1/usps1583/verifications/{id}/approve"),
        &serde_json::json!({"comment": "Homer Simpson checked", "email": "r@example.com"}),
    )
    .await;

    if let Some(db) = app.sqlite_path() {
        let mut bytes = std::fs::read(&db).unwrap();
        bytes.extend(std::fs::read(db.with_extension("db-wal")).unwrap_or_default());
        assert!(bytes.len() > 10_000, "the database file was read");
        assert!(
            contains(&bytes, id.as_bytes()),
            "the scan sees plaintext ids, so it would see names"
        );
        for n in NEEDLES {
            assert!(
                !contains(&bytes, n.as_bytes()),
                "{n} found in clear in SQLite"
            );
        }
    } else {
        use sqlx::Connection;
        let mut conn = sqlx::AnyConnection::connect(&app.database_url)
            .await
            .unwrap();
        let mut dump = String::new();
        for table in [
            "verifications",
            "documents",
            "history",
            "comments",
            "decisions",
            "events",
            "jobs",
        ] {
            let rows: Vec<(String,)> = sqlx::query_as(&format!("SELECT t::text FROM {table} t"))
                .fetch_all(&mut conn)
                .await
                .unwrap();
            for (r,) in rows {
                dump.push_str(&r);
            }
        }
        assert!(
            dump.contains(&id),
            "the dump sees plaintext ids, so it would see names"
        );
        for n in NEEDLES {
            // bytea columns print as hex: look for the hex of the needle too.
            let hex: String = n.bytes().map(|b| format!("{b:02x}")).collect();
            assert!(
                !dump.contains(n) && !dump.contains(&hex),
                "{n} found in clear in PostgreSQL"
            );
        }
    }
    // Whatever the backend (local directory or S3), the stored objects are sealed.
    let ws = app
        .state
        .store
        .workspace_by_slug("acme")
        .await
        .unwrap()
        .unwrap();
    let v = app
        .state
        .store
        .get_verification(&ws.id, &id)
        .await
        .unwrap()
        .unwrap();
    let docs = app.state.store.documents(&v).await.unwrap();
    let keys: Vec<String> = docs
        .iter()
        .flat_map(|d| {
            std::iter::once(d.front.key.clone()).chain(d.back.as_ref().map(|b| b.key.clone()))
        })
        .collect();
    assert_eq!(keys.len(), 3);
    for key in keys {
        let bytes = app.state.objects.get(&key).await.unwrap();
        assert!(bytes.len() > 100);
        assert!(
            !contains(&bytes, b"Homer") && !bytes.starts_with(&[0xFF, 0xD8, 0xFF]),
            "{key} in clear"
        );
    }
    if app.sqlite_path().is_some() {
        for f in walk(&app.data_dir.path().join("objects")) {
            let bytes = std::fs::read(&f).unwrap();
            assert!(!contains(&bytes, b"Homer"), "{f:?} in clear");
        }
    }
}
