//! Operations endpoints: `/healthz` (the process answers), `/readyz` (database
//! and object storage reachable), `/metrics` (Prometheus text format).

use crate::app::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(|| async { Json(json!({"status": "ok"})) }))
        .route("/readyz", get(ready))
        .route("/metrics", get(metrics))
}

async fn ready(State(state): State<AppState>) -> impl IntoResponse {
    let database = state.store.db.ping().await.is_ok();
    let storage = state.objects.check().await.is_ok();
    let status = if database && storage {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let word = |ok: bool| if ok { "ok" } else { "unavailable" };
    (
        status,
        Json(json!({
            "status": word(database && storage),
            "database": word(database),
            "storage": word(storage),
            // OCR is optional: without it OCR-dependent rules are skipped and
            // never approve alone, so it does not make the service unready.
            "ocr": if colleckt_extract::ocr_available() { "available" } else { "unavailable" },
        })),
    )
}

async fn metrics() -> impl IntoResponse {
    (
        [("content-type", "text/plain; version=0.0.4")],
        crate::metrics::render(),
    )
}
