//! Colleckt's storage: the only place with SQL (SQLite or PostgreSQL through one
//! repository layer), the job queue and outbox, idempotency records, object
//! storage for images, and the envelope encryption that keeps PII sealed at rest.

pub mod crypto;
pub mod db;
pub mod error;
pub mod ids;
pub mod job_kind;
pub mod models;
pub mod objects;
mod repo;
mod rows;

pub use crypto::{DataKey, MasterKeys};
pub use db::{Db, Engine};
/// Re-exported so callers need no direct sqlx dependency.
pub mod dberror {
    pub use sqlx::Error;
}
pub use error::StoreError;
pub use job_kind::JobKind;
pub use models::*;
pub use objects::Objects;
pub use repo::audit::AuditRecord;
pub use repo::console_sessions::{SessionLimits, SessionOrigin};
pub use repo::documents::NewDocument;
pub use repo::holder_terms::name_words;
pub use repo::idempotency::{idempotency_key_owner, IDEMPOTENCY_TTL_MICROS};
pub use repo::jobs::{ClaimedJob, JobCount, NewJob};
pub use repo::keyring::{database_in_use, KeyCheckError, RecordedKey};
pub use repo::rekey::{RekeyCount, SealedColumn, SEALED_COLUMNS};
pub use repo::verifications::{
    DocumentEffect, DocumentResult, ListFilter, NewVerification, Transition,
};
pub use repo::webhook_deliveries::{
    AttemptRecord, ClaimedDelivery, Delivery, DeliveryAttempt, NextStep, Recorded,
};
pub use repo::webhook_fanout::{FanOut, PendingEvent};
pub use repo::webhooks::{Endpoint, NewEndpoint, RetryOutcome};

/// The database plus the keys that seal what goes into it.
#[derive(Clone, Debug)]
pub struct Store {
    pub db: Db,
    pub keys: MasterKeys,
    /// Rung when this process commits a job, so its idle workers start at
    /// once instead of at their next poll (other processes poll).
    jobs_enqueued: std::sync::Arc<tokio::sync::Notify>,
}

impl Store {
    pub fn new(db: Db, keys: MasterKeys) -> Store {
        Store {
            db,
            keys,
            jobs_enqueued: Default::default(),
        }
    }

    /// Resolves when this process has enqueued a job since the last wake-up
    /// (a permit is kept, so a job committed just before waiting is not missed).
    pub async fn job_enqueued(&self) {
        self.jobs_enqueued.notified().await;
    }

    pub(crate) fn ring_job_enqueued(&self) {
        self.jobs_enqueued.notify_one();
    }
}
