//! The expiry sweep (CONTRACT §3): a Started verification not submitted within
//! its flow's time to live becomes Expired, with a history entry and a
//! `verification.expired` event. Every worker process sweeps; the transition
//! is version-guarded, so two sweeps of the same verification expire it once.

use crate::app::AppState;
use crate::service::lifecycle;
use colleckt_store::StoreError;
use std::time::Duration;

/// How often a worker process sweeps.
pub const INTERVAL: Duration = Duration::from_secs(60);
const BATCH: i64 = 200;

/// Expires every Started verification due by `now` (microseconds); returns
/// how many this call expired.
pub async fn sweep(state: &AppState, now: i64) -> Result<usize, StoreError> {
    let mut expired = 0;
    loop {
        let due = state.store.started_expired_by(now, BATCH).await?;
        let mut progressed = false;
        for v in &due {
            match lifecycle::expire(state, v).await {
                Ok(false) => {}
                Ok(true) => {
                    expired += 1;
                    progressed = true;
                }
                // Submitted, canceled or expired by someone else meanwhile.
                Err(StoreError::Conflict) => {}
                Err(e) => return Err(e),
            }
        }
        if (due.len() as i64) < BATCH || !progressed {
            return Ok(expired);
        }
    }
}

/// Sweeps every [`INTERVAL`] until the process stops.
pub async fn run(state: AppState) {
    loop {
        match sweep(&state, colleckt_store::ids::now_micros()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(expired = n, "expiry sweep"),
            Err(e) => tracing::warn!(error = %e, "expiry sweep failed"),
        }
        tokio::time::sleep(INTERVAL).await;
    }
}
