//! Checks on an uploaded file before it is stored: the type is sniffed from the
//! bytes (never the name or header); an image's size is read from its headers
//! and its container walked to the end, a PDF is pre-scanned for the bounds
//! the reader enforces. Nothing is decoded here: pixels are decoded only by
//! the readers, inside the reading slots.

pub mod headers;

pub const MAX_FILE_BYTES: usize = 15 * 1024 * 1024;
pub const MAX_PIXELS: u64 = 50_000_000;

use colleckt_extract::pdf::PdfRefusal;
/// What the bytes are: the readers' own sniffing, so an upload is accepted
/// exactly when the pipeline will know what it holds.
pub use colleckt_extract::{sniff, FileKind};

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum UploadError {
    #[error("is empty")]
    Empty,
    #[error("is larger than 15 MiB")]
    TooLarge,
    #[error("must be a JPEG, PNG or WebP image{0}")]
    UnsupportedType(&'static str),
    #[error("is {0}×{1} pixels; the limit is 50 megapixels")]
    TooManyPixels(u32, u32),
    #[error("could not be read: the image is corrupt or truncated")]
    Unreadable,
    #[error("is not a readable PDF")]
    BadPdf,
    #[error("is refused: it {0}")]
    PdfRefused(PdfRefusal),
}

/// Validates one file. The PDF pre-scan may decode up to its caps, so call
/// it off the runtime, and for a PDF inside a reading slot.
pub fn check(bytes: &[u8], pdf_allowed: bool) -> Result<FileKind, UploadError> {
    if bytes.is_empty() {
        return Err(UploadError::Empty);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(UploadError::TooLarge);
    }
    let hint = if pdf_allowed { ", or a PDF" } else { "" };
    let kind = sniff(bytes).ok_or(UploadError::UnsupportedType(hint))?;
    let dims = match kind {
        FileKind::Pdf => return check_pdf(bytes, pdf_allowed, hint),
        FileKind::Png => headers::png(bytes),
        FileKind::Jpeg => headers::jpeg(bytes),
        FileKind::Webp => headers::webp(bytes),
    };
    let (w, h) = dims.map_err(|_| UploadError::Unreadable)?;
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(UploadError::TooManyPixels(w, h));
    }
    Ok(kind)
}

fn check_pdf(bytes: &[u8], allowed: bool, hint: &'static str) -> Result<FileKind, UploadError> {
    if !allowed {
        return Err(UploadError::UnsupportedType(hint));
    }
    // A PDF ends with an %%EOF marker near its end; a truncated one does not.
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    if !tail.windows(5).any(|w| w == b"%%EOF") {
        return Err(UploadError::BadPdf);
    }
    colleckt_extract::pdf::scan(bytes).map_err(UploadError::PdfRefused)?;
    Ok(FileKind::Pdf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_pixel(w, h, image::Rgb([200, 10, 10]));
        let mut out = Cursor::new(vec![]);
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn sniffs_from_bytes_not_names() {
        assert_eq!(check(&png(4, 4), false), Ok(FileKind::Png));
        assert_eq!(check(b"", false), Err(UploadError::Empty));
        assert!(matches!(
            check(b"GIF89a....", false),
            Err(UploadError::UnsupportedType(_))
        ));
        assert!(matches!(
            check(b"%PDF-1.7\n%%EOF", false),
            Err(UploadError::UnsupportedType(_))
        ));
        assert_eq!(check(b"%PDF-1.7\n...\n%%EOF\n", true), Ok(FileKind::Pdf));
        assert_eq!(check(b"%PDF-1.7\n...trunc", true), Err(UploadError::BadPdf));
    }

    #[test]
    fn truncated_jpegs_are_refused() {
        let img =
            image::RgbImage::from_fn(64, 64, |x, y| image::Rgb([x as u8 * 4, y as u8 * 4, 9]));
        let mut out = Cursor::new(vec![]);
        img.write_to(&mut out, image::ImageFormat::Jpeg).unwrap();
        let full = out.into_inner();
        assert_eq!(check(&full, false), Ok(FileKind::Jpeg));
        for cut in [full.len() - 2, full.len() / 2, 100] {
            assert_eq!(
                check(&full[..cut], false),
                Err(UploadError::Unreadable),
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn truncated_and_bomb_images_are_refused() {
        let full = png(64, 64);
        assert_eq!(
            check(&full[..full.len() / 2], false),
            Err(UploadError::Unreadable)
        );
        // A PNG header claiming 60000×60000 pixels: refused before any allocation.
        let mut bomb = png(1, 1);
        bomb[16..20].copy_from_slice(&60000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&60000u32.to_be_bytes());
        assert_eq!(
            check(&bomb, false),
            Err(UploadError::TooManyPixels(60000, 60000))
        );
        // The 49 MP image passes the door (the readers decode it in a slot).
        let mut big = png(1, 1);
        big[16..20].copy_from_slice(&7000u32.to_be_bytes());
        big[20..24].copy_from_slice(&7000u32.to_be_bytes());
        assert_eq!(check(&big, false), Ok(FileKind::Png));
    }
}

#[cfg(test)]
mod pdf_tests {
    use super::*;

    #[test]
    fn a_deeply_nested_pdf_is_refused_with_the_reason() {
        let mut pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog /K ".to_vec();
        pdf.extend("[".repeat(50_000).bytes());
        pdf.extend("]".repeat(50_000).bytes());
        pdf.extend(b" >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        let err = check(&pdf, true).unwrap_err();
        assert_eq!(err, UploadError::PdfRefused(PdfRefusal::TooDeep(64)));
        assert_eq!(
            err.to_string(),
            "is refused: it nests arrays or dictionaries more than 64 levels deep"
        );
    }
}
