//! The integrator REST API under `/api/v1` (seeds + CONTRACT §2–§4).

pub mod actions;
pub mod documents;
pub mod flows;
pub mod lookup;
pub mod pagination;
pub mod verifications;
pub mod webhooks;

use crate::app::AppState;
use axum::routing::{get, put};
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/flows", get(flows::list))
        .route("/api/v1/flows/{flow}", get(flows::show))
        .route("/api/v1/verifications", get(verifications::list_all))
        .route(
            "/api/v1/{flow}/verifications",
            get(verifications::list).post(verifications::create),
        )
        .route(
            "/api/v1/{flow}/verifications/{verification}",
            get(verifications::show)
                .patch(verifications::update)
                .delete(verifications::destroy),
        )
        .route(
            "/api/v1/{flow}/verifications/{verification}/submit",
            put(actions::submit),
        )
        .route(
            "/api/v1/{flow}/verifications/{verification}/resubmit",
            put(actions::resubmit),
        )
        .route(
            "/api/v1/{flow}/verifications/{verification}/approve",
            put(actions::approve),
        )
        .route(
            "/api/v1/{flow}/verifications/{verification}/reject",
            put(actions::reject),
        )
        .route(
            "/api/v1/{flow}/verifications/{verification}/cancel",
            put(actions::cancel),
        )
        .merge(documents::router())
        .merge(webhooks::router())
}
