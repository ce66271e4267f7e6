//! Checks on an uploaded file before it is stored: the type is sniffed from the
//! bytes (never the name or header), and images are decoded within limits so a
//! corrupt file or a decompression bomb is refused at the door.

use std::io::Cursor;

pub const MAX_FILE_BYTES: usize = 15 * 1024 * 1024;
pub const MAX_PIXELS: u64 = 50_000_000;

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
}

/// Validates one file; CPU-bound (a full decode), so call it off the runtime.
pub fn check(bytes: &[u8], pdf_allowed: bool) -> Result<FileKind, UploadError> {
    if bytes.is_empty() {
        return Err(UploadError::Empty);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(UploadError::TooLarge);
    }
    let hint = if pdf_allowed { ", or a PDF" } else { "" };
    let kind = sniff(bytes).ok_or(UploadError::UnsupportedType(hint))?;
    if kind == FileKind::Pdf {
        if !pdf_allowed {
            return Err(UploadError::UnsupportedType(hint));
        }
        // A PDF ends with an %%EOF marker near its end; a truncated one does not.
        let tail = &bytes[bytes.len().saturating_sub(2048)..];
        if !tail.windows(5).any(|w| w == b"%%EOF") {
            return Err(UploadError::BadPdf);
        }
        return Ok(kind);
    }
    // JPEG decoders fill a truncated image with grey instead of failing.
    if kind == FileKind::Jpeg && !jpeg_complete(bytes) {
        return Err(UploadError::Unreadable);
    }
    let format = match kind {
        FileKind::Jpeg => image::ImageFormat::Jpeg,
        FileKind::Png => image::ImageFormat::Png,
        _ => image::ImageFormat::WebP,
    };
    let reader = image::ImageReader::with_format(Cursor::new(bytes), format);
    let (w, h) = reader
        .into_dimensions()
        .map_err(|_| UploadError::Unreadable)?;
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(UploadError::TooManyPixels(w, h));
    }
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(20_000);
    limits.max_image_height = Some(20_000);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    reader.decode().map_err(|_| UploadError::Unreadable)?;
    Ok(kind)
}

/// Walks the JPEG's markers (and the entropy-coded data after each SOS) to its
/// end-of-image marker: a file cut short never reaches it.
fn jpeg_complete(b: &[u8]) -> bool {
    let mut i = 2;
    while i + 1 < b.len() {
        if b[i] != 0xFF {
            return false;
        }
        let marker = b[i + 1];
        match marker {
            0xD9 => return true,
            0xFF => i += 1,
            0x01 | 0xD0..=0xD7 => i += 2,
            _ => {
                let Some(len) = b.get(i + 2..i + 4) else {
                    return false;
                };
                let len = usize::from(u16::from_be_bytes([len[0], len[1]]));
                i += 2 + len;
                if marker == 0xDA {
                    while i + 1 < b.len() {
                        if b[i] == 0xFF && b[i + 1] != 0 && !(0xD0..=0xD7).contains(&b[i + 1]) {
                            break;
                        }
                        i += 1;
                    }
                }
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(matches!(
            check(&bomb, false),
            Err(UploadError::TooManyPixels(60000, 60000)) | Err(UploadError::Unreadable)
        ));
    }
}
