//! Flows as data: each flow (one JSON file, embedded; more from a directory) names
//! its document types with stable ids, the slots they fill, the sides to capture,
//! where they may be issued, and the TTL of a Started verification (docs/flows.md).
//!
//! Readers named in flow files (the pipeline picks its extractor by them):
//! `mrz_td3` (passport data page), `mrz_td1` (ID-1 cards with an MRZ on the back),
//! `aamva` (PDF417 barcode on the back, cross-checked with front OCR), `ocr_front`
//! (OCR of the front only), `ocr_front_mrz` (front OCR, MRZ when present: NEXUS),
//! `address_document` (PDF text layer, else OCR: leases, policies, registrations).

mod load;
#[cfg(test)]
mod tests;

pub use load::FlowError;

use serde::{Deserialize, Serialize};

/// The flow files compiled into the binary.
const BUILTIN_SOURCES: &[(&str, &str)] =
    &[("usps1583.json", include_str!("../flows/usps1583.json"))];

/// The two places a document can fill in a verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Slot {
    PhotoId,
    ProofOfAddress,
}

impl Slot {
    pub const ALL: [Slot; 2] = [Slot::PhotoId, Slot::ProofOfAddress];
    /// `photo_id` / `proof_of_address`: the API key and multipart `slot` value.
    pub fn key(self) -> &'static str {
        match self {
            Slot::PhotoId => "photo_id",
            Slot::ProofOfAddress => "proof_of_address",
        }
    }
    pub fn from_key(key: &str) -> Option<Slot> {
        Slot::ALL.into_iter().find(|s| s.key() == key)
    }
    /// `Photo ID` / `Proof of Address`: `document_type.type_label`.
    pub fn label(self) -> &'static str {
        match self {
            Slot::PhotoId => "Photo ID",
            Slot::ProofOfAddress => "Proof of Address",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sides {
    Front,
    FrontBack,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentType {
    pub id: u32,
    pub name: String,
    pub slots: Vec<Slot>,
    pub sides: Sides,
    /// ISO3 codes where it may be issued; `None` = any valid ISO 3166-1 alpha-3.
    pub countries: Option<Vec<String>>,
    /// Whether a PDF is accepted as the front (proof-of-address documents).
    pub accepts_pdf: bool,
    /// Reader family for the pipeline, e.g. "mrz_td3", "aamva", "ocr_front", "address_document".
    pub reader: String,
}

impl DocumentType {
    /// Whether a document of this type issued in `iso3` is acceptable; any other
    /// valid code is a *forbidden pair*. Unknown codes are never allowed, so a
    /// caller that forgot to validate the country cannot let one through.
    pub fn allowed_in(&self, iso3: &str) -> bool {
        let Some(country) = crate::country::by_iso3(iso3) else {
            return false;
        };
        match &self.countries {
            None => true,
            Some(list) => list.iter().any(|c| c.eq_ignore_ascii_case(country.iso3)),
        }
    }
    pub fn needs_back(&self) -> bool {
        self.sides == Sides::FrontBack
    }
    /// Whether this type may fill `slot`.
    pub fn fits(&self, slot: Slot) -> bool {
        self.slots.contains(&slot)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flow {
    /// Path name in URLs: `usps1583`.
    pub slug: String,
    /// Display name: `USPS 1583`.
    pub name: String,
    /// Slots the flow requires, in order.
    pub slots: Vec<Slot>,
    pub document_types: Vec<DocumentType>,
    /// Named documents that are never acceptable, with the reason (422 if asked for).
    pub not_acceptable: Vec<NotAcceptable>,
    /// Days a Started verification lives before the sweep expires it.
    pub ttl_days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotAcceptable {
    pub name: String,
    pub reason: String,
}

impl Flow {
    pub fn supports(&self, slot: Slot) -> bool {
        self.slots.contains(&slot)
    }
    /// Case-insensitive lookup by name.
    pub fn document_type_by_name(&self, name: &str) -> Option<&DocumentType> {
        let wanted = name_key(name);
        self.document_types
            .iter()
            .find(|t| name_key(&t.name) == wanted)
    }
    pub fn document_type(&self, id: u32) -> Option<&DocumentType> {
        self.document_types.iter().find(|t| t.id == id)
    }
    /// The types that may fill `slot`, in the flow file's order.
    pub fn types_for(&self, slot: Slot) -> impl Iterator<Item = &DocumentType> {
        self.document_types.iter().filter(move |t| t.fits(slot))
    }
    /// Case-insensitive lookup of a document the flow names as never acceptable.
    pub fn not_acceptable_by_name(&self, name: &str) -> Option<&NotAcceptable> {
        let wanted = name_key(name);
        self.not_acceptable
            .iter()
            .find(|n| name_key(&n.name) == wanted)
    }
}

/// Names compare ignoring case, surrounding space and runs of inner space, so
/// "driver  license " finds "Driver License".
pub(crate) fn name_key(name: &str) -> String {
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every flow the server knows, looked up by slug.
#[derive(Debug, Clone)]
pub struct FlowRegistry {
    flows: Vec<Flow>,
}

impl FlowRegistry {
    /// The flows embedded in the binary (`usps1583`).
    pub fn builtin() -> FlowRegistry {
        let flows = BUILTIN_SOURCES
            .iter()
            .map(|(file, text)| {
                // The embedded files are covered by unit tests, so a failure here is
                // a build defect, not an operator mistake.
                load::parse_flow(file, text).unwrap_or_else(|e| panic!("builtin {e}"))
            })
            .collect();
        FlowRegistry { flows }
    }
    /// Adds flows from (file name, JSON text) pairs the caller read from
    /// `COLLECKT_FLOWS_DIR`; a flow with a builtin's slug replaces it.
    pub fn with_sources(self, sources: Vec<(String, String)>) -> Result<FlowRegistry, FlowError> {
        let mut flows = self.flows;
        let mut added: Vec<(String, String)> = Vec::new(); // (slug, file)
        for (file, text) in &sources {
            let flow = load::parse_flow(file, text)?;
            // Two operator files claiming one slug is ambiguous: refuse rather
            // than let directory order decide which one wins.
            if let Some((_, other)) = added.iter().find(|(slug, _)| *slug == flow.slug) {
                return Err(FlowError::Invalid {
                    file: file.clone(),
                    message: format!("slug \"{}\" is also defined in {other}", flow.slug),
                });
            }
            added.push((flow.slug.clone(), file.clone()));
            match flows.iter_mut().find(|f| f.slug == flow.slug) {
                Some(existing) => *existing = flow,
                None => flows.push(flow),
            }
        }
        Ok(FlowRegistry { flows })
    }
    pub fn get(&self, slug: &str) -> Option<&Flow> {
        self.flows.iter().find(|f| f.slug == slug)
    }
    pub fn all(&self) -> &[Flow] {
        &self.flows
    }
}
