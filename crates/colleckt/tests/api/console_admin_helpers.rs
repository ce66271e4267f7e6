//! A console user's browser, as far as the tests need one: a client that
//! keeps the cookies it is given (a small jar, since the suite's reqwest has
//! no cookie feature), reads each form's CSRF token from the page, and signs
//! in through the real form. Each [`Browser`] comes from its own address
//! (`X-Forwarded-For`, honoured because the test app trusts loopback as a
//! proxy), so the per-address sign-in limit of one test does not spill into
//! another part of it.

use crate::helpers::{readers, TestApp};
use colleckt::jobs::webhooks::WebhookSettings;
use colleckt::settings::HttpSettings;
use reqwest::header::{HeaderMap, COOKIE, LOCATION, SET_COOKIE};
use reqwest::{Client, Response};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;

/// Loopback is a trusted proxy, so `X-Forwarded-For` names the client.
pub fn http() -> HttpSettings {
    HttpSettings {
        trusted_proxies: colleckt::http::limits::parse_cidrs("127.0.0.1/32").unwrap(),
        ..HttpSettings::default()
    }
}

pub async fn console_app() -> TestApp {
    TestApp::spawn_full(WebhookSettings::default(), readers(), http()).await
}

/// A fresh documentation address (TEST-NET-3) for each browser.
fn next_ip() -> String {
    static N: AtomicU32 = AtomicU32::new(1);
    let n = N.fetch_add(1, Ordering::SeqCst);
    format!("203.0.{}.{}", (n / 250) % 250, n % 250 + 1)
}

pub struct Page {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    pub fn location(&self) -> &str {
        self.headers
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The first form token on the page.
    pub fn csrf(&self) -> String {
        let at = self
            .body
            .find("name=\"csrf\" value=\"")
            .unwrap_or_else(|| panic!("no csrf field in: {}", self.body));
        let rest = &self.body[at + "name=\"csrf\" value=\"".len()..];
        rest[..rest.find('"').unwrap()].to_string()
    }

    /// The text of the element with `id` (e.g. a secret shown once).
    pub fn by_id(&self, id: &str) -> String {
        let marker = format!("id=\"{id}\"");
        let at = self
            .body
            .find(&marker)
            .unwrap_or_else(|| panic!("no #{id} in: {}", self.body));
        let rest = &self.body[at..];
        let start = rest.find('>').unwrap() + 1;
        let end = rest[start..].find('<').unwrap();
        rest[start..start + end].trim().to_string()
    }
}

pub struct Browser {
    pub base: String,
    pub ip: String,
    client: Client,
    jar: Mutex<BTreeMap<String, String>>,
}

impl Browser {
    pub fn new(app: &TestApp) -> Browser {
        Browser::at(&app.base, &next_ip())
    }

    pub fn at(base: &str, ip: &str) -> Browser {
        Browser {
            base: base.to_string(),
            ip: ip.to_string(),
            client: Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            jar: Mutex::new(BTreeMap::new()),
        }
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        self.jar.lock().unwrap().get(name).cloned()
    }

    fn cookie_header(&self) -> String {
        let jar = self.jar.lock().unwrap();
        jar.iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn keep(&self, res: Response) -> Page {
        for v in res.headers().get_all(SET_COOKIE) {
            let v = v.to_str().unwrap();
            let pair = v.split(';').next().unwrap();
            let (k, val) = pair.split_once('=').unwrap();
            let mut jar = self.jar.lock().unwrap();
            if v.contains("Max-Age=0") || val.is_empty() {
                jar.remove(k);
            } else {
                jar.insert(k.to_string(), val.to_string());
            }
        }
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let body = res.text().await.unwrap();
        Page {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str) -> Page {
        let res = self
            .client
            .get(format!("{}{path}", self.base))
            .header(COOKIE, self.cookie_header())
            .header("x-forwarded-for", &self.ip)
            .header("user-agent", "console-tests/1.0")
            .send()
            .await
            .unwrap();
        self.keep(res).await
    }

    /// The raw bytes of `path` (an image), with status and headers.
    pub async fn get_bytes(&self, path: &str) -> (u16, Vec<u8>, HeaderMap) {
        let res = self
            .client
            .get(format!("{}{path}", self.base))
            .header(COOKIE, self.cookie_header())
            .header("x-forwarded-for", &self.ip)
            .send()
            .await
            .unwrap();
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        (status, res.bytes().await.unwrap().to_vec(), headers)
    }

    /// Posts `fields` as a form exactly as given (no token added).
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let res = self
            .client
            .post(format!("{}{path}", self.base))
            .header(COOKIE, self.cookie_header())
            .header("x-forwarded-for", &self.ip)
            .header("user-agent", "console-tests/1.0")
            .form(fields)
            .send()
            .await
            .unwrap();
        self.keep(res).await
    }

    /// Reads the token from `form_page`, then posts `fields` with it.
    pub async fn post(&self, form_page: &str, path: &str, fields: &[(&str, &str)]) -> Page {
        let csrf = self.get(form_page).await.csrf();
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &all).await
    }

    /// The sign-in form, filled and sent: the response to the POST.
    pub async fn sign_in(&self, email: &str, password: &str) -> Page {
        self.post(
            "/console/sign-in",
            "/console/sign-in",
            &[("email", email), ("password", password)],
        )
        .await
    }

    /// Signs in and asserts it worked (no second factor).
    pub async fn signed_in(app: &TestApp, email: &str, password: &str) -> Browser {
        let b = Browser::new(app);
        let p = b.sign_in(email, password).await;
        assert_eq!(p.status, 303, "sign-in of {email}: {}", p.body);
        assert_eq!(p.location(), "/console/queue");
        b
    }
}

/// A console user made directly in the store; returns (id, password).
pub async fn user(app: &TestApp, slug: &str, email: &str, role: &str) -> (String, String) {
    let ws = app
        .state
        .store
        .workspace_by_slug(slug)
        .await
        .unwrap()
        .unwrap();
    let password = format!("pw-{}", colleckt::bootstrap::generate_password());
    let hash = colleckt::bootstrap::hash_password(&password).unwrap();
    let id = app
        .state
        .store
        .create_user(&ws.id, email, &hash, role)
        .await
        .unwrap();
    (id, password)
}

/// Base32 (RFC 4648) back to bytes: the secret a page shows.
pub fn base32_decode(s: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let (mut out, mut buffer, mut bits) = (vec![], 0u32, 0u32);
    for c in s.bytes().filter(|c| *c != b' ') {
        let v = ALPHABET.iter().position(|a| *a == c).expect("base32") as u32;
        buffer = (buffer << 5) | v;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    out
}

/// The code an authenticator shows `steps_ahead` steps from now.
pub fn totp_code(secret: &[u8], steps_ahead: i64) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let step = colleckt::service::totp::step_at(now) + steps_ahead;
    format!("{:06}", colleckt::service::totp::hotp(secret, step as u64))
}

/// The audit actions of a workspace, newest first.
pub async fn audit_actions(app: &TestApp, slug: &str) -> Vec<(String, String)> {
    let ws = app
        .state
        .store
        .workspace_by_slug(slug)
        .await
        .unwrap()
        .unwrap();
    let (items, _) = app.state.store.audit_page(&ws.id, 1000, 0).await.unwrap();
    items.into_iter().map(|e| (e.actor, e.action)).collect()
}

impl Browser {
    /// Puts a cookie in the jar (to replay an old session's cookie).
    pub fn jar_set(&self, name: &str, value: &str) {
        self.jar
            .lock()
            .unwrap()
            .insert(name.to_string(), value.to_string());
    }
}
