//! PDF intake: the text layer of each page (lopdf), and the JPEG images of
//! image-only pages for OCR. Bounded: at most [`MAX_PAGES`] pages are read.

use std::panic::{catch_unwind, AssertUnwindSafe};

use lopdf::{Document, Object};

use crate::error::ExtractError;

/// Pages read at most.
pub const MAX_PAGES: usize = 10;
/// Embedded images taken at most (for OCR of scanned pages).
const MAX_IMAGES: usize = 3;
/// Bytes all of a PDF's compressed streams may inflate to, together. lopdf
/// inflates without a bound, so a few kilobytes of zeros could claim
/// gigabytes; [`check_inflation`] refuses such a file before lopdf sees it.
pub const MAX_INFLATED_BYTES: u64 = 64 * 1024 * 1024;

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
    check_inflation(bytes, MAX_INFLATED_BYTES)?;
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

/// Inflates every zlib stream of the raw file, counting and discarding the
/// output, and fails once the total passes `budget`. Scanning the bytes rather
/// than lopdf's objects also covers object streams, which lopdf inflates
/// while loading. A stream that is not zlib costs one failed header check.
pub fn check_inflation(bytes: &[u8], budget: u64) -> Result<(), ExtractError> {
    use std::io::Read;
    let mut total = 0u64;
    let mut buf = vec![0u8; 64 * 1024];
    let mut at = 0;
    while let Some(found) = find(&bytes[at..], b"stream") {
        let mut start = at + found + b"stream".len();
        at = start;
        // `endstream` also contains `stream`; only a keyword followed by EOL opens one.
        if bytes[..start - b"stream".len()].ends_with(b"end") {
            continue;
        }
        match bytes.get(start..start + 2) {
            Some([b'\r', b'\n']) => start += 2,
            Some([b'\n', _]) | Some([b'\r', _]) => start += 1,
            _ => continue,
        }
        let end = find(&bytes[start..], b"endstream").map_or(bytes.len(), |e| start + e);
        let mut z = flate2::read::ZlibDecoder::new(&bytes[start..end]);
        loop {
            match z.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    total += n as u64;
                    if total > budget {
                        return Err(ExtractError::Pdf(format!(
                            "its compressed streams inflate to more than {} MB",
                            budget / (1024 * 1024)
                        )));
                    }
                }
            }
        }
        at = end;
    }
    Ok(())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
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
            err.to_string().contains("inflate to more than 64 MB"),
            "{err}"
        );
        // A modest stream is read as usual.
        assert!(check_inflation(&pdf_with_zeros(1024 * 1024), MAX_INFLATED_BYTES).is_ok());
        assert!(check_inflation(&pdf_with_zeros(1024 * 1024), 1000).is_err());
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
