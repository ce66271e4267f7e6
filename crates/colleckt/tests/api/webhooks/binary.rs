//! The real `colleckt` binary for the crash test and the benchmark: CLI
//! commands, a `serve` or `worker` process (killed with SIGKILL when dropped),
//! and a minimal API client for it.

use super::*;
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// A `colleckt` process, killed (-9) when dropped.
pub struct Server {
    child: Child,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn colleckt(dir: &Path, database_url: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_colleckt"));
    c.env("COLLECKT_DATA_DIR", dir)
        .env("COLLECKT_DATABASE_URL", database_url)
        .env_remove("COLLECKT_STORAGE_URL")
        .env_remove("COLLECKT_MASTER_KEY")
        .env("COLLECKT_WEBHOOK_ALLOW_PRIVATE", "1")
        .env("COLLECKT_WEBHOOK_RETRY_SCHEDULE", "1s,1s,1s,1s,1s,1s,1s")
        .env("COLLECKT_LOG", "warn");
    c
}

pub fn run_cli(dir: &Path, database_url: &str, args: &[&str]) -> String {
    let out = colleckt(dir, database_url)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run colleckt");
    assert!(
        out.status.success(),
        "colleckt {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

pub async fn serve(dir: &Path, database_url: &str, port: u16, workers: usize) -> Server {
    serve_with(dir, database_url, port, workers, &[]).await
}

/// `serve` with extra environment settings.
pub async fn serve_with(
    dir: &Path,
    database_url: &str,
    port: u16,
    workers: usize,
    envs: &[(&str, &str)],
) -> Server {
    let log = std::fs::File::create(dir.join(format!("serve-{}.log", now_us()))).unwrap();
    let child = colleckt(dir, database_url)
        .envs(envs.iter().copied())
        .arg("serve")
        .env("COLLECKT_BIND", format!("127.0.0.1:{port}"))
        .env("COLLECKT_WORKERS", workers.to_string())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("spawn colleckt serve");
    let server = Server { child };
    wait_healthy(port).await;
    server
}

/// Waits (up to a minute) until the server on `port` answers `/healthz`.
pub async fn wait_healthy(port: u16) {
    let url = format!("http://127.0.0.1:{port}/healthz");
    let start = Instant::now();
    while reqwest::get(&url)
        .await
        .map(|r| r.status() != 200)
        .unwrap_or(true)
    {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "serve did not start"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// `colleckt worker`: background workers (and the webhook dispatcher) only.
pub fn worker(dir: &Path, database_url: &str) -> Server {
    let log = std::fs::File::create(dir.join(format!("worker-{}.log", now_us()))).unwrap();
    let child = colleckt(dir, database_url)
        .arg("worker")
        .env("COLLECKT_WORKERS", "1")
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("spawn colleckt worker");
    Server { child }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Just enough of `TestApp` to call the API of the spawned binary.
pub struct Api {
    pub base: String,
    pub token: String,
    pub client: reqwest::Client,
}

impl Api {
    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> (u16, Value) {
        let mut req = self
            .client
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        json_of(req.send().await.expect("request")).await
    }

    pub async fn cancel(&self, id: &str) -> u16 {
        let path = format!("/api/v1/usps1583/verifications/{id}/cancel");
        let (s, _) = self
            .call(reqwest::Method::PUT, &path, Some(actor("crash test")))
            .await;
        s
    }

    pub async fn deliveries(&self, wh: &str) -> Vec<Value> {
        let (s, v) = self
            .call(
                reqwest::Method::GET,
                &format!("/api/v1/webhooks/{wh}/deliveries?per_page=100"),
                None,
            )
            .await;
        assert_eq!(s, 200, "{v}");
        v["data"].as_array().unwrap().clone()
    }
}

/// A database for the real binary (a fresh PostgreSQL database when
/// `COLLECKT_TEST_DATABASE_URL` is set, else SQLite in `dir`), workspace
/// `acme` with a token made by the CLI, and a client for a port not yet used.
pub async fn binary_setup(dir: &Path) -> (String, Api) {
    let database_url = match std::env::var("COLLECKT_TEST_DATABASE_URL") {
        Ok(base) if !base.is_empty() => fresh_postgres(&base).await,
        _ => format!("sqlite://{}/colleckt.db", dir.display()),
    };
    run_cli(dir, &database_url, &["workspace", "create", "acme"]);
    let token = run_cli(dir, &database_url, &["token", "create", "acme"]);
    let api = Api {
        base: format!("http://127.0.0.1:{}", free_port()),
        token,
        client: reqwest::Client::new(),
    };
    (database_url, api)
}

impl Api {
    /// The port of `base`.
    pub fn port(&self) -> u16 {
        self.base
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or(0)
    }

    /// Uploads `file` as the front of `slot`: the answer's status and body.
    pub async fn upload_front(&self, id: &str, slot: &str, file: Vec<u8>) -> (u16, Value) {
        let form = reqwest::multipart::Form::new()
            .text("slot", slot.to_string())
            .part(
                "front",
                reqwest::multipart::Part::bytes(file).file_name("doc"),
            );
        let res = self
            .client
            .post(format!(
                "{}/api/v1/usps1583/verifications/{id}/documents",
                self.base
            ))
            .bearer_auth(&self.token)
            .multipart(form)
            .send()
            .await
            .expect("the server answers every upload");
        json_of(res).await
    }

    /// Uploads `file` as the front of `slot`, which must be accepted (201).
    pub async fn upload_ok(&self, id: &str, slot: &str, file: Vec<u8>) -> Value {
        let (s, b) = self.upload_front(id, slot, file).await;
        assert_eq!(s, 201, "{b}");
        b
    }

    /// Creates a verification from `body` (201): its id.
    pub async fn create(&self, body: Value) -> String {
        let path = "/api/v1/usps1583/verifications";
        let (s, v) = self.call(reqwest::Method::POST, path, Some(body)).await;
        assert_eq!(s, 201, "{v}");
        v["data"]["id"].as_str().unwrap().to_string()
    }

    /// The verification `id` (200), its `data`.
    pub async fn verification(&self, id: &str) -> Value {
        let path = format!("/api/v1/usps1583/verifications/{id}");
        let (s, v) = self.call(reqwest::Method::GET, &path, None).await;
        assert_eq!(s, 200, "{v}");
        v["data"].clone()
    }
}
