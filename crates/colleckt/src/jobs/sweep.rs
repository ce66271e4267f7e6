//! The orphan sweep: objects no document row points to — left by a crash
//! between the object put and the row insert, or by a delete that failed —
//! are deleted once they are older than a grace period (an upload in flight
//! has put its object but not yet committed its row). Every worker process
//! sweeps; deletes are idempotent.

use crate::app::AppState;
use std::time::Duration;

/// How often a worker process sweeps.
pub const INTERVAL: Duration = Duration::from_secs(6 * 3600);
/// Objects younger than this may belong to an upload still in flight.
pub const GRACE: Duration = Duration::from_secs(3600);

/// Deletes unreferenced objects last modified before `now_secs - grace`;
/// returns how many it deleted.
pub async fn sweep_orphans(
    state: &AppState,
    now_secs: i64,
    grace: Duration,
) -> Result<usize, String> {
    let cutoff = now_secs - i64::try_from(grace.as_secs()).unwrap_or(i64::MAX / 2);
    let keys = state
        .objects
        .keys_older_than(cutoff)
        .await
        .map_err(|e| e.to_string())?;
    let mut orphans = vec![];
    for chunk in keys.chunks(500) {
        let live = state
            .store
            .referenced_object_keys(chunk)
            .await
            .map_err(|e| e.to_string())?;
        orphans.extend(chunk.iter().filter(|k| !live.contains(*k)).cloned());
    }
    super::purge::delete_all(state, &orphans).await?;
    Ok(orphans.len())
}

/// Sweeps every [`INTERVAL`] until the process stops (first after one
/// interval, so a restart loop does not list the bucket over and over).
pub async fn run(state: AppState) {
    loop {
        tokio::time::sleep(INTERVAL).await;
        let now = chrono::Utc::now().timestamp();
        match sweep_orphans(&state, now, GRACE).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(deleted = n, "orphan object sweep"),
            Err(e) => {
                metrics::counter!("colleckt_purge_failures_total", "kind" => "orphan_sweep")
                    .increment(1);
                tracing::warn!(error = %e, "orphan object sweep failed");
            }
        }
    }
}
