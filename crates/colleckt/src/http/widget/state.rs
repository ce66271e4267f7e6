//! `GET /spa/v3/{session}/api/state`: everything the widget needs to draw its
//! steps, and nothing more.
//!
//! What is left out, on purpose: whoever holds the link (a printed QR code, a
//! forwarded message) may not be the person being verified, so the state
//! carries no name, address, date of birth or document number, no ids, no
//! vendor reference and no comments. The instructions need only the type and
//! issuing country of each document, its sides, and what has been uploaded;
//! the done page needs `redirect_url`. What the user confirms comes from the
//! documents they uploaded themselves (see [`super::preview`]).

use super::session::{self, Phase};
use crate::app::AppState;
use crate::http::error::ApiResult;
use crate::http::render::timestamp;
use crate::upload::MAX_FILE_BYTES;
use axum::extract::State;
use axum::Json;
use colleckt_domain::{country, Slot};
use colleckt_store::Verification;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct WidgetState {
    pub phase: Phase,
    /// The flow's display name ("USPS 1583").
    pub flow: String,
    /// Where the done page sends the user, when the integrator set it.
    pub redirect_url: Option<String>,
    pub documents: Vec<RequiredDocument>,
    /// Languages the widget speaks; it picks one from the browser.
    pub languages: [&'static str; 2],
    /// A language suggested by the documents' country (`es` for Mexico).
    pub language_hint: Option<&'static str>,
    pub max_file_bytes: usize,
}

#[derive(Debug, Serialize)]
pub struct RequiredDocument {
    /// `photo_id` or `proof_of_address`.
    pub slot: &'static str,
    pub type_id: u32,
    /// The canonical type name ("Driver License"); the widget translates it.
    pub type_name: String,
    /// ISO 3166-1 alpha-3 and English name of the issuing country.
    pub country: String,
    pub country_name: String,
    /// `["front"]` or `["front", "back"]`.
    pub sides: Vec<&'static str>,
    /// Whether a PDF is accepted for the front (leases, policies…).
    pub accepts_pdf: bool,
    pub uploaded: Uploaded,
}

#[derive(Debug, Default, Serialize)]
pub struct Uploaded {
    /// When each side was uploaded, if it was.
    pub front: Option<String>,
    pub back: Option<String>,
}

pub async fn build(state: &AppState, v: &Verification) -> ApiResult<WidgetState> {
    let flow = state.flows.get(&v.flow);
    let docs = state.store.documents(v).await?;
    let mut documents = vec![];
    for slot in Slot::ALL {
        let Some(expected) = v.expected.documents.get(slot) else {
            continue;
        };
        let doc_type = flow.and_then(|f| f.document_type_by_name(&expected.type_name));
        let needs_back = doc_type.is_some_and(|t| t.needs_back());
        let uploaded = docs
            .iter()
            .find(|d| d.slot == slot && doc_type.is_some_and(|t| t.id == d.type_id))
            .map(|d| Uploaded {
                front: Some(timestamp(d.updated_at)),
                back: d.back.as_ref().map(|_| timestamp(d.updated_at)),
            })
            .unwrap_or_default();
        documents.push(RequiredDocument {
            slot: slot.key(),
            type_id: doc_type.map_or(0, |t| t.id),
            type_name: doc_type.map_or_else(|| expected.type_name.clone(), |t| t.name.clone()),
            country: expected.country.clone(),
            country_name: country::by_iso3(&expected.country)
                .map(|c| c.name.to_string())
                .unwrap_or_default(),
            sides: if needs_back {
                vec!["front", "back"]
            } else {
                vec!["front"]
            },
            accepts_pdf: doc_type.is_some_and(|t| t.accepts_pdf),
            uploaded,
        });
    }
    let spanish = [
        "MEX", "ESP", "COL", "ARG", "PER", "CHL", "GTM", "HND", "SLV", "CUB", "DOM", "ECU", "VEN",
        "BOL", "PRY", "URY", "NIC", "CRI", "PAN", "PRI",
    ];
    let language_hint = documents
        .iter()
        .any(|d| spanish.contains(&d.country.as_str()))
        .then_some("es");
    Ok(WidgetState {
        phase: session::phase(v),
        flow: flow.map_or_else(|| v.flow.clone(), |f| f.name.clone()),
        redirect_url: v.redirect_url.clone(),
        documents,
        languages: ["en", "es"],
        language_hint,
        max_file_bytes: MAX_FILE_BYTES,
    })
}

pub async fn show(
    State(state): State<AppState>,
    session::Session(v): session::Session,
) -> ApiResult<Json<WidgetState>> {
    Ok(Json(build(&state, &v).await?))
}
