//! `/console/admin/security`: whether every user of the workspace must sign
//! in with a second factor (TOTP). Users without one enrol at their next
//! sign-in; sessions already open are not ended by the switch.

use super::{actor, admin_only, after, problem, Outcome};
use crate::app::AppState;
use crate::http::console::chrome::{notice, Chrome};
use crate::http::console::csrf::Form;
use crate::http::console::error::{ConsoleError, ConsoleResult};
use crate::http::console::i18n::Tr;
use crate::http::console::page::render;
use crate::http::console::session::Console;
use crate::service::admin;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

const HERE: &str = "/console/admin/security";
pub(crate) const NOTICES: &[&str] = &["notice.security_saved"];

#[derive(Template)]
#[template(path = "console/admin_security.html")]
struct SecurityPage {
    t: Tr,
    chrome: Chrome,
    problem: Option<&'static str>,
    require_totp: bool,
    /// Users who would be asked to enrol at their next sign-in.
    without_totp: usize,
}

/// `GET /console/admin/security`.
pub async fn page(
    State(state): State<AppState>,
    c: Console,
    Query(q): Query<Outcome>,
) -> ConsoleResult<Response> {
    admin_only(&c)?;
    let ws = state
        .store
        .get_workspace(c.workspace_id())
        .await?
        .ok_or(ConsoleError::NotFound)?;
    let users = state.store.list_users(c.workspace_id()).await?;
    Ok(render(&SecurityPage {
        t: c.t,
        chrome: Chrome::of(&c, "admin", HERE).with_notice(notice(q.done.as_deref(), NOTICES)),
        problem: problem(q.error.as_deref()),
        require_totp: ws.require_totp,
        without_totp: users
            .iter()
            .filter(|u| !u.totp_enabled && u.disabled_at.is_none())
            .count(),
    }))
}

#[derive(Debug, Deserialize)]
pub struct SecurityForm {
    /// A checkbox: present when ticked.
    require_totp: Option<String>,
}

/// `POST /console/admin/security`.
pub async fn save(
    State(state): State<AppState>,
    Form { console: c, form }: Form<SecurityForm>,
) -> Response {
    let on = form.require_totp.is_some();
    let r = admin::set_require_totp(&state, actor(&c), on).await;
    after(r, HERE, "security_saved")
}
