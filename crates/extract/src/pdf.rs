//! PDF intake: the text layer of each page (lopdf), and the JPEG images of
//! image-only pages for OCR. Bounded: at most [`MAX_PAGES`] pages are read.

use std::panic::{catch_unwind, AssertUnwindSafe};

use lopdf::{Document, Object};

use crate::error::ExtractError;

/// Pages read at most.
pub const MAX_PAGES: usize = 10;
/// Embedded images taken at most (for OCR of scanned pages).
const MAX_IMAGES: usize = 3;

/// What a PDF holds.
#[derive(Debug, Clone, Default)]
pub struct PdfContent {
    /// Number of pages.
    pub pages: usize,
    /// Text of each page read (empty for image-only pages).
    pub page_text: Vec<String>,
    /// JPEG streams (DCTDecode images), for OCR of scanned pages.
    pub jpeg_images: Vec<Vec<u8>>,
}

impl PdfContent {
    /// All text, pages separated by form feeds.
    pub fn text(&self) -> String {
        self.page_text.join("\n\x0c\n")
    }
    /// Whether there is a usable text layer (some letters on some page).
    pub fn has_text(&self) -> bool {
        self.page_text
            .iter()
            .any(|t| t.chars().filter(|c| c.is_alphanumeric()).count() >= 20)
    }
}

/// Read a PDF's text layer and embedded JPEGs. Encrypted, corrupt or
/// malformed PDFs give [`ExtractError::Pdf`]; the parser never panics out.
pub fn read_pdf(bytes: &[u8]) -> Result<PdfContent, ExtractError> {
    if bytes.is_empty() {
        return Err(ExtractError::Empty);
    }
    catch_unwind(AssertUnwindSafe(|| read_inner(bytes)))
        .unwrap_or_else(|_| Err(ExtractError::Pdf("malformed PDF".into())))
}

fn read_inner(bytes: &[u8]) -> Result<PdfContent, ExtractError> {
    let doc = Document::load_mem(bytes).map_err(|e| ExtractError::Pdf(e.to_string()))?;
    if doc.is_encrypted() {
        return Err(ExtractError::Pdf("encrypted PDF".into()));
    }
    let pages = doc.get_pages();
    let mut out = PdfContent {
        pages: pages.len(),
        ..PdfContent::default()
    };
    for (&num, _) in pages.iter().take(MAX_PAGES) {
        let text = doc.extract_text(&[num]).unwrap_or_default();
        out.page_text.push(text);
    }
    for obj in doc.objects.values() {
        if out.jpeg_images.len() >= MAX_IMAGES {
            break;
        }
        if let Object::Stream(s) = obj {
            let is_image = s
                .dict
                .get(b"Subtype")
                .and_then(Object::as_name)
                .is_ok_and(|n| n == b"Image");
            let is_dct = match s.dict.get(b"Filter") {
                Ok(Object::Name(n)) => n == b"DCTDecode",
                Ok(Object::Array(a)) => {
                    a.len() == 1 && a[0].as_name().is_ok_and(|n| n == b"DCTDecode")
                }
                _ => false,
            };
            if is_image && is_dct && s.content.starts_with(&[0xFF, 0xD8]) {
                out.jpeg_images.push(s.content.clone());
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_pdfs_are_typed_errors() {
        assert!(matches!(read_pdf(b""), Err(ExtractError::Empty)));
        assert!(matches!(read_pdf(b"%PDF-1.4\n"), Err(ExtractError::Pdf(_))));
        assert!(matches!(
            read_pdf(
                b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"
            ),
            Err(_) | Ok(_)
        ));
    }
}
