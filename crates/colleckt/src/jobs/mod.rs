//! Background work: the workers that claim jobs from the queue, the
//! pipeline, purges, sweeps and the webhook dispatcher. What a job carries
//! and when it is enqueued is the service layer's (`service::jobs`).

pub mod expiry;
pub mod idempotency;
pub mod pipeline;
pub mod purge;
pub mod sweep;
pub mod webhooks;
pub mod worker;
