//! Document intake for the API and the widget alike: read the multipart form,
//! check each file (sniffed type, size, pixels, PDF pre-scan), seal it and
//! store it, then write the document row. One path, so a file the widget
//! accepts is one the API accepts and the pipeline can read.

use crate::app::AppState;
use crate::service::{objects, ServiceError, ServiceResult};
use crate::upload::{self, UploadError};
use axum::extract::Multipart;
use axum::http::StatusCode;
use colleckt_domain::{DocumentType, Flow, Slot, ValidationErrors};
use colleckt_store::{Document, NewDocument, StoredFile, Verification};

/// The parts of an upload form (the field rules live beside the readers, so
/// the fuzz target runs them without this crate).
pub use colleckt_extract::form::UploadForm;

fn multipart_error(e: axum::extract::multipart::MultipartError) -> ServiceError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ServiceError::MultipartTooLarge
    } else {
        ServiceError::MalformedMultipart
    }
}

/// Reads every field, each within its cap.
pub async fn read_form(mut multipart: Multipart) -> ServiceResult<UploadForm> {
    let mut form = colleckt_extract::form::FormBuilder::default();
    while let Some(mut field) = multipart.next_field().await.map_err(multipart_error)? {
        form.start(field.name().unwrap_or_default());
        while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
            form.push(&chunk)
                .map_err(|e| ServiceError::FormTooLarge(e.to_string()))?;
        }
    }
    Ok(form.finish())
}

/// A file checked by [`upload::check`]: its bytes and sniffed MIME type.
pub struct CheckedFile {
    pub bytes: Vec<u8>,
    pub mime: &'static str,
}

/// Checks one side off the async runtime. An image's check reads headers
/// only; a PDF's pre-scan decodes its streams (up to its caps), so it waits
/// for a reading slot like any other decode, keeping memory bounded by cores.
pub async fn check_file(
    side: &'static str,
    bytes: Vec<u8>,
    pdf: bool,
) -> ServiceResult<CheckedFile> {
    let slot = match upload::sniff(&bytes) {
        Some(upload::FileKind::Pdf) if pdf => crate::reading::turn().await,
        _ => None,
    };
    tokio::task::spawn_blocking(move || {
        let _slot = slot;
        let kind = upload::check(&bytes, pdf)
            .map_err(|error: UploadError| ServiceError::File { side, error })?;
        Ok(CheckedFile {
            bytes,
            mime: kind.mime(),
        })
    })
    .await
    .map_err(|e| ServiceError::Internal(e.to_string()))?
}

async fn store_file(
    state: &AppState,
    v: &Verification,
    doc_key: &str,
    side: &str,
    file: &CheckedFile,
) -> ServiceResult<StoredFile> {
    let key = format!("{}/{}/{doc_key}-{side}", v.workspace_id, v.id);
    let digest = state.store.keys.mac("image-digest", &file.bytes)?;
    objects::put(state, v, &key, &file.bytes).await?;
    Ok(StoredFile {
        key,
        mime: file.mime.to_string(),
        digest: digest.iter().map(|b| format!("{b:02x}")).collect(),
    })
}

/// One side of a document being saved: a new checked file, or the file the
/// slot's current document already has (the widget uploads one side at a time).
pub enum SideFile {
    New(CheckedFile),
    Keep(StoredFile),
}

/// The document a slot will hold: what the verification expects there.
pub struct SlotTarget {
    pub slot: Slot,
    pub type_id: u32,
    pub country: String,
}

/// Stores the new sides sealed, writes the document row (replacing the slot's
/// old one), then deletes the replaced images that were not kept. On failure
/// nothing is left half-written.
pub async fn save_document(
    state: &AppState,
    v: &Verification,
    target: SlotTarget,
    front: SideFile,
    back: Option<SideFile>,
) -> ServiceResult<Document> {
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
            .ok_or(ServiceError::Internal("no front".into()))?;
        let new = NewDocument {
            slot: target.slot,
            type_id: target.type_id,
            country: target.country,
            front,
            back,
        };
        Ok::<_, ServiceError>(state.store.put_document(v, new).await?)
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

/// Deletes a document and then its images (a failed image delete is left to
/// the purge sweep: the row is gone, so nothing points to it).
pub async fn delete_document(
    state: &AppState,
    v: &Verification,
    document: &str,
) -> ServiceResult<()> {
    let keys = match state.store.delete_document(v, document).await {
        Err(colleckt_store::StoreError::NotFound) => return Err(ServiceError::DocumentNotFound),
        other => other?,
    };
    for key in keys {
        if let Err(e) = state.objects.delete(&key).await {
            tracing::warn!(error = %e, "could not delete a document image; purge will retry");
        }
    }
    Ok(())
}

/// The slot a form names, if the verification expects a document there.
pub fn expected_slot(
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
pub fn expected_type<'f>(
    flow: &'f Flow,
    v: &Verification,
    slot: Slot,
) -> ServiceResult<(&'f DocumentType, SlotTarget)> {
    let expected = v
        .expected
        .documents
        .get(slot)
        .ok_or(ServiceError::Internal("slot".into()))?;
    let doc_type = flow
        .document_type_by_name(&expected.type_name)
        .ok_or_else(|| ServiceError::Internal(format!("unknown type {}", expected.type_name)))?;
    let target = SlotTarget {
        slot,
        type_id: doc_type.id,
        country: expected.country.clone(),
    };
    Ok((doc_type, target))
}
