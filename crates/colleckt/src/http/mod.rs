//! The HTTP surface: API, signed files, operations, OpenAPI; the layers every
//! request passes (rate and size limits, timeout, panic guard, metrics), and
//! the JSON 404.

pub mod api;
pub mod auth;
pub mod body;
pub mod console;
pub mod error;
pub mod files;
pub mod idempotency;
pub mod limits;
pub mod links;
pub mod openapi;
pub mod ops;
pub mod qr;
pub mod render;
pub mod widget;

use crate::app::AppState;
use axum::extract::{MatchedPath, Request};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use error::ApiError;
use std::time::{Duration, Instant};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::timeout::TimeoutLayer;

pub fn router(state: AppState) -> Router {
    // The address limit counts every request it covers, authenticated or not;
    // probes and metrics (ops) are not limited.
    let api = Router::new()
        .merge(api::router())
        .merge(files::router())
        .merge(openapi::router())
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            limits::per_ip_api,
        ));
    let qr = qr::router().route_layer(middleware::from_fn_with_state(
        state.clone(),
        limits::per_ip_widget,
    ));
    // The console's pages count against the widget's per-address limit;
    // sign-in has its own, stricter one.
    let console = console::router().route_layer(middleware::from_fn_with_state(
        state.clone(),
        limits::per_ip_widget,
    ));
    Router::new()
        .merge(api)
        .merge(console)
        .merge(ops::router())
        .merge(widget::router(&state))
        .merge(qr)
        // Browsers ask for an icon on every page (the widget, JSON pages); a 404
        // there is console noise, so answer "no icon" plainly.
        .route(
            "/favicon.ico",
            axum::routing::get(|| async { axum::http::StatusCode::NO_CONTENT }),
        )
        .fallback(|| async { ApiError::NotFound("Not found.") })
        .layer(middleware::from_fn(record_metrics))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(60),
        ))
        .layer(CatchPanicLayer::custom(|_| {
            ApiError::Internal("a request handler panicked".into()).into_response()
        }))
        .with_state(state)
}

/// `/api/v1//verifications` (an empty flow) means every flow (CONTRACT §2);
/// the router cannot match an empty segment, so it is folded before routing.
pub fn normalize_path(mut req: Request) -> Request {
    let path = req.uri().path();
    if path.starts_with("/api/v1//") {
        let fixed = format!("/api/v1/{}", path.trim_start_matches("/api/v1//"));
        let pq = match req.uri().query() {
            Some(q) => format!("{fixed}?{q}"),
            None => fixed,
        };
        if let Ok(uri) = pq.parse() {
            *req.uri_mut() = uri;
        }
    }
    req
}

async fn record_metrics(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string())
        .unwrap_or_else(|| "unmatched".into());
    let method = crate::metrics::method_label(req.method());
    let start = Instant::now();
    let response = next.run(req).await;
    crate::metrics::record_request(
        &route,
        method,
        response.status().as_u16(),
        start.elapsed().as_secs_f64(),
    );
    response
}
