//! `Idempotency-Key` on create: the same key and body within 24 hours replays
//! the first response; the same key with another body is 409, and so is a
//! replay of a verification deleted since (its record was shredded with it).
//! A replay answers what the handler chose to keep, which may be less than
//! the first response: a webhook's signing secret is shown once, never kept.

use crate::app::AppState;
use crate::http::auth::Auth;
use crate::http::error::{ApiError, ApiResult};
use axum::body::to_bytes;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use colleckt_store::{IdempotencyRecord, Verification};
use sha2::{Digest, Sha256};
use std::future::Future;

pub fn key(headers: &HeaderMap) -> ApiResult<Option<String>> {
    let Some(value) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    let key = value
        .to_str()
        .ok()
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= 255)
        .ok_or_else(|| {
            ApiError::BadRequest(
                "The Idempotency-Key header must be 1 to 255 printable ASCII characters.".into(),
            )
        })?;
    Ok(Some(key.to_string()))
}

pub fn fingerprint(parts: &[&str], body: &[u8]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0]);
    }
    h.update(body);
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// What a create handler answered, and what its idempotency record keeps.
pub struct Outcome {
    response: Response,
    /// The verification the response describes: its data key seals the record.
    owner: Option<Verification>,
    /// What a replay answers instead of the response's body.
    replay_body: Option<Vec<u8>>,
}

impl Outcome {
    /// A response about no verification: kept under a key of its own.
    pub fn plain(response: Response) -> Outcome {
        Outcome {
            response,
            owner: None,
            replay_body: None,
        }
    }

    /// A response describing `v`: kept under `v`'s data key, shredded with it.
    pub fn describing(response: Response, v: Verification) -> Outcome {
        Outcome {
            owner: Some(v),
            ..Outcome::plain(response)
        }
    }

    /// Replays answer `body` (same status and headers), e.g. without a secret.
    pub fn replaying(mut self, body: Vec<u8>) -> Outcome {
        self.replay_body = Some(body);
        self
    }
}

/// Runs `handler` once per key; replays or refuses repeats.
pub async fn run<F, Fut>(
    state: &AppState,
    auth: &Auth,
    key: Option<String>,
    fingerprint: &str,
    handler: F,
) -> ApiResult<Response>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = ApiResult<Outcome>>,
{
    let Some(key) = key else {
        return handler().await.map(|o| o.response);
    };
    let store = &state.store;
    match store
        .idempotency_begin(&auth.workspace_id, &key, fingerprint)
        .await?
    {
        IdempotencyRecord::Mismatch => {
            return Err(ApiError::Conflict(
                "This Idempotency-Key was already used with a different request.".into(),
            ))
        }
        IdempotencyRecord::InProgress => {
            return Err(ApiError::Conflict(
                "A request with this Idempotency-Key is still being processed.".into(),
            ))
        }
        IdempotencyRecord::Gone => return Err(ApiError::Conflict(
            "What this Idempotency-Key created has been deleted; use a new key to create it again."
                .into(),
        )),
        IdempotencyRecord::Replay { status, body } => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
            let mut response = (status, body).into_response();
            let headers = response.headers_mut();
            headers.insert("content-type", HeaderValue::from_static("application/json"));
            headers.insert("idempotent-replayed", HeaderValue::from_static("true"));
            return Ok(response);
        }
        IdempotencyRecord::New => {}
    }
    let outcome = match handler().await {
        Ok(o) => o,
        Err(e) => Outcome::plain(e.into_response()),
    };
    let response = outcome.response;
    let status = response.status();
    if status.is_server_error() {
        // Our failure: free the key so the integrator's retry can run.
        store.idempotency_abandon(&auth.workspace_id, &key).await?;
        return Ok(response);
    }
    let (parts, body) = response.into_parts();
    let bytes = to_bytes(body, 4 * 1024 * 1024)
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    let kept = outcome.replay_body.as_deref().unwrap_or(&bytes);
    store
        .idempotency_finish(
            &auth.workspace_id,
            &key,
            status.as_u16(),
            kept,
            outcome.owner.as_ref(),
        )
        .await?;
    Ok(Response::from_parts(parts, axum::body::Body::from(bytes)))
}
