//! A webhook receiver on loopback for the tests: a tiny axum server that
//! records every request (headers, body, arrival time) and answers as told —
//! 200, a failure status for the first N requests, or slowly. It verifies
//! signatures with its own Standard Webhooks implementation (not the server's).

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;
use std::sync::atomic::{AtomicU16, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

#[derive(Debug, Clone)]
pub struct Hit {
    pub id: String,
    pub timestamp: String,
    pub signature: String,
    pub body: Bytes,
    /// Microseconds since the epoch when it arrived.
    pub arrived_us: i64,
}

impl Hit {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("webhook body is JSON")
    }
}

#[derive(Default)]
struct Shared {
    hits: Mutex<Vec<Hit>>,
    /// Answer this status to the first `fail_first` requests.
    fail_first: AtomicUsize,
    fail_status: AtomicU16,
    seen: AtomicUsize,
    delay_ms: AtomicUsize,
}

#[derive(Clone)]
pub struct Receiver {
    pub url: String,
    pub port: u16,
    shared: Arc<Shared>,
}

impl Receiver {
    pub async fn start() -> Receiver {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        Receiver::serve(listener).await
    }

    /// Serves on a given listener (the crash test reuses a port).
    pub async fn serve(listener: tokio::net::TcpListener) -> Receiver {
        let port = listener.local_addr().unwrap().port();
        let shared = Arc::new(Shared::default());
        shared.fail_status.store(500, Ordering::SeqCst);
        let app = Router::new()
            .route("/{*path}", post(receive))
            .with_state(shared.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Receiver {
            url: format!("http://127.0.0.1:{port}/hooks/colleckt"),
            port,
            shared,
        }
    }

    /// The first `n` requests (from now) get `status`.
    pub fn fail_first(&self, n: usize, status: u16) {
        self.shared.fail_status.store(status, Ordering::SeqCst);
        self.shared.seen.store(0, Ordering::SeqCst);
        self.shared.fail_first.store(n, Ordering::SeqCst);
    }

    /// Every answer waits this long first.
    pub fn slow(&self, delay: Duration) {
        self.shared
            .delay_ms
            .store(delay.as_millis() as usize, Ordering::SeqCst);
    }

    pub fn hits(&self) -> Vec<Hit> {
        self.shared.hits.lock().unwrap().clone()
    }

    pub fn count(&self) -> usize {
        self.shared.hits.lock().unwrap().len()
    }

    /// Waits until at least `n` requests arrived (panics after `limit`).
    pub async fn wait_for(&self, n: usize, limit: Duration) -> Vec<Hit> {
        let start = Instant::now();
        while self.count() < n {
            assert!(
                start.elapsed() < limit,
                "only {} of {n} webhooks arrived in {limit:?}",
                self.count()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        self.hits()
    }
}

pub fn now_us() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_micros() as i64
}

async fn receive(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let arrived_us = now_us();
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    shared.hits.lock().unwrap().push(Hit {
        id: header("webhook-id"),
        timestamp: header("webhook-timestamp"),
        signature: header("webhook-signature"),
        body,
        arrived_us,
    });
    let delay = shared.delay_ms.load(Ordering::SeqCst);
    if delay > 0 {
        tokio::time::sleep(Duration::from_millis(delay as u64)).await;
    }
    let n = shared.seen.fetch_add(1, Ordering::SeqCst);
    if n < shared.fail_first.load(Ordering::SeqCst) {
        StatusCode::from_u16(shared.fail_status.load(Ordering::SeqCst)).unwrap()
    } else {
        StatusCode::OK
    }
}

/// Standard Webhooks verification, written from the specification: the key is
/// the base64 after `whsec_`; the content is `{id}.{timestamp}.{body}`; the
/// header holds space-separated `v1,<base64>` signatures; the timestamp must
/// be within five minutes.
pub fn verify(secret: &str, hit: &Hit) -> Result<(), String> {
    let key = STANDARD
        .decode(secret.strip_prefix("whsec_").ok_or("secret prefix")?)
        .map_err(|e| e.to_string())?;
    let ts: i64 = hit.timestamp.parse().map_err(|_| "timestamp")?;
    let now = now_us() / 1_000_000;
    if (now - ts).abs() > 300 {
        return Err(format!("timestamp {ts} too far from {now}"));
    }
    let mut content = format!("{}.{}.", hit.id, hit.timestamp).into_bytes();
    content.extend_from_slice(&hit.body);
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).map_err(|e| e.to_string())?;
    mac.update(&content);
    let expected = STANDARD.encode(mac.finalize().into_bytes());
    let found = hit
        .signature
        .split(' ')
        .filter_map(|s| s.strip_prefix("v1,"))
        .any(|s| s == expected);
    if found {
        Ok(())
    } else {
        Err(format!("no matching v1 signature in {:?}", hit.signature))
    }
}
