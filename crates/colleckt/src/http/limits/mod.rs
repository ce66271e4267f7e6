//! Rate limits (docs/limits.md), kept by `governor`: one token bucket per key,
//! and a key exists only for what was checked first. API requests are limited
//! per client address (before anything else) and per API token (once the
//! token is authenticated, in [`crate::http::auth`]); widget requests per
//! client address and per session (once the session token opens a live
//! verification, keyed by that verification, so no spelling of a token makes
//! a fresh bucket), reads apart from uploads and submits. Over a limit is a
//! 429 with `Retry-After` and the usual `{"message": …}` body.
//!
//! Buckets live in this process: N processes behind a balancer allow N times
//! the limits. Idle buckets are dropped every [`HOUSEKEEPING`].

pub mod client_ip;
pub mod rate;

mod middleware;

pub use client_ip::{parse_cidrs, Cidr, Cidrs};
pub use middleware::{per_ip_api, per_ip_widget};
pub use rate::{parse_rate_limit, RateLimit};
pub use rate::{
    DEFAULT_API_IP_RATE_LIMIT, DEFAULT_API_RATE_LIMIT, DEFAULT_WIDGET_IP_RATE_LIMIT,
    DEFAULT_WIDGET_RATE_LIMIT, DEFAULT_WIDGET_WRITE_RATE_LIMIT,
};

use crate::http::error::{ApiError, ApiResult};
use crate::settings::HttpSettings;
use axum::extract::{ConnectInfo, Request};
use governor::clock::{Clock, DefaultClock};
use governor::middleware::NoOpMiddleware;
use governor::state::keyed::DashMapStateStore;
use governor::RateLimiter;
use std::hash::Hash;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Weak};
use std::time::Duration;

/// How often idle buckets are dropped.
pub const HOUSEKEEPING: Duration = Duration::from_secs(30);

/// One limit: a bucket per key, made on the key's first request.
pub struct Limiter<K: Hash + Eq + Clone, C: Clock = DefaultClock> {
    inner: RateLimiter<K, DashMapStateStore<K>, C, NoOpMiddleware<C::Instant>>,
}

impl<K: Hash + Eq + Clone> Limiter<K> {
    /// `None` when the limit is off.
    pub fn new(limit: RateLimit) -> Option<Limiter<K>> {
        Limiter::with_clock(limit, DefaultClock::default())
    }
}

impl<K: Hash + Eq + Clone, C: Clock> Limiter<K, C> {
    pub fn with_clock(limit: RateLimit, clock: C) -> Option<Limiter<K, C>> {
        let quota = limit.quota()?;
        Some(Limiter {
            inner: RateLimiter::dashmap_with_clock(quota, clock),
        })
    }

    /// Takes one request from `key`'s bucket, or says in how many whole
    /// seconds (at least one) the next is allowed.
    pub fn check(&self, key: &K) -> Result<(), u64> {
        self.inner.check_key(key).map_err(|not_until| {
            let wait = not_until.wait_time_from(self.inner.clock().now());
            (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1)
        })
    }

    /// Drops the buckets that are full again (indistinguishable from new).
    pub fn forget_idle(&self) {
        self.inner.retain_recent();
        self.inner.shrink_to_fit();
    }

    /// How many keys have a bucket.
    pub fn len(&self) -> usize {
        self.inner.len()
    }

    pub fn is_empty(&self) -> bool {
        self.inner.is_empty()
    }
}

fn take<K: Hash + Eq + Clone>(limiter: &Option<Limiter<K>>, key: &K) -> ApiResult<()> {
    match limiter {
        Some(l) => l
            .check(key)
            .map_err(|retry_after_secs| ApiError::TooManyRequests { retry_after_secs }),
        None => Ok(()),
    }
}

/// Every limiter of the process, and who counts as a trusted proxy.
pub struct Limits {
    api_token: Option<Limiter<String>>,
    api_ip: Option<Limiter<IpAddr>>,
    widget_read: Option<Limiter<String>>,
    widget_write: Option<Limiter<String>>,
    widget_ip: Option<Limiter<IpAddr>>,
    console_sign_in: Option<Limiter<IpAddr>>,
    trusted_proxies: Vec<Cidr>,
}

/// Console sign-in attempts (password or second factor) per client address,
/// besides the per-account lockout (`service::sign_in`).
pub const CONSOLE_SIGN_IN_RATE_LIMIT: &str = "10/m";

impl Limits {
    pub fn new(s: &HttpSettings) -> Limits {
        Limits {
            api_token: Limiter::new(s.api_rate_limit),
            api_ip: Limiter::new(s.api_ip_rate_limit),
            widget_read: Limiter::new(s.widget_rate_limit),
            widget_write: Limiter::new(s.widget_write_rate_limit),
            widget_ip: Limiter::new(s.widget_ip_rate_limit),
            console_sign_in: Limiter::new(
                parse_rate_limit(CONSOLE_SIGN_IN_RATE_LIMIT).unwrap_or(RateLimit::Off),
            ),
            trusted_proxies: s.trusted_proxies.clone(),
        }
    }

    /// An authenticated API token's request.
    pub fn api_token(&self, token_id: &str) -> ApiResult<()> {
        take(&self.api_token, &token_id.to_string())
    }

    /// A widget request of a validated session (keyed by its verification).
    pub fn widget_session(&self, verification_id: &str, write: bool) -> ApiResult<()> {
        let limiter = if write {
            &self.widget_write
        } else {
            &self.widget_read
        };
        take(limiter, &verification_id.to_string())
    }

    /// How many widget sessions have a bucket (reads and writes): what
    /// the tests watch, to see that only valid sessions make one.
    pub fn widget_session_buckets(&self) -> usize {
        [&self.widget_read, &self.widget_write]
            .into_iter()
            .flatten()
            .map(Limiter::len)
            .sum()
    }

    /// The client's address: `None` only when served without connection
    /// info (in-process services), where no address limit applies.
    pub fn client_ip(&self, req: &Request) -> Option<IpAddr> {
        let peer = req.extensions().get::<ConnectInfo<SocketAddr>>()?.0.ip();
        let forwarded = req
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            // A value that is not text is a hop nobody can read: it ends the walk.
            .map(|v| v.to_str().unwrap_or("?"));
        Some(client_ip::client_ip(peer, forwarded, &self.trusted_proxies))
    }

    /// The client's address from a request's parts (see [`Limits::client_ip`]).
    pub fn client_ip_of(&self, parts: &axum::http::request::Parts) -> Option<IpAddr> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>()?.0.ip();
        let forwarded = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .map(|v| v.to_str().unwrap_or("?"));
        Some(client_ip::client_ip(peer, forwarded, &self.trusted_proxies))
    }

    /// One console sign-in attempt from `ip`.
    pub fn console_sign_in(&self, ip: Option<IpAddr>) -> ApiResult<()> {
        match ip {
            Some(ip) => take(&self.console_sign_in, &client_ip::bucket_key(ip)),
            None => Ok(()),
        }
    }

    pub fn forget_idle(&self) {
        for l in [&self.api_token, &self.widget_read, &self.widget_write]
            .into_iter()
            .flatten()
        {
            l.forget_idle();
        }
        for l in [&self.api_ip, &self.widget_ip, &self.console_sign_in]
            .into_iter()
            .flatten()
        {
            l.forget_idle();
        }
    }

    /// The per-address limit of the API (and signed files, docs).
    pub fn api_ip(&self, req: &Request) -> ApiResult<()> {
        self.over_ip(&self.api_ip, req)
    }

    /// The per-address limit of the widget (page, API, QR code).
    pub fn widget_ip(&self, req: &Request) -> ApiResult<()> {
        self.over_ip(&self.widget_ip, req)
    }

    fn over_ip(&self, limiter: &Option<Limiter<IpAddr>>, req: &Request) -> ApiResult<()> {
        match self.client_ip(req) {
            Some(ip) => take(limiter, &client_ip::bucket_key(ip)),
            None => Ok(()),
        }
    }

    /// Drops idle buckets every [`HOUSEKEEPING`] while these limits are in
    /// use (the task ends when the last holder drops them).
    pub fn spawn_housekeeping(self: &Arc<Limits>) {
        let weak: Weak<Limits> = Arc::downgrade(self);
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(HOUSEKEEPING).await;
                match weak.upgrade() {
                    Some(limits) => limits.forget_idle(),
                    None => return,
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use governor::clock::FakeRelativeClock;

    #[test]
    fn buckets_empty_refill_and_say_when() {
        let clock = FakeRelativeClock::default();
        let l: Limiter<&str, _> =
            Limiter::with_clock(parse_rate_limit("20/2m").unwrap(), clock.clone()).unwrap();
        for _ in 0..20 {
            assert!(l.check(&"a").is_ok());
        }
        assert_eq!(l.check(&"a"), Err(6));
        assert!(l.check(&"b").is_ok(), "another key has its own bucket");
        clock.advance(Duration::from_millis(5500));
        assert_eq!(l.check(&"a"), Err(1), "half a second is one whole second");
        clock.advance(Duration::from_millis(500));
        assert!(l.check(&"a").is_ok());
        assert_eq!(l.len(), 2);
        // Twenty at once then one more: full again two minutes and a step later.
        clock.advance(Duration::from_secs(119));
        l.forget_idle();
        assert_eq!(l.len(), 1, "a's bucket is not full yet");
        clock.advance(Duration::from_secs(10));
        l.forget_idle();
        assert!(l.is_empty(), "full buckets are dropped");
    }

    #[test]
    fn off_is_no_limiter() {
        assert!(Limiter::<String>::new(RateLimit::Off).is_none());
        assert!(take::<String>(&None, &"x".into()).is_ok());
    }

    #[test]
    fn defaults_parse() {
        for s in [
            DEFAULT_API_RATE_LIMIT,
            DEFAULT_API_IP_RATE_LIMIT,
            DEFAULT_WIDGET_RATE_LIMIT,
            DEFAULT_WIDGET_WRITE_RATE_LIMIT,
            DEFAULT_WIDGET_IP_RATE_LIMIT,
            CONSOLE_SIGN_IN_RATE_LIMIT,
        ] {
            assert!(
                matches!(parse_rate_limit(s), Ok(RateLimit::Every { .. })),
                "{s}"
            );
        }
    }
}
