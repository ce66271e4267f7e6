//! One HTTP attempt of a webhook: a signed `POST` through a client that follows
//! no redirects, uses no proxy, resolves through the SSRF guard, gives up after
//! the timeout, and reads at most 64 KiB of the answer.

use super::sign;
use super::ssrf::{self, GuardedResolver, UrlRefused};
use super::WebhookSettings;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Most of a response body that is read; the rest is dropped unread.
pub const MAX_RESPONSE_READ: usize = 64 * 1024;
/// How much of the response the attempt log keeps.
pub const LOGGED_RESPONSE: usize = 2 * 1024;

/// What one attempt observed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    pub status_code: Option<u16>,
    pub duration: Duration,
    /// The start of the body, at most `LOGGED_RESPONSE` bytes.
    pub response: Option<Vec<u8>>,
    /// Why it failed, when no 2xx came back; never contains payload data.
    pub error: Option<String>,
}

impl Attempt {
    pub fn succeeded(&self) -> bool {
        self.status_code.is_some_and(|c| (200..300).contains(&c))
    }

    fn refused(error: String) -> Attempt {
        Attempt {
            status_code: None,
            duration: Duration::ZERO,
            response: None,
            error: Some(error),
        }
    }
}

/// The message one attempt sends.
pub struct Message<'a> {
    pub url: &'a str,
    pub secret: &'a str,
    pub event_id: &'a str,
    pub body: &'a [u8],
}

#[derive(Clone)]
pub struct Sender {
    client: reqwest::Client,
    allow_private: bool,
}

impl Sender {
    pub fn new(settings: &WebhookSettings) -> Result<Sender, reqwest::Error> {
        let client = reqwest::Client::builder()
            .timeout(settings.timeout)
            .connect_timeout(settings.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .dns_resolver(Arc::new(GuardedResolver {
                allow_private: settings.allow_private,
            }))
            .user_agent(concat!("Colleckt-Webhooks/", env!("CARGO_PKG_VERSION")))
            .pool_idle_timeout(Duration::from_secs(30))
            .build()?;
        Ok(Sender {
            client,
            allow_private: settings.allow_private,
        })
    }

    /// Sends `msg` once, signed at the current time.
    pub async fn send(&self, msg: &Message<'_>) -> Attempt {
        let url = match ssrf::parse(msg.url, self.allow_private) {
            Ok(url) => url,
            Err(e) => return Attempt::refused(format!("refused: {e}")),
        };
        if let Some(ip) = ssrf::literal_ip(&url) {
            if !self.allow_private && ssrf::is_forbidden(ip) {
                return Attempt::refused(format!("refused: {}", UrlRefused::PrivateAddress));
            }
        }
        let timestamp = chrono::Utc::now().timestamp();
        let signature = match sign::signature(msg.secret, msg.event_id, timestamp, msg.body) {
            Ok(s) => s,
            Err(e) => return Attempt::refused(e.to_string()),
        };
        let start = Instant::now();
        let result = self
            .client
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header("webhook-id", msg.event_id)
            .header("webhook-timestamp", timestamp.to_string())
            .header("webhook-signature", signature)
            .body(msg.body.to_vec())
            .send()
            .await;
        let mut response = match result {
            Ok(r) => r,
            Err(e) => {
                return Attempt {
                    status_code: None,
                    duration: start.elapsed(),
                    response: None,
                    error: Some(describe(&e)),
                }
            }
        };
        let status = response.status().as_u16();
        let mut body = Vec::new();
        let mut read_error = None;
        while body.len() < MAX_RESPONSE_READ {
            match response.chunk().await {
                Ok(Some(chunk)) => body.extend_from_slice(&chunk),
                Ok(None) => break,
                Err(e) => {
                    read_error = Some(describe(&e));
                    break;
                }
            }
        }
        body.truncate(LOGGED_RESPONSE);
        let succeeded = (200..300).contains(&status);
        let error = match read_error {
            // A 2xx whose body then broke off still told us it arrived.
            Some(e) if !succeeded => Some(e),
            _ if !succeeded => Some(format!("the receiver answered HTTP {status}")),
            _ => None,
        };
        Attempt {
            status_code: Some(status),
            duration: start.elapsed(),
            response: (!body.is_empty()).then_some(body),
            error,
        }
    }
}

/// A short cause for the attempt log: timeout, refused address, connection.
fn describe(e: &reqwest::Error) -> String {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(s) = source {
        if let Some(refused) = s.downcast_ref::<UrlRefused>() {
            return format!("refused: {refused}");
        }
        source = s.source();
    }
    if e.is_timeout() {
        "timed out".into()
    } else if e.is_connect() {
        format!("could not connect: {}", root_cause(e))
    } else {
        format!("request failed: {}", root_cause(e))
    }
}

fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut last = e;
    while let Some(next) = last.source() {
        last = next;
    }
    last.to_string().chars().take(200).collect()
}
