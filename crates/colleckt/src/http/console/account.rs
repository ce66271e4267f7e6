//! `/console/account`: the signed-in user's own password, sessions and
//! second factor. Open to every user; the service keys every query by the
//! user's own id.

use super::admin::{actor, iso, problem, refused, when, Button, Outcome};
use super::chrome::{notice, Chrome};
use super::csrf::Form;
use super::error::{ConsoleError, ConsoleResult};
use super::i18n::Tr;
use super::page::render;
use super::session::Console;
use crate::app::AppState;
use crate::service::{account, totp};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;

const HERE: &str = "/console/account";
const TOTP: &str = "/console/account/totp";
pub(crate) const NOTICES: &[&str] = &[
    "notice.password_changed",
    "notice.session_revoked",
    "notice.totp_enabled",
];

pub fn router() -> Router<AppState> {
    Router::new()
        .route(HERE, get(page))
        .route("/console/account/password", post(password))
        .route("/console/account/sessions/{id}/revoke", post(revoke))
        .route("/console/account/totp/start", post(totp_start))
        .route(TOTP, get(totp_page).post(totp_confirm))
}

pub struct SessionRow {
    pub id: String,
    pub created: String,
    pub last_seen: String,
    pub last_seen_iso: String,
    pub ip: String,
    pub user_agent: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "console/account.html")]
struct AccountPage {
    t: Tr,
    chrome: Chrome,
    problem: Option<&'static str>,
    email: String,
    role: String,
    totp_enabled: bool,
    sessions: Vec<SessionRow>,
}

/// `GET /console/account`.
pub async fn page(
    State(state): State<AppState>,
    c: Console,
    Query(q): Query<Outcome>,
) -> ConsoleResult<Response> {
    let sessions = account::sessions(&state, actor(&c))
        .await
        .map_err(into_console)?
        .into_iter()
        .map(|s| SessionRow {
            current: s.id == c.session.id,
            created: when(s.created_at),
            last_seen: when(s.last_seen_at),
            last_seen_iso: iso(s.last_seen_at),
            ip: s.ip.unwrap_or_default(),
            user_agent: s.user_agent.unwrap_or_default(),
            id: s.id,
        })
        .collect();
    Ok(render(&AccountPage {
        t: c.t,
        chrome: Chrome::of(&c, "account", HERE).with_notice(notice(q.done.as_deref(), NOTICES)),
        problem: problem(q.error.as_deref()),
        email: c.user.email.clone(),
        role: c.user.role.clone(),
        totp_enabled: c.user.totp_enabled,
        sessions,
    }))
}

fn into_console(e: crate::service::admin::AdminError) -> ConsoleError {
    use crate::service::admin::AdminError;
    match e {
        AdminError::Service(e) => e.into(),
        AdminError::NotAdmin => ConsoleError::AdminOnly,
        _ => ConsoleError::NotFound,
    }
}

#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    confirm: String,
}

/// `POST /console/account/password`: other sessions end, this one stays.
pub async fn password(
    State(state): State<AppState>,
    Form { console: c, form }: Form<PasswordForm>,
) -> Response {
    let r = account::change_password(
        &state,
        actor(&c),
        &c.session.id,
        &form.current,
        &form.new,
        &form.confirm,
    )
    .await;
    super::admin::after(r, HERE, "password_changed")
}

/// `POST /console/account/sessions/{id}/revoke`.
pub async fn revoke(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form { console: c, .. }: Form<Button>,
) -> Response {
    let r = account::revoke_session(&state, actor(&c), &id).await;
    super::admin::after(r, HERE, "session_revoked")
}

/// `POST /console/account/totp/start`: a new pending secret, then its page.
pub async fn totp_start(
    State(state): State<AppState>,
    Form { console: c, .. }: Form<Button>,
) -> Response {
    match account::start_totp(&state, actor(&c)).await {
        Ok(()) => Redirect::to(TOTP).into_response(),
        Err(e) => refused(e, HERE),
    }
}

#[derive(Template)]
#[template(path = "console/account_totp.html")]
struct TotpPage {
    t: Tr,
    chrome: Chrome,
    problem: Option<&'static str>,
    secret: String,
    qr: Option<String>,
}

/// `GET /console/account/totp`: the pending secret as a QR code and as text,
/// and the form to confirm it with a code.
pub async fn totp_page(
    State(state): State<AppState>,
    c: Console,
    Query(q): Query<Outcome>,
) -> ConsoleResult<Response> {
    let Some(secret) = account::pending_totp(&state, actor(&c))
        .await
        .map_err(into_console)?
    else {
        return Ok(Redirect::to(HERE).into_response());
    };
    let uri = totp::otpauth_uri("Colleckt", &c.user.email, &secret);
    Ok(render(&TotpPage {
        t: c.t,
        chrome: Chrome::of(&c, "account", TOTP),
        problem: problem(q.error.as_deref()),
        secret: totp::base32(&secret),
        qr: super::sign_in::qr_data_uri(&uri),
    }))
}

#[derive(Debug, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

/// `POST /console/account/totp`: confirms the pending secret with a code.
pub async fn totp_confirm(
    State(state): State<AppState>,
    Form { console: c, form }: Form<CodeForm>,
) -> Response {
    match account::confirm_totp(&state, actor(&c), &form.code).await {
        Ok(()) => Redirect::to(&format!("{HERE}?done=totp_enabled")).into_response(),
        Err(e) => refused(e, TOTP),
    }
}
