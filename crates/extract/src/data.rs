//! The `extracted_data` object (CONTRACT §6) plus per-field evidence.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::image::Quality;

/// Where a value was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A decoded PDF417 barcode (AAMVA): high confidence.
    Barcode,
    /// An MRZ (confidence depends on its check digits).
    Mrz,
    /// OCR of an image: never decisive alone.
    Ocr,
    /// A PDF's text layer: high confidence.
    PdfText,
}

/// How a field was read and how sure the reader is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Where the value came from.
    pub source: Source,
    /// 0..1: 1.0 for a decoded barcode or a PDF text layer, 1.0 for an MRZ
    /// field whose check digits hold, OCR confidence otherwise.
    pub confidence: f64,
    /// For MRZ fields: whether the check digit covering this field holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_digit_valid: Option<bool>,
    /// For AAMVA names: the card says the value was truncated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub truncated: Option<bool>,
    /// Other sources that read the same value (e.g. front OCR agreeing with the barcode).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub confirmed_by: Vec<Source>,
}

impl Evidence {
    /// Evidence with only a source and confidence.
    pub fn new(source: Source, confidence: f64) -> Self {
        Evidence {
            source,
            confidence: (confidence * 1000.0).round() / 1000.0,
            check_digit_valid: None,
            truncated: None,
            confirmed_by: Vec::new(),
        }
    }
}

/// A postal address.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Address {
    /// Street line(s), e.g. "742 EVERGREEN TERRACE".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// State / province code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// ZIP (ZIP-5 or ZIP+4) / postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

impl Address {
    /// Whether nothing is set.
    pub fn is_empty(&self) -> bool {
        self.street.is_none()
            && self.city.is_none()
            && self.state.is_none()
            && self.postal_code.is_none()
    }
}

/// CONTRACT §6 `mrz`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MrzSummary {
    /// "TD1", "TD2", "TD3", "MRV-A", "MRV-B".
    pub format: String,
    /// The lines as read (after repair).
    pub lines: Vec<String>,
    /// Whether every check digit holds.
    pub checks_valid: bool,
}

/// CONTRACT §6 `barcode`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BarcodeSummary {
    /// Always "AAMVA".
    pub format: String,
    /// AAMVA version.
    pub version: u8,
    /// Issuing jurisdiction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<String>,
}

/// `extracted_data` (CONTRACT §6). Absent fields are omitted from JSON;
/// `evidence` (per field), `ocr` and `notes` are additions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExtractedData {
    /// Canonical document type name (FLOWS.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_type: Option<String>,
    /// Given name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Middle name(s).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// Family name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// ISO date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<String>,
    /// M, F or X.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<String>,
    /// Document / licence number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_number: Option<String>,
    /// ISO 3166-1 alpha-3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuing_country: Option<String>,
    /// State / province that issued it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuing_state: Option<String>,
    /// ISO 3166-1 alpha-3 (MRZ documents).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nationality: Option<String>,
    /// ISO date (for address documents: start of the policy period / lease term, or issue date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue_date: Option<String>,
    /// ISO date (for address documents: end of the policy period / lease term).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry_date: Option<String>,
    /// Holder's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// Which readers contributed, strongest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// The MRZ, when one was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mrz: Option<MrzSummary>,
    /// The barcode, when one was decoded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub barcode: Option<BarcodeSummary>,
    /// Quality of the front image (absent for PDFs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality: Option<Quality>,
    /// Quality of the back image, when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality_back: Option<Quality>,
    /// Per-field evidence, keyed by field name (`address.street` for address parts).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub evidence: BTreeMap<String, Evidence>,
    /// Whether OCR was available for this extraction; when false, results that
    /// need OCR are missing and must not be relied upon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ocr_available: Option<bool>,
    /// Machine-readable notes, e.g. `barcode_not_found`, `ocr_unavailable`,
    /// `front_mismatch:last_name`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl ExtractedData {
    /// Set a top-level string field by name with its evidence; unknown names are ignored.
    pub fn set(&mut self, field: &str, value: Option<String>, ev: Evidence) {
        let Some(v) = value.filter(|v| !v.trim().is_empty()) else {
            return;
        };
        let slot = match field {
            "first_name" => &mut self.first_name,
            "middle_name" => &mut self.middle_name,
            "last_name" => &mut self.last_name,
            "date_of_birth" => &mut self.date_of_birth,
            "sex" => &mut self.sex,
            "document_number" => &mut self.document_number,
            "issuing_country" => &mut self.issuing_country,
            "issuing_state" => &mut self.issuing_state,
            "nationality" => &mut self.nationality,
            "issue_date" => &mut self.issue_date,
            "expiry_date" => &mut self.expiry_date,
            _ => return,
        };
        *slot = Some(v);
        let source = ev.source;
        self.evidence.insert(field.to_string(), ev);
        self.add_source(source);
    }

    /// Set the address with the same evidence for each part present.
    pub fn set_address(&mut self, addr: Address, ev: Evidence) {
        if addr.is_empty() {
            return;
        }
        let parts = [
            ("address.street", addr.street.is_some()),
            ("address.city", addr.city.is_some()),
            ("address.state", addr.state.is_some()),
            ("address.postal_code", addr.postal_code.is_some()),
            ("address.country", addr.country.is_some()),
        ];
        for (k, present) in parts {
            if present {
                self.evidence.insert(k.to_string(), ev.clone());
            }
        }
        self.add_source(ev.source);
        self.address = Some(addr);
    }

    /// Record a contributing source once, keeping the strongest first.
    pub fn add_source(&mut self, s: Source) {
        if !self.sources.contains(&s) {
            self.sources.push(s);
            self.sources.sort();
        }
    }

    /// Add a note once.
    pub fn note(&mut self, n: impl Into<String>) {
        let n = n.into();
        if !self.notes.contains(&n) {
            self.notes.push(n);
        }
    }
}
