//! What the service layer can refuse or fail with. Messages are the ones
//! integrators see (the seeds' wording); the HTTP status of each is decided in
//! one place, `http/error.rs`.

use crate::upload::UploadError;
use colleckt_domain::{TransitionError, ValidationErrors};
use colleckt_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// The action is not allowed from the verification's status.
    #[error(transparent)]
    Refused(#[from] TransitionError),
    /// Submit or resubmit before every expected document is there.
    #[error("Not all required documents have been uploaded: {0} is missing.")]
    MissingDocuments(String),
    #[error("{}", .0.message())]
    Invalid(ValidationErrors),
    /// One side of an upload failed its checks.
    #[error("The {side} file {error}.")]
    File {
        side: &'static str,
        error: UploadError,
    },
    /// A multipart field over its cap while being read.
    #[error("{0}")]
    FormTooLarge(String),
    #[error("The upload is larger than 15 MiB per file.")]
    MultipartTooLarge,
    #[error("The multipart body is malformed or truncated.")]
    MalformedMultipart,
    #[error("Document not found.")]
    DocumentNotFound,
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A fault of the service itself (storage, crypto, a lost task): logged,
    /// shown as a generic 500.
    #[error("{0}")]
    Internal(String),
}

impl From<colleckt_store::crypto::CryptoError> for ServiceError {
    fn from(e: colleckt_store::crypto::CryptoError) -> Self {
        ServiceError::Internal(e.to_string())
    }
}

impl From<colleckt_store::objects::ObjectError> for ServiceError {
    fn from(e: colleckt_store::objects::ObjectError) -> Self {
        ServiceError::Internal(e.to_string())
    }
}

impl From<ValidationErrors> for ServiceError {
    fn from(e: ValidationErrors) -> Self {
        ServiceError::Invalid(e)
    }
}

pub type ServiceResult<T> = Result<T, ServiceError>;
