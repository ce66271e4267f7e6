//! What can go wrong below the HTTP layer. The binary maps these to responses in
//! one place; database and crypto details are logged there, never shown.

use crate::crypto::CryptoError;
use crate::objects::ObjectError;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// Optimistic concurrency: someone else changed the record first.
    #[error(
        "the verification was changed by another request at the same time; reload and try again"
    )]
    Conflict,
    #[error("{0} already exists")]
    Duplicate(&'static str),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("crypto: {0}")]
    Crypto(#[from] CryptoError),
    #[error("object storage: {0}")]
    Objects(#[from] ObjectError),
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
}

impl StoreError {
    /// A unique-constraint violation, on either engine.
    pub(crate) fn is_unique_violation(e: &sqlx::Error) -> bool {
        match e {
            sqlx::Error::Database(db) => {
                matches!(db.kind(), sqlx::error::ErrorKind::UniqueViolation)
                    || db.message().contains("UNIQUE constraint failed")
                    || db.code().as_deref() == Some("23505")
            }
            _ => false,
        }
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}
