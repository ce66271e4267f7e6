//! Background work as data: the jobs an action enqueues in its transaction and
//! the outbox events a status change emits. Workers come with the pipeline.

use colleckt_domain::Status;
use colleckt_store::{JobKind, NewJob, Verification};
use serde_json::json;

/// The webhook events a verification emits on entering `to` (CONTRACT §5).
pub fn events_for(to: Status) -> Vec<&'static str> {
    match to {
        Status::Approved | Status::Rejected => vec!["verification.finished"],
        Status::Canceled => vec!["verification.canceled"],
        Status::Submitted => vec!["verification.submitted"],
        Status::DoubleCheck => vec!["verification.double_check"],
        Status::Expired => vec!["verification.expired"],
        Status::Started | Status::Hold => vec![],
    }
}

pub fn pipeline_job(v: &Verification) -> NewJob {
    NewJob::new(
        JobKind::Pipeline,
        json!({"verification_id": v.id, "workspace_id": v.workspace_id}),
    )
}

/// Removes the rows and images of a deleted verification after the retention.
pub fn purge_job(v: &Verification, retention_days: u32) -> NewJob {
    NewJob::new(
        JobKind::Purge,
        json!({"verification_id": v.id, "workspace_id": v.workspace_id}),
    )
    .delayed(i64::from(retention_days) * 86_400_000_000)
}

pub mod expiry;
pub mod idempotency;
pub mod pipeline;
pub mod purge;
pub mod sweep;
pub mod webhooks;
pub mod worker;
