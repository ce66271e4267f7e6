//! JSON request bodies: a content-type check (415), a size limit (413), and
//! malformed JSON as a clear 400, never axum's plain-text rejections.

use crate::http::error::ApiError;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header::CONTENT_TYPE;

/// Largest JSON body accepted: expected data is small; 256 KiB is generous.
pub const MAX_JSON_BYTES: usize = 256 * 1024;

/// A parsed JSON body (validation happens in the domain, on the `Value`).
/// An empty body is `null`, so actions without a body can still be called.
pub struct JsonBody {
    pub value: serde_json::Value,
    pub raw: Bytes,
}

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        let content_type = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|s| s.to_ascii_lowercase());
        let raw = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::PayloadTooLarge(format!(
                    "The request body is larger than {} KiB.",
                    MAX_JSON_BYTES / 1024
                ))
            } else {
                ApiError::BadRequest("The request body could not be read.".into())
            }
        })?;
        if raw.len() > MAX_JSON_BYTES {
            return Err(ApiError::PayloadTooLarge(format!(
                "The request body is larger than {} KiB.",
                MAX_JSON_BYTES / 1024
            )));
        }
        if raw.iter().all(u8::is_ascii_whitespace) {
            return Ok(JsonBody {
                value: serde_json::Value::Null,
                raw,
            });
        }
        match content_type.as_deref() {
            Some(ct) if ct.starts_with("application/json") || ct.contains("+json") => {}
            _ => {
                return Err(ApiError::UnsupportedMediaType(
                    "The request body must be JSON, sent with Content-Type: application/json."
                        .into(),
                ))
            }
        }
        let value = serde_json::from_slice(&raw).map_err(|e| {
            ApiError::BadRequest(format!(
                "The request body is not valid JSON (line {}, column {}).",
                e.line(),
                e.column()
            ))
        })?;
        Ok(JsonBody { value, raw })
    }
}
