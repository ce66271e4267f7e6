//! Who is signed in: the session cookie (`HttpOnly`, `SameSite=Lax`, `Secure`
//! when the public URL is https) holds a random secret whose SHA-256 the
//! database keeps. [`Console`] is a fully signed-in user of one workspace —
//! every console handler takes it, and every query it makes is scoped to
//! `user.workspace_id`. [`HalfSignedIn`] is a session still owing its TOTP.

use super::csrf;
use super::i18n::{Lang, Tr};
use crate::app::AppState;
use crate::service::sign_in::SESSION_LIMITS;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use colleckt_store::{ConsoleSession, SessionLimits, SessionOrigin, SessionStage, User};

pub const COOKIE: &str = "colleckt_console";

/// A signed-in console user, with what every page needs.
#[derive(Debug, Clone)]
pub struct Console {
    pub user: User,
    pub session: ConsoleSession,
    /// The token every form of this session carries.
    pub csrf: String,
    pub t: Tr,
    pub origin: SessionOrigin,
}

impl Console {
    pub fn is_admin(&self) -> bool {
        self.user.role == "admin"
    }

    pub fn workspace_id(&self) -> &str {
        &self.user.workspace_id
    }
}

/// A session whose password was right and whose second factor is owed.
#[derive(Debug, Clone)]
pub struct HalfSignedIn {
    pub user: User,
    pub session: ConsoleSession,
    pub csrf: String,
    pub t: Tr,
    pub origin: SessionOrigin,
}

/// The value of cookie `name`, if the request has it.
pub fn cookie(parts: &Parts, name: &str) -> Option<String> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// Where the request comes from, for the session list and the audit log.
pub fn origin(state: &AppState, parts: &Parts) -> SessionOrigin {
    SessionOrigin {
        ip: state.limits.client_ip_of(parts).map(|ip| ip.to_string()),
        user_agent: parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string),
    }
}

/// Whether cookies get the `Secure` flag: when the public URL is https.
pub fn secure(state: &AppState) -> bool {
    state.public_url.starts_with("https://")
}

/// `Set-Cookie` for a new session secret.
pub fn set_cookie(state: &AppState, secret: &str) -> HeaderValue {
    let secure = if secure(state) { "; Secure" } else { "" };
    let v = format!("{COOKIE}={secret}; Path=/console; HttpOnly; SameSite=Lax{secure}");
    HeaderValue::from_str(&v).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// `Set-Cookie` that removes the session cookie.
pub fn clear_cookie(state: &AppState) -> HeaderValue {
    let secure = if secure(state) { "; Secure" } else { "" };
    let v = format!("{COOKIE}=; Path=/console; HttpOnly; SameSite=Lax; Max-Age=0{secure}");
    HeaderValue::from_str(&v).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// To the sign-in page, coming back here afterwards (GET pages only).
fn to_sign_in(parts: &Parts) -> Response {
    let here = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or("/console/queue");
    let next = if parts.method == axum::http::Method::GET {
        url::form_urlencoded::byte_serialize(here.as_bytes()).collect::<String>()
    } else {
        "%2Fconsole%2Fqueue".to_string()
    };
    Redirect::to(&format!("/console/sign-in?next={next}")).into_response()
}

async fn find(
    state: &AppState,
    parts: &Parts,
    limits: SessionLimits,
) -> Result<Option<(ConsoleSession, User, String)>, Response> {
    let Some(secret) = cookie(parts, COOKIE).filter(|s| s.len() < 200) else {
        return Ok(None);
    };
    match state.store.console_session(&secret, limits).await {
        Ok(found) => Ok(found.map(|(s, u)| (s, u, secret))),
        Err(e) => Err(super::error::ConsoleError::from(e).into_response()),
    }
}

impl FromRequestParts<AppState> for Console {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Some((session, user, secret)) = find(state, parts, SESSION_LIMITS).await? else {
            return Err(to_sign_in(parts));
        };
        if session.stage != SessionStage::Full {
            return Err(Redirect::to("/console/second-factor").into_response());
        }
        Ok(Console {
            csrf: csrf::token(state, &secret),
            t: Tr(Lang::of(parts)),
            origin: origin(state, parts),
            user,
            session,
        })
    }
}

impl FromRequestParts<AppState> for HalfSignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Some((session, user, secret)) = find(state, parts, SESSION_LIMITS).await? else {
            return Err(to_sign_in(parts));
        };
        if session.stage == SessionStage::Full {
            return Err(Redirect::to("/console/queue").into_response());
        }
        Ok(HalfSignedIn {
            csrf: csrf::token(state, &secret),
            t: Tr(Lang::of(parts)),
            origin: origin(state, parts),
            user,
            session,
        })
    }
}
