//! `POST /spa/v3/{session}/api/documents`: one side of one document per
//! request (`slot`, `side` = front | back, `file`), so a refresh or a dropped
//! connection loses at most the side in flight. Same limits, sniffing and
//! store path as the Documents API (`service::upload::one_side`).

use super::session;
use super::state::{self, WidgetState};
use crate::app::AppState;
use crate::http::error::{ApiError, ApiResult};
use crate::service::{intake, upload};
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::Json;

pub async fn upload_side(
    State(state): State<AppState>,
    Path(token): Path<String>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> ApiResult<(StatusCode, Json<WidgetState>)> {
    let v = session::find(&state, &token).await?;
    let flow = state
        .flows
        .get(&v.flow)
        .ok_or_else(|| ApiError::Internal(format!("unknown flow {}", v.flow)))?;
    let multipart = multipart.map_err(|_| {
        ApiError::UnsupportedMediaType("The upload must be sent as multipart/form-data.".into())
    })?;
    session::require_open(&v)?;
    let form = intake::read_form(multipart).await?;
    upload::one_side(&state, flow, &v, form).await?;
    Ok((StatusCode::CREATED, Json(state::build(&state, &v).await?)))
}
