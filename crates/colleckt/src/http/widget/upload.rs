//! `POST /spa/v3/{session}/api/documents`: one side of one document per
//! request (`slot`, `side` = front | back, `file`), so a refresh or a dropped
//! connection loses at most the side in flight. Same limits, sniffing and
//! store path as the Documents API: the other side of the slot's current
//! document is kept, and a back needs its front first.

use super::session;
use super::state::{self, WidgetState};
use crate::app::AppState;
use crate::http::api::documents::{
    check_file, expected_slot, expected_type, read_form, save_document, SideFile,
};
use crate::http::error::{ApiError, ApiResult};
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::Json;
use colleckt_domain::ValidationErrors;

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
    let form = read_form(multipart).await?;
    let mut errors = ValidationErrors::default();
    let slot = expected_slot(&v, form.slot.as_deref(), &mut errors);
    let side = match form.side.as_deref().map(str::trim) {
        Some("front") => Some(false),
        Some("back") => Some(true),
        _ => {
            errors.add("side", "The side must be front or back.");
            None
        }
    };
    if form.file.as_ref().is_none_or(|f| f.is_empty()) {
        errors.add("file", "The file is required.");
    }
    let (Some(slot), Some(is_back)) = (slot, side) else {
        return Err(errors.into());
    };
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let (doc_type, target) = expected_type(flow, &v, slot)?;
    if is_back && !doc_type.needs_back() {
        return Err(ApiError::validation(
            "side",
            format!("A {} has no back to upload.", doc_type.name),
        ));
    }
    let current = state
        .store
        .documents(&v)
        .await?
        .into_iter()
        .find(|d| d.slot == slot && d.type_id == target.type_id);
    let bytes = form.file.unwrap_or_default();
    let (front, back) = if is_back {
        let Some(current) = current else {
            return Err(ApiError::validation(
                "side",
                "Upload the front before the back.",
            ));
        };
        let file = check_file("back", bytes, false).await?;
        (SideFile::Keep(current.front), Some(SideFile::New(file)))
    } else {
        let file = check_file("front", bytes, doc_type.accepts_pdf).await?;
        (
            SideFile::New(file),
            current.and_then(|d| d.back).map(SideFile::Keep),
        )
    };
    save_document(&state, &v, target, front, back).await?;
    Ok((StatusCode::CREATED, Json(state::build(&state, &v).await?)))
}
