//! The end-user widget (CONTRACT §7): the SPA shell at
//! `/spa/v3/{session}/process`, its embedded assets under `/spa/assets/…`, and
//! a small API under `/spa/v3/{session}/api/…` scoped to the one verification
//! whose session token is in the path. The token is the only credential: it
//! is looked up by its SHA-256, never accepted by `/api/v1`, and the API it
//! opens reads and changes nothing but its own verification.

mod assets;
mod confirm;
pub mod frame;
mod limit;
mod session;
mod shell;
mod state;
mod upload;

pub use confirm::preview;
pub use frame::{csp, parse_frame_ancestors, DEFAULT_FRAME_ANCESTORS};

/// Whether a token has the shape of a session token (before any lookup).
pub fn plausible_session(token: &str) -> bool {
    session::plausible(token)
}

/// Whether a session token opens a live verification.
pub async fn session_exists(state: &AppState, token: &str) -> crate::http::error::ApiResult<bool> {
    match session::find(state, token).await {
        Ok(_) => Ok(true),
        Err(crate::http::error::ApiError::NotFound(_)) => Ok(false),
        Err(e) => Err(e),
    }
}

use crate::app::AppState;
use crate::http::limits;
use crate::upload::MAX_FILE_BYTES;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::{middleware, Router};

/// Largest JSON body of the widget API (the submit with its corrections).
pub const MAX_WIDGET_JSON_BYTES: usize = 16 * 1024;

/// The widget's routes; `state` for the limits' middleware.
pub fn router(state: &AppState) -> Router<AppState> {
    let upload = Router::new()
        .route("/spa/v3/{session}/api/documents", post(upload::upload_side))
        // One file at the limit plus multipart framing; the file is checked too.
        .layer(DefaultBodyLimit::max(MAX_FILE_BYTES + 64 * 1024));
    let api = Router::new()
        .route("/spa/v3/{session}/api/state", get(state::show))
        .route("/spa/v3/{session}/api/preview", get(confirm::show_preview))
        .route(
            "/spa/v3/{session}/api/submit",
            post(confirm::submit).layer(DefaultBodyLimit::max(MAX_WIDGET_JSON_BYTES)),
        )
        .merge(upload)
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            limit::per_session,
        ));
    // The address limit wraps the session limit: it counts every request.
    Router::new()
        .route("/spa/v3/{session}/process", get(shell::show))
        .merge(api)
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            limits::per_ip_widget,
        ))
        .layer(middleware::map_response(session::private_headers))
        .route("/spa/assets/{build}/{file}", get(assets::serve))
}
