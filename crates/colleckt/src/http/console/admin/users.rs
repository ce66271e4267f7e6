//! `/console/admin/users`: the workspace's console users, a form to add one
//! (with a generated password shown once) and, per user, role, disable or
//! enable, password reset and second-factor reset.

use super::{actor, admin_only, after, problem, refused, when, Button, Outcome, SecretPage};
use crate::app::AppState;
use crate::http::console::chrome::{notice, Chrome};
use crate::http::console::csrf::Form;
use crate::http::console::error::ConsoleResult;
use crate::http::console::i18n::Tr;
use crate::http::console::page::render;
use crate::http::console::session::Console;
use crate::service::admin;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use colleckt_store::User;
use serde::Deserialize;

const HERE: &str = "/console/admin/users";

pub(crate) const NOTICES: &[&str] = &[
    "notice.role_changed",
    "notice.user_disabled",
    "notice.user_enabled",
    "notice.totp_reset",
];

pub struct UserRow {
    pub id: String,
    pub email: String,
    pub role: String,
    /// i18n key: active, disabled or locked.
    pub status: &'static str,
    /// The same as a CSS class: `active`, `disabled` or `locked`.
    pub tag: &'static str,
    pub disabled: bool,
    pub totp: bool,
    pub created: String,
    pub is_me: bool,
}

impl UserRow {
    fn of(u: &User, me: &str, now: i64) -> UserRow {
        let status = if u.disabled_at.is_some() {
            "admin.status_disabled"
        } else if u.locked_until.is_some_and(|t| t > now) {
            "admin.status_locked"
        } else {
            "admin.status_active"
        };
        UserRow {
            id: u.id.clone(),
            email: u.email.clone(),
            role: u.role.clone(),
            status,
            tag: status.trim_start_matches("admin.status_"),
            disabled: u.disabled_at.is_some(),
            totp: u.totp_enabled,
            created: when(u.created_at),
            is_me: u.id == me,
        }
    }
}

#[derive(Template)]
#[template(path = "console/admin_users.html")]
struct UsersPage {
    t: Tr,
    chrome: Chrome,
    problem: Option<&'static str>,
    users: Vec<UserRow>,
}

/// `GET /console/admin/users`.
pub async fn page(
    State(state): State<AppState>,
    c: Console,
    Query(q): Query<Outcome>,
) -> ConsoleResult<Response> {
    admin_only(&c)?;
    let now = colleckt_store::ids::now_micros();
    let users = state.store.list_users(c.workspace_id()).await?;
    let users = users
        .iter()
        .map(|u| UserRow::of(u, &c.user.id, now))
        .collect();
    Ok(render(&UsersPage {
        t: c.t,
        chrome: Chrome::of(&c, "admin", HERE).with_notice(notice(q.done.as_deref(), NOTICES)),
        problem: problem(q.error.as_deref()),
        users,
    }))
}

#[derive(Debug, Deserialize)]
pub struct CreateForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
}

/// `POST /console/admin/users`: shows the new user's password once.
pub async fn create(
    State(state): State<AppState>,
    Form { console: c, form }: Form<CreateForm>,
) -> Response {
    match admin::create_user(&state, actor(&c), &form.email, &form.role).await {
        Ok(p) => SecretPage::render(
            &c,
            "admin.created_title",
            "admin.password_once",
            p.email,
            p.password,
            HERE,
        ),
        Err(e) => refused(e, HERE),
    }
}

#[derive(Debug, Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    role: String,
}

/// `POST /console/admin/users/{id}/role`.
pub async fn role(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form { console: c, form }: Form<RoleForm>,
) -> Response {
    let r = admin::set_role(&state, actor(&c), &id, &form.role).await;
    after(r, HERE, "role_changed")
}

/// `POST /console/admin/users/{id}/disable`.
pub async fn disable(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form { console: c, .. }: Form<Button>,
) -> Response {
    let r = admin::set_disabled(&state, actor(&c), &id, true).await;
    after(r, HERE, "user_disabled")
}

/// `POST /console/admin/users/{id}/enable`.
pub async fn enable(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form { console: c, .. }: Form<Button>,
) -> Response {
    let r = admin::set_disabled(&state, actor(&c), &id, false).await;
    after(r, HERE, "user_enabled")
}

/// `POST /console/admin/users/{id}/password`: shows the new password once.
pub async fn password(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form { console: c, .. }: Form<Button>,
) -> Response {
    match admin::reset_password(&state, actor(&c), &id).await {
        Ok(p) => SecretPage::render(
            &c,
            "admin.reset_title",
            "admin.password_once",
            p.email,
            p.password,
            HERE,
        ),
        Err(e) => refused(e, HERE),
    }
}

/// `POST /console/admin/users/{id}/totp`.
pub async fn totp(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form { console: c, .. }: Form<Button>,
) -> Response {
    let r = admin::reset_totp(&state, actor(&c), &id).await;
    after(r, HERE, "totp_reset")
}
