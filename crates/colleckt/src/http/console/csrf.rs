//! Cross-site request forgery: every console form carries a token bound to
//! the session (an HMAC of the session's secret under a master-derived key;
//! before sign-in, of a random pre-session cookie), checked in constant time,
//! and a POST whose `Origin` names another site is refused outright. The
//! `SameSite=Lax` session cookie is the third line.

use super::error::ConsoleError;
use super::session::{self, Console, HalfSignedIn};
use crate::app::AppState;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use serde::de::DeserializeOwned;

const PURPOSE: &str = "console-csrf";
/// The pre-session cookie the sign-in form's token is bound to.
pub const ANON_COOKIE: &str = "colleckt_presession";
/// Forms are small; anything larger is not one of ours.
const MAX_FORM_BYTES: usize = 64 * 1024;

pub fn token(state: &AppState, secret: &str) -> String {
    match state.store.keys.mac(PURPOSE, secret.as_bytes()) {
        Ok(mac) => base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&mac[..24]),
        // Only a broken key ring fails here; an empty token matches no form.
        Err(_) => String::new(),
    }
}

fn matches(expected: &str, given: &str) -> bool {
    use subtle::ConstantTimeEq;
    !expected.is_empty() && bool::from(expected.as_bytes().ct_eq(given.as_bytes()))
}

/// The pre-session cookie's value, or a new one to set (`Secure` behind
/// https, like the session cookie).
pub fn anon_secret(state: &AppState, parts: &Parts) -> (String, Option<HeaderValue>) {
    match session::cookie(parts, ANON_COOKIE).filter(|c| c.len() >= 32 && c.len() < 100) {
        Some(c) => (c, None),
        None => {
            let c = colleckt_store::ids::new_secret("");
            let secure = if session::secure(state) {
                "; Secure"
            } else {
                ""
            };
            let v = format!("{ANON_COOKIE}={c}; Path=/console; HttpOnly; SameSite=Lax{secure}");
            (c, HeaderValue::from_str(&v).ok())
        }
    }
}

/// A POST from a page of another site (a browser always says where from).
fn cross_site(state: &AppState, parts: &Parts) -> bool {
    let Some(origin) = parts
        .headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    if origin == "null" {
        return true;
    }
    let host = parts
        .headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok());
    let same_host = host.is_some_and(|h| {
        origin
            .strip_prefix("http://")
            .or_else(|| origin.strip_prefix("https://"))
            == Some(h)
    });
    !(same_host || state.public_url.trim_end_matches('/') == origin)
}

/// Reads an urlencoded form, checks its `csrf` field against `expected`.
async fn checked<T: DeserializeOwned>(
    state: &AppState,
    parts: &Parts,
    body: axum::body::Body,
    expected: &str,
) -> Result<T, Response> {
    if cross_site(state, parts) {
        return Err(ConsoleError::Csrf.into_response());
    }
    let bytes: Bytes = axum::body::to_bytes(body, MAX_FORM_BYTES)
        .await
        .map_err(|_| ConsoleError::BadForm.into_response())?;
    let given = url::form_urlencoded::parse(&bytes)
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    if !matches(expected, &given) {
        return Err(ConsoleError::Csrf.into_response());
    }
    serde_urlencoded::from_bytes(&bytes).map_err(|_| ConsoleError::BadForm.into_response())
}

/// A form posted by a signed-in user, its token checked.
pub struct Form<T> {
    pub console: Console,
    pub form: T,
}

impl<T: DeserializeOwned + Send> FromRequest<AppState> for Form<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = req.into_parts();
        let console = Console::from_request_parts(&mut parts, state).await?;
        let form = checked(state, &parts, body, &console.csrf).await?;
        Ok(Form { console, form })
    }
}

/// A form posted at the second-factor step.
pub struct HalfForm<T> {
    pub half: HalfSignedIn,
    pub form: T,
}

impl<T: DeserializeOwned + Send> FromRequest<AppState> for HalfForm<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = req.into_parts();
        let half = HalfSignedIn::from_request_parts(&mut parts, state).await?;
        let form = checked(state, &parts, body, &half.csrf).await?;
        Ok(HalfForm { half, form })
    }
}

/// A form posted before sign-in (the sign-in form itself).
pub struct AnonForm<T> {
    pub parts: Parts,
    pub form: T,
}

impl<T: DeserializeOwned + Send> FromRequest<AppState> for AnonForm<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Response> {
        let (parts, body) = req.into_parts();
        let Some(secret) = session::cookie(&parts, ANON_COOKIE) else {
            return Err(ConsoleError::Csrf.into_response());
        };
        let form = checked(state, &parts, body, &token(state, &secret)).await?;
        Ok(AnonForm { parts, form })
    }
}
