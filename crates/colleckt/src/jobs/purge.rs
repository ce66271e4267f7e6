//! The purge jobs. `purge`: after the retention period, a deleted
//! verification's images leave object storage and its rows leave the
//! database. `purge_objects`: images a replaced or removed document left
//! behind. Either fails (and is retried with backoff) rather than pretend:
//! a job is complete only when every object is gone.

use crate::app::AppState;
use crate::service::jobs::PurgeJob;
use colleckt_store::ClaimedJob;

pub async fn run(state: &AppState, job: &ClaimedJob) -> Result<(), String> {
    let job_payload = PurgeJob::from_job(job)?;
    let id = job_payload.verification_id.as_str();
    let keys = state
        .store
        .deleted_object_keys(id)
        .await
        .map_err(|e| e.to_string())?;
    delete_all(state, &keys).await?;
    state
        .store
        .purge_deleted_rows(id)
        .await
        .map_err(|e| e.to_string())?;
    Ok(())
}

pub async fn run_objects(state: &AppState, job: &ClaimedJob) -> Result<(), String> {
    let keys: Vec<String> = job.payload["keys"]
        .as_array()
        .ok_or("purge_objects job without keys")?
        .iter()
        .filter_map(|k| k.as_str().map(str::to_string))
        .collect();
    // Keys are never reused, but an object a row points to is never deleted.
    let live = state
        .store
        .referenced_object_keys(&keys)
        .await
        .map_err(|e| e.to_string())?;
    let orphans: Vec<String> = keys.into_iter().filter(|k| !live.contains(k)).collect();
    delete_all(state, &orphans).await
}

/// Deletes every key, trying them all; fails if any failed.
pub async fn delete_all(state: &AppState, keys: &[String]) -> Result<(), String> {
    let mut failed = 0;
    let mut last = String::new();
    for key in keys {
        if let Err(e) = state.objects.delete(key).await {
            failed += 1;
            last = e.to_string();
        }
    }
    if failed > 0 {
        return Err(format!(
            "{failed} of {} objects not deleted: {last}",
            keys.len()
        ));
    }
    Ok(())
}
