//! The jobs an action enqueues in its own transaction, with typed payloads
//! (the queue stores them as JSON; `docs/jobs.md`).

use colleckt_store::{ClaimedJob, JobKind, NewJob, Verification};
use serde::{Deserialize, Serialize};

/// The payload of the jobs about one verification (pipeline, purge).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerificationJob {
    pub verification_id: String,
    pub workspace_id: String,
}

impl VerificationJob {
    fn of(v: &Verification) -> VerificationJob {
        VerificationJob {
            verification_id: v.id.clone(),
            workspace_id: v.workspace_id.clone(),
        }
    }

    fn payload(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }

    /// The payload of a claimed job, or why it has none (a job error).
    pub fn from_job(job: &ClaimedJob) -> Result<VerificationJob, String> {
        VerificationJob::deserialize(&job.payload)
            .map_err(|e| format!("{} job with a bad payload: {e}", job.kind))
    }
}

/// What a purge needs: only the verification's id (its rows are found by it
/// whatever the workspace, and it runs after the workspace link is gone).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PurgeJob {
    pub verification_id: String,
}

impl PurgeJob {
    pub fn from_job(job: &ClaimedJob) -> Result<PurgeJob, String> {
        PurgeJob::deserialize(&job.payload)
            .map_err(|e| format!("{} job with a bad payload: {e}", job.kind))
    }
}

/// Reads and decides the verification (after submit, resubmit, PATCH 2 or 5).
pub fn pipeline_job(v: &Verification) -> NewJob {
    NewJob::new(JobKind::Pipeline, VerificationJob::of(v).payload())
}

/// Removes the rows and images of a deleted verification after the retention.
pub fn purge_job(v: &Verification, retention_days: u32) -> NewJob {
    NewJob::new(JobKind::Purge, VerificationJob::of(v).payload())
        .delayed(i64::from(retention_days) * 86_400_000_000)
}
