//! Per-session rate limits for the widget API: two token buckets per session
//! (reads; uploads and submits), keyed by the SHA-256 of the token so the
//! token itself is not kept. Over the limit is a 429 with `Retry-After`.

use crate::http::error::ApiError;
use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// A bucket's size and how many seconds one token takes to come back.
#[derive(Debug, Clone, Copy)]
pub struct Rate {
    pub burst: f64,
    pub secs_per_token: f64,
}

/// Reads: a page load is two or three; 60 at once, one a second after.
pub const READS: Rate = Rate {
    burst: 60.0,
    secs_per_token: 1.0,
};
/// Uploads and submits: enough for every side with retakes; then one per 6 s.
pub const WRITES: Rate = Rate {
    burst: 20.0,
    secs_per_token: 6.0,
};

/// Past this many sessions, idle (full) buckets are dropped.
const MAX_TRACKED: usize = 50_000;

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// (SHA-256 of the session token, whether the bucket is for writes).
type BucketKey = ([u8; 32], bool);

#[derive(Clone, Default)]
pub struct Limiter {
    buckets: Arc<Mutex<HashMap<BucketKey, Bucket>>>,
}

impl Limiter {
    pub fn new() -> Limiter {
        Limiter::default()
    }

    /// Takes a token, or says how many seconds until one is back.
    pub fn take(&self, session: &str, write: bool, now: Instant) -> Result<(), u64> {
        let rate = if write { WRITES } else { READS };
        let key: [u8; 32] = Sha256::digest(session.as_bytes()).into();
        let mut map = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= MAX_TRACKED {
            map.retain(|(_, w), b| {
                let r = if *w { WRITES } else { READS };
                b.tokens + now.duration_since(b.at).as_secs_f64() / r.secs_per_token < r.burst
            });
        }
        let b = map.entry((key, write)).or_insert(Bucket {
            tokens: rate.burst,
            at: now,
        });
        let refill = now.duration_since(b.at).as_secs_f64() / rate.secs_per_token;
        b.tokens = (b.tokens + refill).min(rate.burst);
        b.at = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - b.tokens) * rate.secs_per_token).ceil().max(1.0) as u64)
        }
    }
}

/// The session segment of `/spa/v3/{session}/api/…`.
fn session_of(path: &str) -> &str {
    path.trim_start_matches("/spa/v3/")
        .split('/')
        .next()
        .unwrap_or_default()
}

pub async fn per_session(State(limiter): State<Limiter>, req: Request, next: Next) -> Response {
    let write = req.method() != Method::GET && req.method() != Method::HEAD;
    match limiter.take(session_of(req.uri().path()), write, Instant::now()) {
        Ok(()) => next.run(req).await,
        Err(retry_after_secs) => ApiError::TooManyRequests { retry_after_secs }.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn buckets_empty_and_refill_per_session() {
        let l = Limiter::new();
        let t0 = Instant::now();
        for _ in 0..20 {
            assert!(l.take("a", true, t0).is_ok());
        }
        assert_eq!(l.take("a", true, t0), Err(6));
        assert!(
            l.take("b", true, t0).is_ok(),
            "another session has its own bucket"
        );
        assert!(
            l.take("a", false, t0).is_ok(),
            "reads have their own bucket"
        );
        assert!(l.take("a", true, t0 + Duration::from_secs(6)).is_ok());
        assert_eq!(session_of("/spa/v3/abc/api/state"), "abc");
    }
}
