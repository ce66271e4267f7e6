//! The verification a widget session token opens, and what the widget calls
//! its status. A token that is malformed, unknown or deleted is one 404.

use crate::app::AppState;
use crate::http::error::{ApiError, ApiResult};
use axum::http::{header, HeaderValue};
use axum::response::Response;
use colleckt_domain::Status;
use colleckt_store::Verification;

/// Session tokens are 32 random bytes in base64url (43 characters); anything
/// outside that alphabet or far from that length cannot exist.
pub fn plausible(token: &str) -> bool {
    (40..=64).contains(&token.len())
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

pub async fn find(state: &AppState, token: &str) -> ApiResult<Verification> {
    if !plausible(token) {
        return Err(ApiError::NotFound("This link is not valid."));
    }
    state
        .store
        .verification_by_session(token)
        .await?
        .ok_or(ApiError::NotFound("This link is not valid."))
}

/// The verification of the request's session: the one the limit middleware
/// ([`super::limit`]) already found, else looked up from the path.
pub struct Session(pub Verification);

impl axum::extract::FromRequestParts<AppState> for Session {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> ApiResult<Session> {
        if let Some(v) = parts.extensions.remove::<Verification>() {
            return Ok(Session(v));
        }
        let axum::extract::Path(token) =
            axum::extract::Path::<String>::from_request_parts(parts, state)
                .await
                .map_err(|_| ApiError::NotFound("This link is not valid."))?;
        find(state, &token).await.map(Session)
    }
}

/// The widget's view of a status: what the end user can still do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Documents can be captured and submitted.
    Open,
    /// Submitted and being checked (Submitted, Double Check, Hold).
    Submitted,
    /// Approved or Rejected.
    Finished,
    Canceled,
    /// Expired, or Started past its time to live (the sweep may not have run).
    Expired,
}

pub fn phase(v: &Verification) -> Phase {
    match v.status {
        Status::Started if v.expires_at <= colleckt_store::ids::now_micros() => Phase::Expired,
        Status::Started => Phase::Open,
        Status::Submitted | Status::DoubleCheck | Status::Hold => Phase::Submitted,
        Status::Approved | Status::Rejected => Phase::Finished,
        Status::Canceled => Phase::Canceled,
        Status::Expired => Phase::Expired,
    }
}

/// Uploads and submit are for an open verification only; the message is for
/// the end user, and the widget turns the phase into its own page.
pub fn require_open(v: &Verification) -> ApiResult<()> {
    match phase(v) {
        Phase::Open => Ok(()),
        Phase::Submitted => Err(ApiError::BadRequest(
            "These documents have already been submitted.".into(),
        )),
        Phase::Finished => Err(ApiError::BadRequest(
            "This verification is already finished.".into(),
        )),
        Phase::Canceled => Err(ApiError::BadRequest(
            "This verification was canceled.".into(),
        )),
        Phase::Expired => Err(ApiError::BadRequest("This link has expired.".into())),
    }
}

/// Widget API answers are personal: never cached, never sent on as a referrer.
pub async fn private_headers(mut res: Response) -> Response {
    let h = res.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    res
}
