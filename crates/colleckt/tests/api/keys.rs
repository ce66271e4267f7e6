//! The master key through the real binary: files are owner-only; `serve`
//! refuses a missing or wrong key over an existing database (instead of
//! making a new one); `key generate --install` + restart + `key rotate`
//! re-seal everything under the new key while the server keeps serving;
//! then the old key file goes and a restart with the new key alone reads
//! every old value. `/readyz` fails when the database needs a key this
//! process does not have.

use crate::helpers::*;
use crate::pipeline::{anna_smith, corpus};
use crate::webhooks::binary::*;
use colleckt_store::crypto::decode_key;
use colleckt_store::{Db, MasterKeys, Store};
use reqwest::Method;
use serde_json::json;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Stdio;

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// `colleckt <args>` that must fail; returns its stderr.
fn refused(dir: &Path, database_url: &str, envs: &[(&str, &str)], args: &[&str]) -> String {
    let out = colleckt(dir, database_url)
        .envs(envs.iter().copied())
        .args(args)
        .env("COLLECKT_BIND", format!("127.0.0.1:{}", free_port()))
        .stdin(Stdio::null())
        .output()
        .expect("run colleckt");
    assert!(!out.status.success(), "colleckt {args:?} started");
    String::from_utf8_lossy(&out.stderr).to_string()
}

fn key_file(dir: &Path, name: &str) -> [u8; 32] {
    decode_key(&std::fs::read_to_string(dir.join(name)).unwrap()).unwrap()
}

async fn read_back(api: &Api, id: &str, image: &[u8]) {
    let (s, v) = api
        .call(
            Method::GET,
            &format!("/api/v1/usps1583/verifications/{id}"),
            None,
        )
        .await;
    assert_eq!(s, 200, "{v}");
    assert_eq!(
        v["data"]["expected_data"]["person"]["first_name"], "Anna",
        "{v}"
    );
    let url = v["data"]["documents"][0]["url_front"].as_str().unwrap();
    let res = api.client.get(url).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.bytes().await.unwrap().as_ref(), image);
}

async fn readyz(api: &Api) -> (u16, serde_json::Value) {
    json_of(
        api.client
            .get(format!("{}/readyz", api.base))
            .send()
            .await
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn a_rotation_while_serving_leaves_only_the_new_key_needed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (database_url, api) = binary_setup(d).await;
    let port = api.port();
    let image = corpus("passport-000-clean.png");

    let server = serve(d, &database_url, port, 0).await;
    let old_id = api.create(anna_smith()).await;
    api.upload_ok(&old_id, "photo_id", image.clone()).await;
    let (s, hook) = api
        .call(
            Method::POST,
            "/api/v1/webhooks",
            Some(json!({"url": "http://127.0.0.1:9/h"})),
        )
        .await;
    assert_eq!(s, 201, "{hook}");
    let hook_id = hook["data"]["id"].as_str().unwrap().to_string();
    let secret = hook["data"]["secret"].as_str().unwrap().to_string();
    let (s, r) = readyz(&api).await;
    assert_eq!((s, r["keys"].as_str()), (200, Some("ok")), "{r}");
    drop(server);

    // Owner-only: the key, the database and the image files.
    assert_eq!(mode(&d.join("master.key")), 0o600);
    if database_url.starts_with("sqlite") {
        assert_eq!(mode(&d.join("colleckt.db")), 0o600);
    }
    let objects = d.join("objects");
    assert_eq!(mode(&objects), 0o700);
    let ws_dir = std::fs::read_dir(&objects)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let ver_dir = ws_dir.join(&old_id);
    let object = std::fs::read_dir(&ver_dir)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert_eq!(mode(&ver_dir), 0o700);
    assert_eq!(mode(&object), 0o600);

    // A missing key file over this database: refused, and no key is made.
    std::fs::rename(d.join("master.key"), d.join("kept.key")).unwrap();
    let err = refused(d, &database_url, &[], &["serve"]);
    assert!(err.contains("Refusing to create a new key"), "{err}");
    assert!(!d.join("master.key").exists());
    std::fs::rename(d.join("kept.key"), d.join("master.key")).unwrap();
    // A wrong key: refused with the key it needs.
    let wrong = colleckt_store::crypto::generate_key_b64();
    let err = refused(
        d,
        &database_url,
        &[("COLLECKT_MASTER_KEY", &wrong)],
        &["serve"],
    );
    assert!(err.contains("which is not configured"), "{err}");

    // New key installed; the old one stays as master.key.old to open.
    let k1 = key_file(d, "master.key");
    run_cli(d, &database_url, &["key", "generate", "--install"]);
    let k2 = key_file(d, "master.key");
    assert_ne!(k1, k2);
    assert_eq!(key_file(d, "master.key.old"), k1);
    assert_eq!(mode(&d.join("master.key")), 0o600);

    let server = serve(d, &database_url, port, 0).await;
    read_back(&api, &old_id, &image).await;
    // Rotate while the server serves (and writes) at the same time.
    let writer = async {
        let mut ids = vec![];
        for _ in 0..5 {
            ids.push(api.create(anna_smith()).await);
        }
        ids
    };
    let dd = d.to_path_buf();
    let url = database_url.clone();
    let rotate = tokio::task::spawn_blocking(move || {
        colleckt(&dd, &url)
            .args(["key", "rotate", "--batch-size", "1"])
            .output()
            .expect("run rotate")
    });
    let (new_ids, out) = tokio::join!(writer, rotate);
    let out = out.unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("failed 0"), "{stderr}");
    assert!(stderr.contains("retired"), "{stderr}");
    let status = run_cli(d, &database_url, &["key", "status"]);
    assert!(
        status.contains("keys: ok; 0 values not under the current key"),
        "{status}"
    );
    drop(server);

    // The old key can go: the new key alone opens everything.
    std::fs::remove_file(d.join("master.key.old")).unwrap();
    let server = serve(d, &database_url, port, 0).await;
    read_back(&api, &old_id, &image).await;
    for id in &new_ids {
        let (s, v) = api
            .call(
                Method::GET,
                &format!("/api/v1/usps1583/verifications/{id}"),
                None,
            )
            .await;
        assert_eq!(s, 200, "{v}");
    }
    let store = Store::new(
        Db::connect(&database_url, 1).await.unwrap(),
        MasterKeys::new(k2, vec![]),
    );
    assert_eq!(store.endpoint_secret(&hook_id).await.unwrap(), Some(secret));
    // The old key alone is now the wrong key.
    let err = refused(
        d,
        &database_url,
        &[("COLLECKT_MASTER_KEY", &base64_of(&k1))],
        &["serve"],
    );
    assert!(err.contains("which is not configured"), "{err}");

    // Another process adopts a newer key: this server's key no longer
    // covers the database, and readiness says so.
    let (s, r) = readyz(&api).await;
    assert_eq!(s, 200, "{r}");
    let k3 = colleckt_store::crypto::generate_key_b64();
    let out = colleckt(d, &database_url)
        .env("COLLECKT_MASTER_KEY", &k3)
        .env("COLLECKT_OLD_MASTER_KEYS", base64_of(&k2))
        .arg("migrate")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (s, r) = readyz(&api).await;
    assert_eq!((s, r["keys"].as_str()), (503, Some("mismatch")), "{r}");
    drop(server);
}

fn base64_of(k: &[u8; 32]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(k)
}
