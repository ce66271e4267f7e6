//! The Documents API (CONTRACT §4): multipart upload per slot with front and
//! back, replace, list, get, delete. Images are sealed with the verification's
//! data key before they reach object storage.

use crate::app::AppState;
use crate::http::api::lookup;
use crate::http::api::verifications::Data;
use crate::http::auth::Auth;
use crate::http::error::{ApiError, ApiResult};
use crate::http::render::{self, DocumentResource};
use crate::upload::{self, UploadError, MAX_FILE_BYTES};
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use colleckt_domain::{Action, DocumentType, Flow, Slot, ValidationErrors};
use colleckt_store::{Document, NewDocument, StoredFile, Verification};

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

/// The parts of an upload form (the field rules live beside the readers, so
/// the fuzz target runs them without this crate).
pub(crate) use colleckt_extract::form::UploadForm;

fn multipart_error(e: axum::extract::multipart::MultipartError) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::PayloadTooLarge("The upload is larger than 15 MiB per file.".into())
    } else {
        ApiError::BadRequest("The multipart body is malformed or truncated.".into())
    }
}

pub(crate) async fn read_form(mut multipart: Multipart) -> ApiResult<UploadForm> {
    let mut form = colleckt_extract::form::FormBuilder::default();
    while let Some(mut field) = multipart.next_field().await.map_err(multipart_error)? {
        form.start(field.name().unwrap_or_default());
        while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
            form.push(&chunk)
                .map_err(|e| ApiError::PayloadTooLarge(e.to_string()))?;
        }
    }
    Ok(form.finish())
}

fn upload_error(side: &str, e: UploadError) -> ApiError {
    let message = format!("The {side} file {e}.");
    match e {
        UploadError::TooLarge => ApiError::PayloadTooLarge(message),
        UploadError::UnsupportedType(_) => ApiError::UnsupportedMediaType(message),
        _ => ApiError::validation(side, message),
    }
}

/// A file checked by [`upload::check`]: its bytes and sniffed MIME type.
pub(crate) struct CheckedFile {
    pub bytes: Vec<u8>,
    pub mime: &'static str,
}

/// Checks one side off the async runtime. An image's check reads headers
/// only; a PDF's pre-scan decodes its streams (up to its caps), so it waits
/// for a reading slot like any other decode, keeping memory bounded by cores.
pub(crate) async fn check_file(
    side: &'static str,
    bytes: Vec<u8>,
    pdf: bool,
) -> ApiResult<CheckedFile> {
    let slot = match upload::sniff(&bytes) {
        Some(upload::FileKind::Pdf) if pdf => crate::reading::turn().await,
        _ => None,
    };
    tokio::task::spawn_blocking(move || {
        let _slot = slot;
        let kind = upload::check(&bytes, pdf).map_err(|e| upload_error(side, e))?;
        Ok(CheckedFile {
            bytes,
            mime: kind.mime(),
        })
    })
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))?
}

async fn store_file(
    state: &AppState,
    v: &Verification,
    doc_key: &str,
    side: &str,
    file: &CheckedFile,
) -> ApiResult<StoredFile> {
    let key = format!("{}/{}/{doc_key}-{side}", v.workspace_id, v.id);
    let digest = state.store.keys.mac("image-digest", &file.bytes)?;
    let sealed = v.data_key().seal(&file.bytes, &format!("object:{key}"))?;
    state.objects.put(&key, sealed).await?;
    Ok(StoredFile {
        key,
        mime: file.mime.to_string(),
        digest: digest.iter().map(|b| format!("{b:02x}")).collect(),
    })
}

/// One side of a document being saved: a new checked file, or the file the
/// slot's current document already has (the widget uploads one side at a time).
pub(crate) enum SideFile {
    New(CheckedFile),
    Keep(StoredFile),
}

/// The document a slot will hold: what the verification expects there.
pub(crate) struct SlotTarget {
    pub slot: Slot,
    pub type_id: u32,
    pub country: String,
}

/// Stores the new sides sealed, writes the document row (replacing the slot's
/// old one), then deletes the replaced images that were not kept. On failure
/// nothing is left half-written. The one store path for the API and the widget.
pub(crate) async fn save_document(
    state: &AppState,
    v: &Verification,
    target: SlotTarget,
    front: SideFile,
    back: Option<SideFile>,
) -> ApiResult<Document> {
    let doc_key = colleckt_store::ids::new_id("obj");
    let mut written = vec![];
    let mut kept = vec![];
    let result = async {
        let mut stored = vec![];
        for (side, file) in [("front", Some(front)), ("back", back)] {
            stored.push(match file {
                Some(SideFile::New(f)) => {
                    let s = store_file(state, v, &doc_key, side, &f).await?;
                    written.push(s.key.clone());
                    Some(s)
                }
                Some(SideFile::Keep(s)) => {
                    kept.push(s.key.clone());
                    Some(s)
                }
                None => None,
            });
        }
        let back = stored.pop().flatten();
        let front = stored
            .pop()
            .flatten()
            .ok_or(ApiError::Internal("no front".into()))?;
        let new = NewDocument {
            slot: target.slot,
            type_id: target.type_id,
            country: target.country,
            front,
            back,
        };
        Ok::<_, ApiError>(state.store.put_document(v, new).await?)
    }
    .await;
    match result {
        Ok((doc, replaced)) => {
            for key in replaced.iter().filter(|k| !kept.contains(k)) {
                if let Err(e) = state.objects.delete(key).await {
                    tracing::warn!(error = %e, "could not delete a replaced image; purge will retry");
                }
            }
            Ok(doc)
        }
        Err(e) => {
            // Nothing half-written: the images of a failed upload go again.
            for key in written {
                let _ = state.objects.delete(&key).await;
            }
            Err(e)
        }
    }
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
    Action::ChangeDocuments.apply(v.status)?;
    let form = read_form(multipart).await?;
    let (target, needs_back, pdf) = resolve_slot(flow, &v, &form)?;
    let front = check_file("front", form.front.unwrap_or_default(), pdf).await?;
    let back = match form.back {
        Some(b) if needs_back || !b.is_empty() => {
            Some(SideFile::New(check_file("back", b, false).await?))
        }
        _ => None,
    };
    let doc = save_document(&state, &v, target, SideFile::New(front), back).await?;
    let data = render::document(&state, Some(flow), &doc)?;
    Ok((StatusCode::CREATED, Json(Data { data })))
}

/// The slot a form names, if the verification expects a document there.
pub(crate) fn expected_slot(
    v: &Verification,
    slot: Option<&str>,
    errors: &mut ValidationErrors,
) -> Option<Slot> {
    match slot.map(str::trim) {
        None | Some("") => {
            errors.add(
                "slot",
                "The slot field is required (photo_id or proof_of_address).",
            );
            None
        }
        Some(s) => match Slot::from_key(s) {
            Some(slot) if v.expected.documents.get(slot).is_some() => Some(slot),
            Some(_) => {
                errors.add(
                    "slot",
                    format!("This verification expects no {s} document."),
                );
                None
            }
            None => {
                errors.add("slot", "The slot must be photo_id or proof_of_address.");
                None
            }
        },
    }
}

/// The document type and country the verification expects in `slot`.
pub(crate) fn expected_type<'f>(
    flow: &'f Flow,
    v: &Verification,
    slot: Slot,
) -> ApiResult<(&'f DocumentType, SlotTarget)> {
    let expected = v
        .expected
        .documents
        .get(slot)
        .ok_or(ApiError::Internal("slot".into()))?;
    let doc_type = flow
        .document_type_by_name(&expected.type_name)
        .ok_or_else(|| ApiError::Internal(format!("unknown type {}", expected.type_name)))?;
    let target = SlotTarget {
        slot,
        type_id: doc_type.id,
        country: expected.country.clone(),
    };
    Ok((doc_type, target))
}

/// The slot asked for, the type and country the verification expects there,
/// whether a back is needed and whether a PDF is accepted.
fn resolve_slot(
    flow: &Flow,
    v: &Verification,
    form: &UploadForm,
) -> ApiResult<(SlotTarget, bool, bool)> {
    let mut errors = ValidationErrors::default();
    let slot = expected_slot(v, form.slot.as_deref(), &mut errors);
    if form.front.as_ref().is_none_or(|f| f.is_empty()) {
        errors.add("front", "The front file is required.");
    }
    let Some(slot) = slot else {
        return Err(errors.into());
    };
    let (doc_type, target) = expected_type(flow, v, slot)?;
    if doc_type.needs_back() && form.back.as_ref().is_none_or(|b| b.is_empty()) {
        errors.add(
            "back",
            format!("The back file is required for a {}.", doc_type.name),
        );
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    Ok((target, doc_type.needs_back(), doc_type.accepts_pdf))
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
    let data = docs
        .iter()
        .map(|d| render::document(&state, Some(flow), d))
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
        data: render::document(&state, Some(flow), doc)?,
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
    Action::ChangeDocuments.apply(v.status)?;
    if !lookup::plausible_id(&document, "doc_") {
        return Err(ApiError::NotFound("Document not found."));
    }
    let keys = match state.store.delete_document(&v, &document).await {
        Err(colleckt_store::StoreError::NotFound) => {
            return Err(ApiError::NotFound("Document not found."))
        }
        other => other?,
    };
    for key in keys {
        if let Err(e) = state.objects.delete(&key).await {
            tracing::warn!(error = %e, "could not delete a document image; purge will retry");
        }
    }
    Ok(StatusCode::NO_CONTENT)
}
