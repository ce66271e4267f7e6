//! `/console/admin/tokens`: the workspace's API tokens (never a secret: only
//! hashes are stored), a form to make one (its secret shown once) and a
//! revoke button per live token.

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
use serde::Deserialize;

const HERE: &str = "/console/admin/tokens";
pub(crate) const NOTICES: &[&str] = &["notice.token_revoked"];

pub struct TokenRow {
    pub id: String,
    pub name: String,
    pub created: String,
    pub revoked: Option<String>,
}

#[derive(Template)]
#[template(path = "console/admin_tokens.html")]
struct TokensPage {
    t: Tr,
    chrome: Chrome,
    problem: Option<&'static str>,
    tokens: Vec<TokenRow>,
}

/// `GET /console/admin/tokens`.
pub async fn page(
    State(state): State<AppState>,
    c: Console,
    Query(q): Query<Outcome>,
) -> ConsoleResult<Response> {
    admin_only(&c)?;
    let tokens = state
        .store
        .list_tokens(c.workspace_id())
        .await?
        .into_iter()
        .map(|t| TokenRow {
            created: when(t.created_at),
            revoked: t.revoked_at.map(when),
            id: t.id,
            name: t.name,
        })
        .collect();
    Ok(render(&TokensPage {
        t: c.t,
        chrome: Chrome::of(&c, "admin", HERE).with_notice(notice(q.done.as_deref(), NOTICES)),
        problem: problem(q.error.as_deref()),
        tokens,
    }))
}

#[derive(Debug, Deserialize)]
pub struct CreateForm {
    #[serde(default)]
    name: String,
}

/// `POST /console/admin/tokens`: shows the token once.
pub async fn create(
    State(state): State<AppState>,
    Form { console: c, form }: Form<CreateForm>,
) -> Response {
    match admin::create_token(&state, actor(&c), &form.name).await {
        Ok(t) => SecretPage::render(
            &c,
            "admin.token_created_title",
            "admin.token_once",
            t.name,
            t.secret,
            HERE,
        ),
        Err(e) => refused(e, HERE),
    }
}

/// `POST /console/admin/tokens/{id}/revoke`.
pub async fn revoke(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form { console: c, .. }: Form<Button>,
) -> Response {
    let r = admin::revoke_token(&state, actor(&c), &id).await;
    after(r, HERE, "token_revoked")
}
