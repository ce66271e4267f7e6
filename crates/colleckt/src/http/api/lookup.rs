//! Finding what a path names, with the seeds' errors: unknown flow 404, unknown
//! (or another workspace's) verification 404, wrong flow 400.

use crate::app::AppState;
use crate::http::auth::Auth;
use crate::http::error::{ApiError, ApiResult};
use colleckt_domain::Flow;
use colleckt_store::Verification;

pub fn flow<'a>(state: &'a AppState, slug: &str) -> ApiResult<&'a Flow> {
    state
        .flows
        .get(slug)
        .ok_or(ApiError::NotFound("Flow not found."))
}

/// Ids are short and base62 with a prefix; anything else cannot exist.
pub fn plausible_id(id: &str, prefix: &str) -> bool {
    id.len() <= 64
        && id.starts_with(prefix)
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

pub async fn verification(
    state: &AppState,
    auth: &Auth,
    flow: &Flow,
    id: &str,
) -> ApiResult<Verification> {
    if !plausible_id(id, "ver_") {
        return Err(ApiError::NotFound("Verification not found."));
    }
    let v = state
        .store
        .get_verification(&auth.workspace_id, id)
        .await?
        .ok_or(ApiError::NotFound("Verification not found."))?;
    if v.flow != flow.slug {
        return Err(ApiError::BadRequest(format!(
            "The verification does not belong to the flow {}.",
            flow.slug
        )));
    }
    Ok(v)
}
