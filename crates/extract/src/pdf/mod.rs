//! PDF intake: the text layer of each page (lopdf), and the JPEG images of
//! image-only pages for OCR. Bounded: [`scan`] measures nesting, objects and
//! every stream's decoded size before lopdf sees the file, lopdf runs on a
//! thread with a large stack, and at most [`MAX_PAGES`] pages are read.

mod filters;
pub mod scan;

use std::panic::{catch_unwind, AssertUnwindSafe};

use lopdf::{Document, Object};

use crate::error::ExtractError;
pub use filters::FilterError;
pub use scan::{scan, Limits, PdfRefusal, ScanReport};

/// Pages read at most.
pub const MAX_PAGES: usize = 10;
/// Embedded images taken at most (for OCR of scanned pages).
const MAX_IMAGES: usize = 3;
/// The stack lopdf parses on. The scan bounds nesting to 64 levels, which
/// needs a tiny fraction of this; the rest is the margin for whatever the scan
/// misses. Only touched pages are ever resident.
pub const PARSER_STACK_BYTES: usize = 256 * 1024 * 1024;

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
/// malformed PDFs give [`ExtractError::Pdf`], files past the scan's limits
/// [`ExtractError::PdfRefused`]; the parser never panics out.
pub fn read_pdf(bytes: &[u8]) -> Result<PdfContent, ExtractError> {
    if bytes.is_empty() {
        return Err(ExtractError::Empty);
    }
    scan(bytes)?;
    let guarded = || {
        catch_unwind(AssertUnwindSafe(|| read_inner(bytes)))
            .unwrap_or_else(|_| Err(ExtractError::Pdf("malformed PDF".into())))
    };
    std::thread::scope(|s| {
        match std::thread::Builder::new()
            .name("pdf-reader".into())
            .stack_size(PARSER_STACK_BYTES)
            .spawn_scoped(s, guarded)
        {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|_| Err(ExtractError::Pdf("malformed PDF".into()))),
            // No room for the big stack (an address-space limit): the scan
            // has bounded the nesting, so the current stack will do.
            Err(_) => guarded(),
        }
    })
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
    let limits = Limits::default();
    for (&num, &id) in pages.iter().take(MAX_PAGES) {
        // Content streams are parsed as recursively as objects; the scan
        // bounded their decoded size, this bounds their nesting.
        let content = doc.get_page_content(id).unwrap_or_default();
        scan::check_content(&content, limits.max_depth)?;
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

    /// A PDF whose one content stream is `n` zero bytes, deflated.
    fn pdf_with_zeros(n: usize) -> Vec<u8> {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(vec![], flate2::Compression::best());
        let chunk = vec![0u8; 1 << 20];
        let mut left = n;
        while left > 0 {
            let k = left.min(chunk.len());
            z.write_all(&chunk[..k]).unwrap();
            left -= k;
        }
        let data = z.finish().unwrap();
        let mut pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n\
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n\
3 0 obj << /Type /Page /Parent 2 0 R /Contents 4 0 R >> endobj\n"
            .to_vec();
        pdf.extend(
            format!(
                "4 0 obj << /Length {} /Filter /FlateDecode >>\nstream\n",
                data.len()
            )
            .bytes(),
        );
        pdf.extend(&data);
        pdf.extend(b"\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        pdf
    }

    #[test]
    fn a_deflate_bomb_is_refused_before_parsing() {
        let bomb = pdf_with_zeros(200 * 1024 * 1024);
        assert!(bomb.len() < 1024 * 1024, "{} bytes", bomb.len());
        let err = read_pdf(&bomb).unwrap_err();
        assert!(
            matches!(
                err,
                ExtractError::PdfRefused(PdfRefusal::Stage(FilterError::StageTooLarge(_)))
            ),
            "{err}"
        );
        assert!(err.to_string().contains("more than 32 MB"), "{err}");
        // A modest stream is measured and read as usual.
        let ok = pdf_with_zeros(1024 * 1024);
        assert_eq!(scan(&ok).unwrap().decoded_bytes, 1024 * 1024);
        let tight = Limits {
            max_total_bytes: 1000,
            ..Limits::default()
        };
        assert_eq!(
            scan::scan_with(&ok, &tight),
            Err(PdfRefusal::TooMuchDecoded(1000))
        );
    }

    #[test]
    fn deep_nesting_is_refused_and_shallow_nesting_read() {
        let nested = |n: usize| {
            let mut pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R /Deep ".to_vec();
            pdf.extend("[".repeat(n).bytes());
            pdf.extend("]".repeat(n).bytes());
            pdf.extend(b" >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
            pdf
        };
        // The crash: 50,000 nested arrays in the catalog.
        let err = read_pdf(&nested(50_000)).unwrap_err();
        assert!(
            matches!(err, ExtractError::PdfRefused(PdfRefusal::TooDeep(64))),
            "{err}"
        );
        // The dictionary itself is one level.
        assert_eq!(scan(&nested(63)).unwrap().max_depth, 64);
        assert!(scan(&nested(64)).is_err());
        // Brackets in strings, comments and stream data do not count.
        let mut quiet = b"%PDF-1.4\n% [[[[[[\n1 0 obj ([[[[[[[[\\)[[[[) endobj\n".to_vec();
        quiet.extend(b"2 0 obj << /Length 200 >>\nstream\n");
        quiet.extend("[".repeat(200).bytes());
        quiet.extend(b"\nendstream\nendobj\n%%EOF");
        let tight = Limits {
            max_depth: 2,
            ..Limits::default()
        };
        assert_eq!(scan::scan_with(&quiet, &tight).unwrap().max_depth, 1);
    }

    #[test]
    fn content_streams_are_depth_checked() {
        assert_eq!(scan::check_content(b"BT [(a) 2 (b)] TJ ET", 1), Ok(()));
        assert_eq!(
            scan::check_content(b"BI /W 2 ID [[[[[[[ EI [[]]", 2),
            Ok(())
        );
        assert_eq!(
            scan::check_content(&b"[".repeat(500), 64),
            Err(PdfRefusal::TooDeep(64))
        );
    }

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
