//! `TestApp::spawn()`: the real server on a loopback port with a fresh database
//! and object store — SQLite + a temp directory by default; PostgreSQL (a new
//! database per test) when `COLLECKT_TEST_DATABASE_URL` is set; S3 when
//! `COLLECKT_TEST_S3_BUCKET` is set (with `AWS_ENDPOINT_URL` and credentials).

use colleckt::app::AppState;
use colleckt::jobs::webhooks::WebhookSettings;
use colleckt::settings::{HttpSettings, ReaderSettings, Settings};
use colleckt_domain::FlowRegistry;
use colleckt_store::MasterKeys;
use reqwest::{Client, Method, Response};
use serde_json::{json, Value};
use std::path::PathBuf;

pub struct TestApp {
    pub base: String,
    pub token: String,
    pub other_token: String,
    pub client: Client,
    pub state: AppState,
    pub data_dir: tempfile::TempDir,
    pub database_url: String,
    pub postgres: bool,
}

fn random_name() -> String {
    colleckt_store::ids::new_id("t").to_lowercase()
}

pub async fn fresh_postgres(base: &str) -> String {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let name = random_name();
    let mut conn = sqlx::AnyConnection::connect(base)
        .await
        .expect("connect to PostgreSQL");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .expect("create test database");
    let (prefix, _) = base.rsplit_once('/').expect("database URL has a path");
    format!("{prefix}/{name}")
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with(WebhookSettings::default()).await
    }

    /// With these webhook settings (e.g. private addresses allowed).
    pub async fn spawn_with(webhooks: WebhookSettings) -> TestApp {
        TestApp::spawn_full(webhooks, readers(), HttpSettings::default()).await
    }

    /// With these reader-process settings (another program, other limits).
    pub async fn spawn_with_readers(readers: ReaderSettings) -> TestApp {
        TestApp::spawn_full(WebhookSettings::default(), readers, HttpSettings::default()).await
    }

    /// With these rate limits, trusted proxies, frame ancestors.
    pub async fn spawn_with_http(http: HttpSettings) -> TestApp {
        TestApp::spawn_full(WebhookSettings::default(), readers(), http).await
    }

    pub async fn spawn_full(
        webhooks: WebhookSettings,
        readers: ReaderSettings,
        http: HttpSettings,
    ) -> TestApp {
        let data_dir = tempfile::tempdir().expect("temp dir");
        let (database_url, postgres) = match std::env::var("COLLECKT_TEST_DATABASE_URL") {
            Ok(base) if !base.is_empty() => (fresh_postgres(&base).await, true),
            _ => (
                format!("sqlite://{}/colleckt.db", data_dir.path().display()),
                false,
            ),
        };
        let storage_url = match std::env::var("COLLECKT_TEST_S3_BUCKET") {
            Ok(bucket) if !bucket.is_empty() => format!("s3://{bucket}/{}", random_name()),
            _ => format!("file://{}/objects", data_dir.path().display()),
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let settings = Settings {
            bind: addr.to_string(),
            database_url: database_url.clone(),
            storage_url,
            public_url: format!("http://{addr}"),
            workers: 0,
            retention_days: 30,
            job_lease: std::time::Duration::from_secs(30),
            webhooks,
            readers,
            http,
        };
        let keys = MasterKeys::new(rand_key(), vec![]);
        let state = AppState::open(&settings, keys, FlowRegistry::builtin())
            .await
            .expect("open app");
        let ws = state.store.create_workspace("acme", "Acme").await.unwrap();
        let (_, token) = state.store.create_token(&ws.id, "test").await.unwrap();
        let other = state
            .store
            .create_workspace("other", "Other")
            .await
            .unwrap();
        let (_, other_token) = state.store.create_token(&other.id, "test").await.unwrap();
        let serving = state.clone();
        tokio::spawn(async move {
            colleckt::server::serve(listener, serving, std::future::pending()).await
        });
        TestApp {
            base: format!("http://{addr}"),
            token,
            other_token,
            client: Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            state,
            data_dir,
            database_url,
            postgres,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn request(
        &self,
        method: Method,
        path: &str,
        token: &str,
        body: Option<&Value>,
    ) -> Response {
        let mut req = self
            .client
            .request(method, self.url(path))
            .bearer_auth(token);
        if let Some(b) = body {
            req = req.json(b);
        }
        req.send().await.expect("request")
    }

    /// Sends and returns (status, JSON body); asserts the body is JSON.
    pub async fn call(&self, method: Method, path: &str, body: Option<&Value>) -> (u16, Value) {
        let res = self.request(method, path, &self.token, body).await;
        json_of(res).await
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        self.call(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        self.call(Method::POST, path, Some(body)).await
    }

    pub async fn put(&self, path: &str, body: &Value) -> (u16, Value) {
        self.call(Method::PUT, path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: &Value) -> (u16, Value) {
        self.call(Method::PATCH, path, Some(body)).await
    }

    /// Creates the seeds' Homer Simpson verification; returns its id.
    pub async fn create(&self, body: &Value) -> String {
        let (status, v) = self.post("/api/v1/usps1583/verifications", body).await;
        assert_eq!(status, 201, "{v}");
        v["data"]["id"].as_str().unwrap().to_string()
    }

    pub async fn upload(
        &self,
        id: &str,
        slot: &str,
        front: Vec<u8>,
        back: Option<Vec<u8>>,
    ) -> (u16, Value) {
        let mut form = reqwest::multipart::Form::new()
            .text("slot", slot.to_string())
            .part(
                "front",
                reqwest::multipart::Part::bytes(front).file_name("front.jpg"),
            );
        if let Some(b) = back {
            form = form.part(
                "back",
                reqwest::multipart::Part::bytes(b).file_name("back.jpg"),
            );
        }
        let res = self
            .client
            .post(self.url(&format!("/api/v1/usps1583/verifications/{id}/documents")))
            .bearer_auth(&self.token)
            .multipart(form)
            .send()
            .await
            .expect("upload");
        json_of(res).await
    }

    /// Uploads both documents the default body expects.
    pub async fn upload_all(&self, id: &str) {
        let (s, b) = self.upload(id, "photo_id", jpeg(640, 400, 1), None).await;
        assert_eq!(s, 201, "{b}");
        let (s, b) = self
            .upload(
                id,
                "proof_of_address",
                jpeg(640, 400, 2),
                Some(jpeg(640, 400, 3)),
            )
            .await;
        assert_eq!(s, 201, "{b}");
    }

    pub fn sqlite_path(&self) -> Option<PathBuf> {
        (!self.postgres).then(|| self.data_dir.path().join("colleckt.db"))
    }
}

pub async fn json_of(res: Response) -> (u16, Value) {
    let status = res.status().as_u16();
    let ct = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let text = res.text().await.expect("body");
    if text.is_empty() {
        return (status, Value::Null);
    }
    assert!(
        ct.starts_with("application/json"),
        "status {status}: non-JSON body {ct}: {text}"
    );
    (status, serde_json::from_str(&text).expect("JSON body"))
}

/// The real reader processes: the `colleckt` binary (the default, this
/// executable, is the test harness here).
pub fn readers() -> ReaderSettings {
    ReaderSettings {
        program: env!("CARGO_BIN_EXE_colleckt").into(),
        ..ReaderSettings::default()
    }
}

fn rand_key() -> [u8; 32] {
    let b64 = colleckt_store::crypto::generate_key_b64();
    colleckt_store::crypto::decode_key(&b64).unwrap()
}

/// A small JPEG whose pixels depend on `seed` (so digests differ).
pub fn jpeg(w: u32, h: u32, seed: u8) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([
            (x as u8).wrapping_add(seed),
            (y as u8).wrapping_mul(seed),
            seed,
        ])
    });
    let mut out = std::io::Cursor::new(vec![]);
    img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
    out.into_inner()
}

pub fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(w, h, image::Rgb([10, 20, 30]));
    let mut out = std::io::Cursor::new(vec![]);
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// The seeds' create example (Passport + Driver License).
pub fn homer() -> Value {
    json!({
        "vendor_reference": "REF-001",
        "vendor_state": "TN",
        "person": {"first_name": "Homer", "last_name": "Simpson", "date_of_birth": "1988-05-06"},
        "address": {"street": "742 Evergreen Terrace", "city": "Springfield", "state": "Tennessee",
                    "postal_code": "92026", "country": "USA"},
        "documents": {
            "photo_id": {"type": "Passport", "number": "AB123456", "country": "USA"},
            "proof_of_address": {"type": "Driver License", "number": "DL789012", "country": "USA"}
        }
    })
}

pub fn actor(comment: &str) -> Value {
    json!({"comment": comment, "email": "reviewer@example.com"})
}
