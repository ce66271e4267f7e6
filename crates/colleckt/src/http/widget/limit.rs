//! The widget API's per-session limits (reads; uploads and submits). The
//! session token is checked first: a token that opens no live verification is
//! the widget's 404 and makes no bucket, and a valid one is counted against its
//! verification, so every spelling of one token (percent-encoded or not)
//! shares one bucket. The address limit ([`crate::http::limits`]) runs before
//! this and counts every request.

use super::session;
use crate::app::AppState;
use crate::http::error::ApiError;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn per_session(
    State(state): State<AppState>,
    token: Result<Path<String>, PathRejection>,
    req: Request,
    next: Next,
) -> Response {
    let Ok(Path(token)) = token else {
        return ApiError::NotFound("This link is not valid.").into_response();
    };
    let v = match session::find(&state, &token).await {
        Ok(v) => v,
        Err(e) => return e.into_response(),
    };
    let write = req.method() != Method::GET && req.method() != Method::HEAD;
    if let Err(e) = state.limits.widget_session(&v.id, write) {
        return e.into_response();
    }
    // Handlers that take `session::Session` use it instead of a second lookup.
    let mut req = req;
    req.extensions_mut().insert(v);
    next.run(req).await
}
