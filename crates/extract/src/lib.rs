//! Colleckt document reading: bytes in, [`ExtractedData`] out.
//!
//! Pure functions over bytes — no database, no HTTP. Every reader reports what
//! it read *and* how sure it is (source, check digits, OCR confidence).

pub mod aamva;
pub mod address;
pub mod barcode;
pub mod data;
pub mod error;
pub mod image;
pub mod kind;
pub mod mrz;
pub mod ocr;
pub mod pdf;
pub mod usps;

pub use error::ExtractError;
pub use kind::{sniff, DocKind, FileKind, ReaderFamily};
