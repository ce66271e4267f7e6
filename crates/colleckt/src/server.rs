//! Serving: bind, route, and shut down gracefully on SIGINT/SIGTERM.

use crate::app::AppState;
use axum::extract::Request;
use axum::ServiceExt;
use std::net::SocketAddr;
use tokio::net::TcpListener;
use tower::Layer;

/// Serves `state` on `listener` until `shutdown` resolves.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    state.limits.spawn_housekeeping();
    crate::service::holders::spawn_sweeper(state.clone());
    let router = crate::http::router(state);
    let app = tower::util::MapRequestLayer::new(crate::http::normalize_path).layer(router);
    // The peer address, for the per-address limits.
    let service = ServiceExt::<Request>::into_make_service_with_connect_info::<SocketAddr>(app);
    axum::serve(listener, service)
        .with_graceful_shutdown(shutdown)
        .await
}

pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
