//! Colleckt's storage: the only place with SQL (SQLite or PostgreSQL through one
//! repository layer), the job queue and outbox, idempotency records, object
//! storage for images, and the envelope encryption that keeps PII sealed at rest.

pub mod crypto;
pub mod db;
pub mod error;
pub mod ids;
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
pub use models::*;
pub use objects::Objects;
pub use repo::documents::NewDocument;
pub use repo::jobs::{ClaimedJob, NewJob};
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
}

impl Store {
    pub fn new(db: Db, keys: MasterKeys) -> Store {
        Store { db, keys }
    }
}
