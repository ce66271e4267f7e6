//! The two ways a document arrives: the API's whole document per request
//! (`slot`, `front`, `back`) and the widget's one side per request (`slot`,
//! `side`, `file`), both validated here and stored by [`intake`].

use crate::app::AppState;
use crate::service::intake::{check_file, expected_slot, expected_type, save_document};
use crate::service::intake::{SideFile, SlotTarget, UploadForm};
use crate::service::{ServiceError, ServiceResult};
use colleckt_domain::{Flow, ValidationErrors};
use colleckt_store::{Document, Verification};

/// The slot asked for, the type and country the verification expects there,
/// whether a back is needed and whether a PDF is accepted.
fn resolve_slot(
    flow: &Flow,
    v: &Verification,
    form: &UploadForm,
) -> ServiceResult<(SlotTarget, bool, bool)> {
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

/// The API's upload (or replacement) of a slot's document.
pub async fn whole_document(
    state: &AppState,
    flow: &Flow,
    v: &Verification,
    form: UploadForm,
) -> ServiceResult<Document> {
    let (target, needs_back, pdf) = resolve_slot(flow, v, &form)?;
    let front = check_file("front", form.front.unwrap_or_default(), pdf).await?;
    let back = match form.back {
        Some(b) if needs_back || !b.is_empty() => {
            Some(SideFile::New(check_file("back", b, false).await?))
        }
        _ => None,
    };
    save_document(state, v, target, SideFile::New(front), back).await
}

/// The widget's upload of one side: the other side of the slot's current
/// document is kept, and a back needs its front first.
pub async fn one_side(
    state: &AppState,
    flow: &Flow,
    v: &Verification,
    form: UploadForm,
) -> ServiceResult<Document> {
    let mut errors = ValidationErrors::default();
    let slot = expected_slot(v, form.slot.as_deref(), &mut errors);
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
    let (doc_type, target) = expected_type(flow, v, slot)?;
    if is_back && !doc_type.needs_back() {
        return Err(ServiceError::Invalid(ValidationErrors::single(
            "side",
            format!("A {} has no back to upload.", doc_type.name),
        )));
    }
    let current = state
        .store
        .documents(v)
        .await?
        .into_iter()
        .find(|d| d.slot == slot && d.type_id == target.type_id);
    let bytes = form.file.unwrap_or_default();
    let (front, back) = if is_back {
        let Some(current) = current else {
            return Err(ServiceError::Invalid(ValidationErrors::single(
                "side",
                "Upload the front before the back.",
            )));
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
    save_document(state, v, target, front, back).await
}
