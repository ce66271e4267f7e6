//! The admin pages (`/console/admin/…`): users, API tokens, webhooks and the
//! workspace's security setting. Handlers only read forms and shape pages;
//! `service::admin` decides and audits. Reviewers get 403 on every page and
//! action here (the service refuses too: two locks, not one). Actions answer
//! with a redirect (`?done=` or `?error=`), except those whose result is a
//! secret shown once: those render it straight away, since a redirect would
//! have to keep the secret somewhere until the next request.

pub mod security;
pub mod tokens;
pub mod users;
pub mod webhooks;

use super::error::ConsoleError;
use super::session::Console;
use crate::app::AppState;
use crate::service::admin::{Actor, AdminError};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/console/admin",
            get(|| async { Redirect::to("/console/admin/users") }),
        )
        .route("/console/admin/users", get(users::page).post(users::create))
        .route("/console/admin/users/{id}/role", post(users::role))
        .route("/console/admin/users/{id}/disable", post(users::disable))
        .route("/console/admin/users/{id}/enable", post(users::enable))
        .route("/console/admin/users/{id}/password", post(users::password))
        .route("/console/admin/users/{id}/totp", post(users::totp))
        .route(
            "/console/admin/tokens",
            get(tokens::page).post(tokens::create),
        )
        .route("/console/admin/tokens/{id}/revoke", post(tokens::revoke))
        .route("/console/admin/webhooks", get(webhooks::list))
        .route("/console/admin/webhooks/{id}", get(webhooks::show))
        .route(
            "/console/admin/webhooks/{id}/deliveries/{delivery}/retry",
            post(webhooks::retry),
        )
        .route(
            "/console/admin/security",
            get(security::page).post(security::save),
        )
}

/// The query of a page redirected to after an action.
#[derive(Debug, Default, Deserialize)]
pub struct Outcome {
    pub done: Option<String>,
    pub error: Option<String>,
}

/// Pages of the admin area: reviewers stop here.
pub fn admin_only(c: &Console) -> Result<(), ConsoleError> {
    if c.is_admin() {
        Ok(())
    } else {
        Err(ConsoleError::AdminOnly)
    }
}

pub fn actor(c: &Console) -> Actor<'_> {
    Actor {
        user: &c.user,
        origin: &c.origin,
    }
}

/// The code an error travels as in `?error=` (and its i18n key `problem.…`).
fn code(e: &AdminError) -> &'static str {
    match e {
        AdminError::LastAdmin => "last_admin",
        AdminError::InvalidEmail => "invalid_email",
        AdminError::InvalidRole => "invalid_role",
        AdminError::DuplicateEmail => "duplicate_email",
        AdminError::InvalidName => "invalid_name",
        AdminError::WeakPassword => "weak_password",
        AdminError::PasswordMismatch => "password_mismatch",
        AdminError::WrongPassword => "wrong_password",
        AdminError::InFlight => "in_flight",
        AdminError::InvalidCode => "invalid_code",
        AdminError::TotpAlreadyOn => "totp_already_on",
        AdminError::NotAdmin | AdminError::NotFound | AdminError::Service(_) => "failed",
    }
}

/// Every message `?error=` may name; a link cannot make a page say more.
const PROBLEMS: &[&str] = &[
    "problem.last_admin",
    "problem.invalid_email",
    "problem.invalid_role",
    "problem.duplicate_email",
    "problem.invalid_name",
    "problem.weak_password",
    "problem.password_mismatch",
    "problem.wrong_password",
    "problem.in_flight",
    "problem.invalid_code",
    "problem.totp_already_on",
];

/// The i18n key of `?error=…`, if it is one of ours.
pub fn problem(error: Option<&str>) -> Option<&'static str> {
    let error = error?;
    PROBLEMS
        .iter()
        .find(|k| k.strip_prefix("problem.") == Some(error))
        .copied()
}

/// After an action: back to `to` with a notice, or the refusal. Refusals of
/// access are pages of their own (403, 404); the rest go back to the form.
pub fn after(result: Result<(), AdminError>, to: &str, done: &str) -> Response {
    match result {
        Ok(()) => Redirect::to(&format!("{to}?done={done}")).into_response(),
        Err(e) => refused(e, to),
    }
}

pub fn refused(e: AdminError, to: &str) -> Response {
    match e {
        AdminError::NotAdmin => ConsoleError::AdminOnly.into_response(),
        AdminError::NotFound => ConsoleError::NotFound.into_response(),
        AdminError::Service(e) => ConsoleError::from(e).into_response(),
        other => Redirect::to(&format!("{to}?error={}", code(&other))).into_response(),
    }
}

/// A time for people: minutes are enough, and UTC says so.
pub fn when(micros: i64) -> String {
    chrono::DateTime::from_timestamp_micros(micros)
        .unwrap_or_default()
        .format("%Y-%m-%d %H:%M UTC")
        .to_string()
}

/// The machine-readable form for `<time datetime>`.
pub fn iso(micros: i64) -> String {
    chrono::DateTime::from_timestamp_micros(micros)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_code_has_a_message_and_links_say_nothing_else() {
        for e in [
            AdminError::LastAdmin,
            AdminError::InvalidEmail,
            AdminError::InvalidRole,
            AdminError::DuplicateEmail,
            AdminError::InvalidName,
            AdminError::WeakPassword,
            AdminError::PasswordMismatch,
            AdminError::WrongPassword,
            AdminError::InFlight,
            AdminError::InvalidCode,
            AdminError::TotpAlreadyOn,
        ] {
            assert!(problem(Some(code(&e))).is_some(), "{e}");
        }
        assert_eq!(problem(Some("<script>")), None);
    }

    /// Keys chosen at run time (notices, refusals, statuses, the secret
    /// page's texts), which the template scan cannot see, exist too.
    #[test]
    fn keys_chosen_at_run_time_exist() {
        use crate::http::console::i18n::{lookup, Lang};
        let dynamic = [
            "admin.status_active",
            "admin.status_disabled",
            "admin.status_locked",
            "admin.created_title",
            "admin.reset_title",
            "admin.password_once",
            "admin.token_created_title",
            "admin.token_once",
            "webhooks.enabled",
            "webhooks.failing",
            "webhooks.disabled",
            "webhooks.pending",
            "webhooks.succeeded",
            "webhooks.failed",
        ];
        let lists = [
            PROBLEMS,
            users::NOTICES,
            tokens::NOTICES,
            security::NOTICES,
            webhooks::NOTICES,
            crate::http::console::account::NOTICES,
        ];
        for key in lists.iter().flat_map(|l| l.iter()).chain(dynamic.iter()) {
            assert!(lookup(Lang::En, key).is_some(), "{key}");
            assert!(lookup(Lang::Es, key).is_some(), "{key}");
        }
        assert_eq!(when(0), "1970-01-01 00:00 UTC");
    }
}

/// A form with nothing but its CSRF token (a button).
#[derive(Debug, Deserialize)]
pub struct Button {}

/// The page that shows a new password or token once.
#[derive(askama::Template)]
#[template(path = "console/admin_secret.html")]
pub struct SecretPage {
    pub t: super::i18n::Tr,
    pub chrome: super::chrome::Chrome,
    /// i18n keys of the heading and of what to do with the secret.
    pub heading: &'static str,
    pub intro: &'static str,
    /// Whom or what the secret is for (an email, a token's name).
    pub subject: String,
    pub secret: String,
    pub back: &'static str,
}

impl SecretPage {
    pub fn render(
        c: &Console,
        heading: &'static str,
        intro: &'static str,
        subject: String,
        secret: String,
        back: &'static str,
    ) -> Response {
        let chrome = super::chrome::Chrome::of(c, "admin", back);
        super::page::render(&SecretPage {
            t: c.t,
            chrome,
            heading,
            intro,
            subject,
            secret,
            back,
        })
    }
}
