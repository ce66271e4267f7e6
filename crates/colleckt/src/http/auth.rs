//! Bearer-token authentication: the token names one workspace, and every
//! handler that takes `Auth` sees only that workspace's data. Each token has
//! its own rate limit ([`crate::http::limits`]).

use crate::app::AppState;
use crate::http::error::ApiError;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;

#[derive(Debug, Clone)]
pub struct Auth {
    pub workspace_id: String,
    pub token_id: String,
}

impl FromRequestParts<AppState> for Auth {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let header = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .ok_or(ApiError::Unauthenticated)?;
        let (scheme, token) = header
            .trim()
            .split_once(' ')
            .ok_or(ApiError::Unauthenticated)?;
        let token = token.trim();
        // Tokens are 47 printable characters; anything far off is not worth a query.
        if !scheme.eq_ignore_ascii_case("bearer") || token.is_empty() || token.len() > 200 {
            return Err(ApiError::Unauthenticated);
        }
        let found = state.store.authenticate_token(token).await?;
        let token = found.ok_or(ApiError::Unauthenticated)?;
        // Counted once authenticated: an unknown token makes no bucket.
        state.limits.api_token(&token.id)?;
        Ok(Auth {
            workspace_id: token.workspace_id,
            token_id: token.id,
        })
    }
}
