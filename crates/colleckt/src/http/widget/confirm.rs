//! The confirm step: a quick read of what was uploaded (`GET …/api/preview`)
//! and the submit (`POST …/api/submit`), which takes the same transition as
//! the API's submit, with the user's corrections kept in its history entry.

use super::session;
use crate::app::AppState;
use crate::http::body::JsonBody;
use crate::http::error::{ApiError, ApiResult};
use crate::readers::ReadError;
use crate::service::lifecycle::{self, Act};
use crate::service::reading;
use axum::extract::{Path, State};
use axum::Json;
use colleckt_domain::{Action, DocumentType};
use colleckt_extract::{DocKind, ExtractedData};
use colleckt_store::{Document, Verification};
use serde::Serialize;
use serde_json::{json, Map, Value};

/// A quick read of one document for the user to check before submitting:
/// a flat `{"field": "value", …}` in the widget's vocabulary (`first_name`,
/// `expiration_date`, `street`, …), or `None` when nothing could be read.
///
/// The readers are the pipeline's (barcode, MRZ, OCR, PDF text), in the same
/// reader processes, but nothing is checked or decided here: the pipeline
/// reads the documents again after submit, so what the user sees never
/// stands in for evidence.
pub fn preview(data: &ExtractedData) -> Option<Value> {
    let fields = preview_fields(data);
    (!fields.is_empty()).then_some(Value::Object(fields))
}

/// The fields the user is shown, in the order the form lists them.
fn preview_fields(d: &ExtractedData) -> Map<String, Value> {
    let address = d.address.clone().unwrap_or_default();
    let pairs = [
        ("first_name", &d.first_name),
        ("middle_name", &d.middle_name),
        ("last_name", &d.last_name),
        ("date_of_birth", &d.date_of_birth),
        ("document_number", &d.document_number),
        ("expiration_date", &d.expiry_date),
        ("street", &address.street),
        ("city", &address.city),
        ("state", &address.state),
        ("postal_code", &address.postal_code),
    ];
    pairs
        .into_iter()
        .filter_map(|(k, v)| {
            let v = v.as_deref()?.trim();
            (!v.is_empty()).then(|| (k.to_string(), Value::String(v.to_string())))
        })
        .collect()
}

#[derive(Debug, Serialize)]
pub struct PreviewDocument {
    pub slot: &'static str,
    /// What [`preview`] read, or `null`.
    pub fields: Option<Value>,
}

/// One document's preview, from the reading slot on. It runs as a task of
/// its own so that a client that leaves, or a request that times out, cannot
/// free the slot while the read goes on; and the files are decrypted only
/// once the slot is held, so waiting requests hold no plaintext images.
async fn read_one(
    state: AppState,
    v: Verification,
    doc: Document,
    doc_type: DocumentType,
) -> ApiResult<Option<Value>> {
    let kind = DocKind::from_name(&doc_type.name);
    match reading::read(&state, &v, &doc, kind).await? {
        Ok(data) => Ok(preview(&data)),
        Err(ReadError::Start { .. }) => Err(ApiError::Internal(
            "no reader process could be started".into(),
        )),
        Err(e) => {
            if let Some(note) = e.note() {
                tracing::warn!(verification = %v.id, note, "a preview ended its reader process");
            }
            Ok(None)
        }
    }
}

pub async fn show_preview(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> ApiResult<Json<Value>> {
    let v = session::find(&state, &token).await?;
    session::require_open(&v)?;
    let flow = state.flows.get(&v.flow);
    let mut documents = vec![];
    for doc in state.store.documents(&v).await? {
        let Some(doc_type) = flow.and_then(|f| f.document_type(doc.type_id)).cloned() else {
            continue;
        };
        let slot = doc.slot.key();
        let task = tokio::spawn(read_one(state.clone(), v.clone(), doc, doc_type));
        let fields = task
            .await
            .map_err(|e| ApiError::Internal(e.to_string()))??;
        documents.push(PreviewDocument { slot, fields });
    }
    Ok(Json(json!({ "documents": documents })))
}

/// At most this many corrected fields, each value at most this long.
const MAX_CORRECTIONS: usize = 32;
const MAX_VALUE_CHARS: usize = 200;

/// `{"photo_id": {"last_name": "Simpson"}, …}` as one line per field for the
/// history comment; anything else is a 422.
fn corrections(body: &Value) -> ApiResult<Option<String>> {
    let bad = |m: &str| ApiError::validation("corrections", m.to_string());
    let Some(c) = body.get("corrections").filter(|c| !c.is_null()) else {
        return Ok(None);
    };
    let slots = c
        .as_object()
        .ok_or_else(|| bad("The corrections must be an object."))?;
    let mut lines = vec![];
    for (slot, fields) in slots {
        if colleckt_domain::Slot::from_key(slot).is_none() {
            return Err(bad("The corrections name an unknown document."));
        }
        let fields = fields
            .as_object()
            .ok_or_else(|| bad("Each document's corrections must be an object."))?;
        for (name, value) in fields {
            let ok_name =
                name.len() <= 40 && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
            let value = value
                .as_str()
                .ok_or_else(|| bad("Corrected values must be text."))?;
            if !ok_name
                || value.chars().count() > MAX_VALUE_CHARS
                || value.chars().any(char::is_control)
            {
                return Err(bad("A corrected field is too long or malformed."));
            }
            lines.push(format!("{slot}.{name}: {}", value.trim()));
        }
    }
    if lines.len() > MAX_CORRECTIONS {
        return Err(bad("Too many corrected fields."));
    }
    Ok((!lines.is_empty()).then(|| format!("Corrected by the end user:\n{}", lines.join("\n"))))
}

pub async fn submit(
    State(state): State<AppState>,
    Path(token): Path<String>,
    body: JsonBody,
) -> ApiResult<Json<super::state::WidgetState>> {
    let v = session::find(&state, &token).await?;
    session::require_open(&v)?;
    let flow = state
        .flows
        .get(&v.flow)
        .ok_or_else(|| ApiError::Internal(format!("unknown flow {}", v.flow)))?;
    let comment = corrections(&body.value)?;
    let act = Act::by("end-user", comment);
    lifecycle::act(&state, flow, &v, Action::Submit, act).await?;
    let v = session::find(&state, &token).await?;
    Ok(Json(super::state::build(&state, &v).await?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrections_are_bounded() {
        assert_eq!(corrections(&json!({})).ok(), Some(None));
        let ok = corrections(&json!({"corrections": {"photo_id": {"last_name": " Simpson "}}}));
        assert_eq!(
            ok.ok().flatten().as_deref(),
            Some("Corrected by the end user:\nphoto_id.last_name: Simpson")
        );
        assert!(corrections(&json!({"corrections": {"x": {}}})).is_err());
        assert!(corrections(&json!({"corrections": {"photo_id": {"A": "b"}}})).is_err());
        assert!(
            corrections(&json!({"corrections": {"photo_id": {"a": "b".repeat(201)}}})).is_err()
        );
    }
}
