//! Signed document image URLs: `/files/{document}/{side}?expires=…&signature=…`,
//! valid for 30 minutes, served decrypted with `Cache-Control: private, no-store`
//! whatever the storage backend. A bad or expired signature is a 403.

use crate::app::AppState;
use crate::http::error::{ApiError, ApiResult};
use crate::http::links::file_signature_valid;
use crate::service::objects;
use axum::extract::{Path, RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new().route("/files/{document}/{side}", get(serve))
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 == 1 || !s.is_ascii() {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}

/// Constant time (`Mac::verify_slice`), so the signature cannot be guessed
/// byte by byte.
fn valid(state: &AppState, document: &str, side: &str, expires: i64, sig: &str) -> bool {
    let Some(tag) = unhex(sig) else {
        return false;
    };
    file_signature_valid(&state.store.keys, document, side, expires, &tag)
}

/// `expires` and `signature` from the query string, if both are there.
fn signed_params(raw: Option<&str>) -> Option<(i64, String)> {
    let mut expires = None;
    let mut signature = None;
    for (k, v) in url::form_urlencoded::parse(raw?.as_bytes()) {
        match k.as_ref() {
            "expires" => expires = v.parse::<i64>().ok(),
            "signature" => signature = Some(v.into_owned()),
            _ => {}
        }
    }
    Some((expires?, signature?))
}

async fn serve(
    State(state): State<AppState>,
    Path((document, side)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> ApiResult<Response> {
    let forbidden = || ApiError::Forbidden("This link is invalid or has expired.".into());
    let Some((expires, sig)) = signed_params(query.as_deref()) else {
        return Err(forbidden());
    };
    if !matches!(side.as_str(), "front" | "back")
        || !valid(&state, &document, &side, expires, &sig)
        || expires < chrono::Utc::now().timestamp()
    {
        return Err(forbidden());
    }
    let (v, doc) = state
        .store
        .document_for_file(&document)
        .await?
        .ok_or(ApiError::NotFound("Document not found."))?;
    let file = match side.as_str() {
        "front" => Some(&doc.front),
        _ => doc.back.as_ref(),
    }
    .ok_or(ApiError::NotFound("Document not found."))?;
    let bytes = objects::open_if_present(&state, &v, &file.key)
        .await?
        .ok_or(ApiError::NotFound("Document not found."))?;
    Ok((
        [
            (header::CONTENT_TYPE, file.mime.clone()),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
            (header::CONTENT_DISPOSITION, "inline".to_string()),
        ],
        bytes,
    )
        .into_response())
}
