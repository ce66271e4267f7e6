//! The idempotency sweep: every `Idempotency-Key` record is deleted 24 hours
//! after it was made, whatever it holds. Records of a verification are also
//! unreadable as soon as the verification is deleted (sealed with its data
//! key); the sweep bounds the life of the others, such as a webhook
//! endpoint's creation. `serve` sweeps; the delete is idempotent, so two
//! processes sweeping the same database do no harm.

use crate::app::AppState;
use colleckt_store::StoreError;
use std::time::Duration;

/// How often `serve` sweeps.
pub const INTERVAL: Duration = Duration::from_secs(600);

/// Deletes the records made 24 hours or more before `now` (microseconds).
pub async fn sweep(state: &AppState, now: i64) -> Result<u64, StoreError> {
    state.store.idempotency_sweep(now).await
}

/// Sweeps every [`INTERVAL`] until the process stops.
pub async fn run(state: AppState) {
    loop {
        match sweep(&state, colleckt_store::ids::now_micros()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(deleted = n, "idempotency sweep"),
            Err(e) => tracing::warn!(error = %e, "idempotency sweep failed"),
        }
        tokio::time::sleep(INTERVAL).await;
    }
}
