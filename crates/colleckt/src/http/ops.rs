//! Operations endpoints: `/healthz` (the process answers), `/readyz` (database
//! and object storage reachable, and this process's master key is the one
//! the database's data needs), `/metrics` (Prometheus text format).

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
    let keys = match state.store.check_keys().await {
        Ok(()) => "ok",
        Err(colleckt_store::KeyCheckError::Store(_)) => "unavailable",
        Err(_) => "mismatch",
    };
    let ready = database && storage && keys == "ok";
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let word = |ok: bool| if ok { "ok" } else { "unavailable" };
    (
        status,
        Json(json!({
            "status": word(ready),
            "database": word(database),
            "storage": word(storage),
            "keys": keys,
            // OCR is optional: without it OCR-dependent rules are skipped and
            // never approve alone, so it does not make the service unready.
            "ocr": if colleckt_extract::ocr_available() { "available" } else { "unavailable" },
        })),
    )
}

async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    crate::metrics::record_jobs(&state.store).await;
    (
        [("content-type", "text/plain; version=0.0.4")],
        crate::metrics::render(),
    )
}
