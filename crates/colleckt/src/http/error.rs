//! The one place errors become HTTP responses. Every body is `{"message": …}`
//! (422 adds `errors`); database, storage and crypto failures are logged with
//! their cause and shown only as a generic 500 message.

use crate::service::ServiceError;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use colleckt_domain::{TransitionError, ValidationErrors};
use colleckt_store::StoreError;
use serde_json::json;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("Unauthenticated.")]
    Unauthenticated,
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(&'static str),
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    PayloadTooLarge(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("{}", .0.message())]
    Validation(ValidationErrors),
    #[error("Too many requests.")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    pub fn validation(field: &str, message: impl Into<String>) -> ApiError {
        ApiError::Validation(ValidationErrors::single(field, message))
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Unauthenticated => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let body = match &self {
            ApiError::Validation(errors) => json!({"message": errors.message(), "errors": errors}),
            ApiError::Internal(cause) => {
                tracing::error!(%cause, "internal error");
                json!({"message": "Something went wrong on our side. Please try again later."})
            }
            other => json!({"message": other.to_string()}),
        };
        let mut response = (status, Json(body)).into_response();
        if let ApiError::TooManyRequests { retry_after_secs } = self {
            if let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        response
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => ApiError::NotFound("Verification not found."),
            // The loser of a race is refused like any other business rule (seeds: 400).
            StoreError::Conflict => ApiError::BadRequest(e.to_string()),
            StoreError::Duplicate(what) => {
                ApiError::Conflict(format!("The {what} already exists."))
            }
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl From<TransitionError> for ApiError {
    fn from(e: TransitionError) -> Self {
        ApiError::BadRequest(e.to_string())
    }
}

/// The service layer's refusals and failures, as the API has always answered them.
impl From<ServiceError> for ApiError {
    fn from(e: ServiceError) -> Self {
        use crate::upload::UploadError;
        let message = e.to_string();
        match e {
            ServiceError::Refused(e) => e.into(),
            ServiceError::MissingDocuments(_) => ApiError::BadRequest(message),
            ServiceError::Invalid(errors) => ApiError::Validation(errors),
            ServiceError::File { side, error } => match error {
                UploadError::TooLarge => ApiError::PayloadTooLarge(message),
                UploadError::UnsupportedType(_) => ApiError::UnsupportedMediaType(message),
                _ => ApiError::validation(side, message),
            },
            ServiceError::FormTooLarge(_) | ServiceError::MultipartTooLarge => {
                ApiError::PayloadTooLarge(message)
            }
            ServiceError::MalformedMultipart => ApiError::BadRequest(message),
            ServiceError::DocumentNotFound => ApiError::NotFound("Document not found."),
            ServiceError::Store(e) => e.into(),
            ServiceError::Internal(cause) => ApiError::Internal(cause),
        }
    }
}

impl From<ValidationErrors> for ApiError {
    fn from(e: ValidationErrors) -> Self {
        ApiError::Validation(e)
    }
}

impl From<colleckt_store::crypto::CryptoError> for ApiError {
    fn from(e: colleckt_store::crypto::CryptoError) -> Self {
        ApiError::Internal(e.to_string())
    }
}

impl From<colleckt_store::objects::ObjectError> for ApiError {
    fn from(e: colleckt_store::objects::ObjectError) -> Self {
        ApiError::Internal(e.to_string())
    }
}

/// What a webhook URL whose host is not allowed gets, whatever the reason:
/// telling "does not resolve" from "resolves to a private address" would make
/// endpoint creation a probe of the service's internal DNS.
pub const WEBHOOK_HOST_REFUSED: &str = "The url's host must resolve to public addresses only.";

impl From<crate::jobs::webhooks::ssrf::UrlRefused> for ApiError {
    fn from(e: crate::jobs::webhooks::ssrf::UrlRefused) -> Self {
        use crate::jobs::webhooks::ssrf::UrlRefused;
        match e {
            UrlRefused::Unresolvable | UrlRefused::PrivateAddress => {
                ApiError::validation("url", WEBHOOK_HOST_REFUSED)
            }
            other => ApiError::validation("url", other.to_string()),
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
