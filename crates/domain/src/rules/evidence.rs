//! What the readers found on one document, as the rules see it: each field with
//! the source that read it and how sure it was. The pipeline fills this from
//! the extraction crate's output; the domain knows nothing of images.

use crate::Slot;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a value was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Barcode,
    Mrz,
    Ocr,
    PdfText,
}

impl Source {
    /// Machine-readable sources with their own integrity (check digits, a
    /// decoded barcode, a PDF's text layer): a mismatch read there is a fact.
    pub fn trusted(self) -> bool {
        !matches!(self, Source::Ocr)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field<T> {
    pub value: T,
    pub source: Source,
    /// 0.0–1.0; 1.0 for check-digit-valid MRZ and decoded barcodes.
    pub confidence: f32,
}

impl<T> Field<T> {
    pub fn new(value: T, source: Source, confidence: f32) -> Field<T> {
        Field {
            value,
            source,
            confidence,
        }
    }

    pub fn trusted(&self) -> bool {
        self.source.trusted()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ReadAddress {
    pub street: String,
    pub city: String,
    pub state: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Quality {
    pub width: u32,
    pub height: u32,
    /// 0.0 (blurred) – 1.0 (sharp).
    pub sharpness: f32,
    /// Share of blown-out pixels, 0.0–1.0.
    pub glare: f32,
}

/// Everything read from one document (both sides).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentEvidence {
    pub slot: Option<Slot>,
    pub type_id: u32,
    /// Did any reader get anything at all from the images?
    pub readable: bool,
    /// The document type ids the readers think this is (e.g. an MRZ of a
    /// passport says 1; an AAMVA `DL` subfile says 2). Empty when unknown.
    pub detected_type_ids: Vec<u32>,
    pub first_name: Option<Field<String>>,
    pub middle_name: Option<Field<String>>,
    pub last_name: Option<Field<String>>,
    /// The holder's name as one line (address documents).
    pub full_name: Option<Field<String>>,
    pub date_of_birth: Option<Field<NaiveDate>>,
    pub document_number: Option<Field<String>>,
    /// ISO 3166-1 alpha-3.
    pub issuing_country: Option<Field<String>>,
    pub issue_date: Option<Field<NaiveDate>>,
    pub expiry_date: Option<Field<NaiveDate>>,
    pub address: Option<Field<ReadAddress>>,
    /// MRZ types: whether every check digit held.
    pub mrz_checks_valid: Option<bool>,
    /// AAMVA types: whether the front's OCR agrees with the barcode (None when
    /// the front could not be read).
    pub barcode_matches_front: Option<bool>,
    /// Keyed digests of the uploaded images (finds the same image twice).
    pub image_digests: Vec<String>,
    pub quality: Vec<Quality>,
    /// Whether OCR could run at all on this server.
    pub ocr_available: bool,
}
