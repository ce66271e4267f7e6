//! The per-address limits as middleware, apart from the limiters themselves
//! so that the application state can hold [`super::Limits`] without the
//! limits depending on the state.

use crate::app::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The per-address limit of the API (and signed files, docs).
pub async fn per_ip_api(State(state): State<AppState>, req: Request, next: Next) -> Response {
    match state.limits.api_ip(&req) {
        Ok(()) => next.run(req).await,
        Err(e) => e.into_response(),
    }
}

/// The per-address limit of the widget (page, API, QR code).
pub async fn per_ip_widget(State(state): State<AppState>, req: Request, next: Next) -> Response {
    match state.limits.widget_ip(&req) {
        Ok(()) => next.run(req).await,
        Err(e) => e.into_response(),
    }
}
