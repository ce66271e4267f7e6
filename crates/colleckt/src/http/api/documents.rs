//! The Documents API (CONTRACT §4): multipart upload per slot with front and
//! back, replace, list, get, delete. Intake (checks, sealing, storing) is the
//! service layer's (`service::intake`), shared with the widget.

use crate::app::AppState;
use crate::http::api::lookup;
use crate::http::api::verifications::Data;
use crate::http::auth::Auth;
use crate::http::error::{ApiError, ApiResult};
use crate::http::render::{self, DocumentResource};
use crate::service::{intake, lifecycle, upload};
use crate::upload::MAX_FILE_BYTES;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use colleckt_domain::Action;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/{flow}/verifications/{verification}/documents",
            get(list).post(upload_document),
        )
        .route(
            "/api/v1/{flow}/verifications/{verification}/documents/{document}",
            get(show).delete(destroy),
        )
        // Two files at the limit plus multipart framing; each file is checked too.
        .layer(DefaultBodyLimit::max(2 * MAX_FILE_BYTES + 64 * 1024))
}

/// Upload (or replace) the document of a slot: `slot`, `front`, `back` fields.
#[utoipa::path(operation_id = "documents_upload_document", post, path = "/api/v1/{flow}/verifications/{verification}/documents", tag = "Documents",
    params(("flow" = String, Path), ("verification" = String, Path)),
    request_body(content_type = "multipart/form-data", content = Object,
        description = "slot = photo_id | proof_of_address; front (file, required); back (file, for two-sided types)"),
    responses((status = 201, body = Data<DocumentResource>), (status = 400), (status = 401), (status = 404),
        (status = 413), (status = 415), (status = 422)),
    security(("bearer" = [])))]
pub async fn upload_document(
    State(state): State<AppState>,
    auth: Auth,
    Path((flow, id)): Path<(String, String)>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> ApiResult<(StatusCode, Json<Data<DocumentResource>>)> {
    let flow = lookup::flow(&state, &flow)?;
    let v = lookup::verification(&state, &auth, flow, &id).await?;
    let multipart = multipart.map_err(|_| {
        ApiError::UnsupportedMediaType("The upload must be sent as multipart/form-data.".into())
    })?;
    lifecycle::allowed(Action::ChangeDocuments, &v)?;
    let form = intake::read_form(multipart).await?;
    let doc = upload::whole_document(&state, flow, &v, form).await?;
    let data = render::document(&state.view().links, Some(flow), &doc)?;
    Ok((StatusCode::CREATED, Json(Data { data })))
}

/// The documents of a verification.
#[utoipa::path(operation_id = "documents_list", get, path = "/api/v1/{flow}/verifications/{verification}/documents", tag = "Documents",
    params(("flow" = String, Path), ("verification" = String, Path)),
    responses((status = 200, body = Data<Vec<DocumentResource>>), (status = 400), (status = 401), (status = 404)),
    security(("bearer" = [])))]
pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    Path((flow, id)): Path<(String, String)>,
) -> ApiResult<Json<Data<Vec<DocumentResource>>>> {
    let flow = lookup::flow(&state, &flow)?;
    let v = lookup::verification(&state, &auth, flow, &id).await?;
    let docs = state.store.documents(&v).await?;
    let links = state.view().links;
    let data = docs
        .iter()
        .map(|d| render::document(&links, Some(flow), d))
        .collect::<Result<_, _>>()?;
    Ok(Json(Data { data }))
}

/// One document.
#[utoipa::path(operation_id = "documents_show", get, path = "/api/v1/{flow}/verifications/{verification}/documents/{document}", tag = "Documents",
    params(("flow" = String, Path), ("verification" = String, Path), ("document" = String, Path)),
    responses((status = 200, body = Data<DocumentResource>), (status = 400), (status = 401), (status = 404)),
    security(("bearer" = [])))]
pub async fn show(
    State(state): State<AppState>,
    auth: Auth,
    Path((flow, id, document)): Path<(String, String, String)>,
) -> ApiResult<Json<Data<DocumentResource>>> {
    let flow = lookup::flow(&state, &flow)?;
    let v = lookup::verification(&state, &auth, flow, &id).await?;
    let docs = state.store.documents(&v).await?;
    let doc = docs
        .iter()
        .find(|d| d.id == document)
        .ok_or(ApiError::NotFound("Document not found."))?;
    Ok(Json(Data {
        data: render::document(&state.view().links, Some(flow), doc)?,
    }))
}

/// Delete a document (same states as upload).
#[utoipa::path(operation_id = "documents_destroy", delete, path = "/api/v1/{flow}/verifications/{verification}/documents/{document}", tag = "Documents",
    params(("flow" = String, Path), ("verification" = String, Path), ("document" = String, Path)),
    responses((status = 204), (status = 400), (status = 401), (status = 404)),
    security(("bearer" = [])))]
pub async fn destroy(
    State(state): State<AppState>,
    auth: Auth,
    Path((flow, id, document)): Path<(String, String, String)>,
) -> ApiResult<StatusCode> {
    let flow = lookup::flow(&state, &flow)?;
    let v = lookup::verification(&state, &auth, flow, &id).await?;
    lifecycle::allowed(Action::ChangeDocuments, &v)?;
    if !lookup::plausible_id(&document, "doc_") {
        return Err(ApiError::NotFound("Document not found."));
    }
    intake::delete_document(&state, &v, &document).await?;
    Ok(StatusCode::NO_CONTENT)
}
