//! The reviewer console (`/console`, docs/console.md): server-rendered pages
//! (askama) where a workspace's staff sign in, work the Double Check queue,
//! decide cases and administer users, tokens and webhooks. Every action goes
//! through the same service layer as the API, so history, decisions and
//! webhook events are the same whoever acted. Pages work without JavaScript;
//! `console.js` only adds shortcuts and the image viewer. Every response
//! carries a strict CSP (nothing from another origin, no inline code).

pub mod account;
pub mod admin;
pub mod assets;
pub mod audit;
pub mod case;
pub mod case_view;
pub mod chrome;
pub mod csrf;
pub mod error;
pub mod i18n;
pub mod page;
pub mod queue;
pub mod session;
pub mod sign_in;

use crate::app::AppState;
use axum::response::Redirect;
use axum::routing::{get, post};
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/console", get(|| async { Redirect::to("/console/queue") }))
        .route(
            "/console/",
            get(|| async { Redirect::to("/console/queue") }),
        )
        .route("/console/sign-in", get(sign_in::show).post(sign_in::submit))
        .route(
            "/console/second-factor",
            get(sign_in::second_factor_page).post(sign_in::second_factor_submit),
        )
        .route("/console/sign-out", post(sign_in::sign_out))
        .route("/console/lang/{lang}", get(i18n::switch))
        .route("/console/queue", get(queue::show))
        .route("/console/queue/next", post(queue::next))
        .route("/console/cases/{id}", get(case::show))
        .route(
            "/console/cases/{id}/documents/{doc}/{side}",
            get(case::image),
        )
        .route("/console/cases/{id}/actions/{action}", post(case::act))
        .route("/console/cases/{id}/notes", post(case::add_note))
        .route("/console/cases/{id}/release", post(case::release))
        .route("/console/assets/{file}", get(assets::serve))
        .route("/console/audit", get(audit::page))
        .route("/console/audit.csv", get(audit::csv))
        .merge(admin::router())
        .merge(account::router())
        .layer(axum::middleware::map_response(page::security_headers))
}
