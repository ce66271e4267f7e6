//! Keeping the holder-name search index (`holder_terms`, a keyed digest per
//! name word) in step with the sealed expected data: after every write of a
//! name, and by a sweep that indexes whatever a crash, an upgrade or a key
//! rotation left unindexed.

use crate::app::AppState;
use colleckt_store::{StoreError, Verification};
use std::time::Duration;

/// How often `serve` looks for unindexed verifications.
pub const SWEEP_EVERY: Duration = Duration::from_secs(600);
const BATCH: i64 = 500;

/// Indexes `v` as it is now. A failure is logged, not returned: the write it
/// follows has committed, and the sweep will index the row later.
pub async fn index(state: &AppState, v: &Verification) {
    if let Err(e) = state.store.index_holder(v).await {
        tracing::warn!(verification = %v.id, error = %e, "holder index deferred to the sweep");
    }
}

/// Indexes every verification that needs it; returns how many.
pub async fn sweep(state: &AppState) -> Result<u64, StoreError> {
    let mut done = 0;
    loop {
        let batch = state.store.unindexed_holders(BATCH).await?;
        if batch.is_empty() {
            return Ok(done);
        }
        for v in &batch {
            state.store.index_holder(v).await?;
            done += 1;
        }
    }
}

/// Runs [`sweep`] now and every [`SWEEP_EVERY`] while the server runs.
pub fn spawn_sweeper(state: AppState) {
    tokio::spawn(async move {
        loop {
            match sweep(&state).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(indexed = n, "holder names indexed"),
                Err(e) => tracing::warn!(error = %e, "holder index sweep failed"),
            }
            tokio::time::sleep(SWEEP_EVERY).await;
        }
    });
}
