//! `GET /spa/v3/{session}/process`: the SPA shell, with a strict Content
//! Security Policy (no inline script or style, nothing from another origin,
//! no framing unless `--widget-frame-ancestors` names who may frame it)
//! and no referrer, since the URL carries the session token. An unknown link
//! gets the same shell with a 404; the widget then shows its own page.

use super::assets::{BUILD, SHELL};
use super::session;
use crate::app::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::sync::LazyLock;

static PAGE: LazyLock<String> = LazyLock::new(|| SHELL.replace("__BUILD__", &BUILD));

pub async fn show(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let status = match session::find(&state, &token).await {
        Ok(_) => StatusCode::OK,
        Err(crate::http::error::ApiError::NotFound(_)) => StatusCode::NOT_FOUND,
        Err(e) => return e.into_response(),
    };
    let headers = [
        (
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        ),
        (header::CONTENT_SECURITY_POLICY, state.widget_csp.clone()),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            HeaderName::from_static("permissions-policy"),
            HeaderValue::from_static("camera=(self), microphone=()"),
        ),
    ];
    (status, headers, PAGE.as_str()).into_response()
}
