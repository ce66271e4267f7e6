//! The purge job: after the retention period, a deleted verification's images
//! leave object storage and its rows leave the database.

use crate::app::AppState;
use colleckt_store::ClaimedJob;

pub async fn run(state: &AppState, job: &ClaimedJob) -> Result<(), String> {
    let id = job.payload["verification_id"]
        .as_str()
        .ok_or("purge job without verification_id")?;
    let keys = state
        .store
        .deleted_object_keys(id)
        .await
        .map_err(|e| e.to_string())?;
    for key in keys {
        state
            .objects
            .delete(&key)
            .await
            .map_err(|e| e.to_string())?;
    }
    state
        .store
        .purge_deleted_rows(id)
        .await
        .map_err(|e| e.to_string())?;
    Ok(())
}
