//! Flows as data: each flow (one JSON file, embedded; more from a directory) names
//! its document types with stable ids, the slots they fill, the sides to capture,
//! where they may be issued, and the TTL of a Started verification (FLOWS.md).

use serde::{Deserialize, Serialize};

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
        todo!()
    }
    pub fn from_key(key: &str) -> Option<Slot> {
        todo!()
    }
    /// `Photo ID` / `Proof of Address`: `document_type.type_label`.
    pub fn label(self) -> &'static str {
        todo!()
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
    pub fn allowed_in(&self, iso3: &str) -> bool {
        todo!()
    }
    pub fn needs_back(&self) -> bool {
        todo!()
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
        todo!()
    }
    /// Case-insensitive lookup by name.
    pub fn document_type_by_name(&self, name: &str) -> Option<&DocumentType> {
        todo!()
    }
    pub fn document_type(&self, id: u32) -> Option<&DocumentType> {
        todo!()
    }
}

/// Every flow the server knows, looked up by slug.
#[derive(Debug, Clone)]
pub struct FlowRegistry {
    flows: Vec<Flow>,
}

#[derive(Debug, thiserror::Error)]
pub enum FlowError {
    #[error("flow file {file}: {message}")]
    Invalid { file: String, message: String },
}

impl FlowRegistry {
    /// The flows embedded in the binary (`usps1583`).
    pub fn builtin() -> FlowRegistry {
        todo!()
    }
    /// Adds flows from (file name, JSON text) pairs the caller read from
    /// `COLLECKT_FLOWS_DIR`; a flow with a builtin's slug replaces it.
    pub fn with_sources(self, sources: Vec<(String, String)>) -> Result<FlowRegistry, FlowError> {
        todo!()
    }
    pub fn get(&self, slug: &str) -> Option<&Flow> {
        todo!()
    }
    pub fn all(&self) -> &[Flow] {
        &self.flows
    }
}
