//! The crate's error type: every way reading a document can fail, typed.

use thiserror::Error;

/// Why extraction failed. Never a panic: every bad input maps to one of these.
#[derive(Debug, Error)]
pub enum ExtractError {
    /// Zero bytes were given.
    #[error("the file is empty")]
    Empty,
    /// The bytes are not JPEG, PNG, WebP or PDF.
    #[error("unsupported file type (expected JPEG, PNG, WebP or PDF)")]
    UnsupportedType,
    /// The image is larger than the pixel or memory limits allow.
    #[error("image too large: {width}x{height} exceeds the {max_megapixels} megapixel limit")]
    TooLarge {
        /// Declared width.
        width: u32,
        /// Declared height.
        height: u32,
        /// The limit in megapixels.
        max_megapixels: u32,
    },
    /// The image could not be decoded (truncated, corrupt, over the allocation limit).
    #[error("image could not be decoded: {0}")]
    Decode(String),
    /// The PDF could not be parsed.
    #[error("PDF could not be read: {0}")]
    Pdf(String),
    /// The PDF is past a bound of the pre-scan (nesting, objects, decoded
    /// bytes): refused before lopdf parses it.
    #[error("PDF refused: the file {0}")]
    PdfRefused(#[from] crate::pdf::PdfRefusal),
    /// An unknown document type name was given.
    #[error("unknown document type {0:?}")]
    UnknownType(String),
    /// A file could not be read from disk (only from `extract_files`).
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path that failed.
        path: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A file is larger than the byte limit (only from `extract_files`).
    #[error("file {path} is larger than {max_bytes} bytes")]
    FileTooLarge {
        /// The path.
        path: String,
        /// The limit.
        max_bytes: u64,
    },
}
