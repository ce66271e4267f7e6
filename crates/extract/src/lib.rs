//! Colleckt document reading: bytes in, [`ExtractedData`] out.
//!
//! Pure functions over bytes — no database, no HTTP. Every reader reports what
//! it read *and* how sure it is (source, check digits, OCR confidence).

pub mod aamva;
pub mod address;
pub mod barcode;
mod calendar;
pub mod data;
pub mod error;
pub mod form;
pub mod image;
pub mod kind;
pub mod mrz;
pub mod ocr;
pub mod pdf;
mod pipeline;
mod slip;
pub mod usps;

pub use data::{Address, BarcodeSummary, Evidence, ExtractedData, MrzSummary, Source};
pub use error::ExtractError;
pub use kind::{sniff, DocKind, FileKind, ReaderFamily};
pub use pipeline::{extract, extract_files, ExtractInput, MAX_FILE_BYTES};

/// Whether OCR (Tesseract 5 with English data) is available on this machine.
/// Loading is attempted once; call it at start-up to report it.
pub fn ocr_available() -> bool {
    ocr::available()
}

/// Tesseract's version, when OCR is available (e.g. "5.3.0").
pub fn ocr_version() -> Option<String> {
    ocr::version()
}
