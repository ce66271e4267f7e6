//! Decode JPEG / PNG / WebP once, within pixel and allocation limits, upright.

use std::io::Cursor;

use image::{DynamicImage, GrayImage, ImageDecoder, ImageFormat, ImageReader, Limits};

use crate::error::ExtractError;
use crate::image::png_luma;
use crate::kind::{sniff, FileKind};

/// The largest image accepted, in pixels (50 megapixels).
pub const MAX_PIXELS: u64 = 50_000_000;
/// The most memory the decoder may allocate.
pub const MAX_ALLOC_BYTES: u64 = 512 * 1024 * 1024;
/// The largest side accepted.
const MAX_SIDE: u32 = 30_000;

/// A decoded, upright image in grey levels: what every reader works on.
#[derive(Debug, Clone)]
pub struct DecodedImage {
    /// Container format.
    pub kind: FileKind,
    /// The upright grey image (EXIF orientation applied).
    pub gray: GrayImage,
    /// Whether an EXIF orientation other than "normal" was applied.
    pub rotated_by_exif: bool,
}

impl DecodedImage {
    /// Width after orientation.
    pub fn width(&self) -> u32 {
        self.gray.width()
    }
    /// Height after orientation.
    pub fn height(&self) -> u32 {
        self.gray.height()
    }
}

fn limits() -> Limits {
    let mut l = Limits::default();
    l.max_image_width = Some(MAX_SIDE);
    l.max_image_height = Some(MAX_SIDE);
    l.max_alloc = Some(MAX_ALLOC_BYTES);
    l
}

/// Decode image bytes. PDF and unknown types are refused with a typed error;
/// images over [`MAX_PIXELS`] are refused before any pixel is decoded.
pub fn decode(bytes: &[u8]) -> Result<DecodedImage, ExtractError> {
    if bytes.is_empty() {
        return Err(ExtractError::Empty);
    }
    let kind = sniff(bytes).ok_or(ExtractError::UnsupportedType)?;
    let format = match kind {
        FileKind::Jpeg => return decode_jpeg_luma(bytes),
        FileKind::Png => match png_luma::decode(bytes)? {
            Some(d) => return Ok(d),
            None => ImageFormat::Png,
        },
        FileKind::Webp => ImageFormat::WebP,
        FileKind::Pdf => return Err(ExtractError::UnsupportedType),
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits());
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| map_image_error(e, 0, 0))?;
    let (w, h) = decoder.dimensions();
    if w == 0 || h == 0 {
        return Err(ExtractError::Decode("zero-sized image".into()));
    }
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(too_large(w, h));
    }
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| map_image_error(e, w, h))?;
    let rotated_by_exif = orientation != image::metadata::Orientation::NoTransforms;
    if rotated_by_exif {
        img.apply_orientation(orientation);
    }
    let gray = match img {
        DynamicImage::ImageLuma8(g) => g,
        other => other.into_luma8(),
    };
    Ok(DecodedImage {
        kind,
        gray,
        rotated_by_exif,
    })
}

/// JPEG straight to grey levels with zune-jpeg (no colour conversion: about
/// twice as fast as decoding RGB and converting), same limits, EXIF orientation.
fn decode_jpeg_luma(bytes: &[u8]) -> Result<DecodedImage, ExtractError> {
    use zune_core::colorspace::ColorSpace;
    use zune_core::options::DecoderOptions;
    use zune_jpeg::JpegDecoder;

    // A JPEG cut short has no end-of-image marker (FF D9 never occurs inside
    // entropy-coded data); allow some trailing padding after it.
    let tail = &bytes[bytes.len().saturating_sub(4096)..];
    if !tail.windows(2).any(|w| w == [0xFF, 0xD9]) {
        return Err(ExtractError::Decode(
            "truncated JPEG (no end-of-image marker)".into(),
        ));
    }
    let opts = DecoderOptions::default()
        .set_max_width(MAX_SIDE as usize)
        .set_max_height(MAX_SIDE as usize)
        .jpeg_set_out_colorspace(ColorSpace::Luma);
    let mut d = JpegDecoder::new_with_options(bytes, opts);
    d.decode_headers()
        .map_err(|e| ExtractError::Decode(format!("{e:?}")))?;
    let (w, h) = d
        .dimensions()
        .map(|(w, h)| (w as u32, h as u32))
        .ok_or_else(|| ExtractError::Decode("no JPEG dimensions".into()))?;
    if w == 0 || h == 0 {
        return Err(ExtractError::Decode("zero-sized image".into()));
    }
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(too_large(w, h));
    }
    let orientation = d
        .exif()
        .and_then(|e| image::metadata::Orientation::from_exif_chunk(e))
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let pixels = d
        .decode()
        .map_err(|e| ExtractError::Decode(format!("{e:?}")))?;
    let gray = GrayImage::from_raw(w, h, pixels)
        .ok_or_else(|| ExtractError::Decode("JPEG size mismatch".into()))?;
    let rotated_by_exif = orientation != image::metadata::Orientation::NoTransforms;
    let gray = if rotated_by_exif {
        let mut img = DynamicImage::ImageLuma8(gray);
        img.apply_orientation(orientation);
        img.into_luma8()
    } else {
        gray
    };
    Ok(DecodedImage {
        kind: FileKind::Jpeg,
        gray,
        rotated_by_exif,
    })
}

pub(super) fn too_large(width: u32, height: u32) -> ExtractError {
    ExtractError::TooLarge {
        width,
        height,
        max_megapixels: (MAX_PIXELS / 1_000_000) as u32,
    }
}

fn map_image_error(e: image::ImageError, w: u32, h: u32) -> ExtractError {
    match e {
        image::ImageError::Limits(_) => too_large(w, h),
        other => ExtractError::Decode(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = GrayImage::from_fn(w, h, |x, y| image::Luma([((x * 7 + y * 3) % 256) as u8]));
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .expect("encode");
        out
    }

    #[test]
    fn decodes_png() {
        let d = decode(&png(40, 30)).expect("decode");
        assert_eq!((d.width(), d.height()), (40, 30));
        assert_eq!(d.kind, FileKind::Png);
    }

    #[test]
    fn typed_errors() {
        assert!(matches!(decode(b""), Err(ExtractError::Empty)));
        assert!(matches!(
            decode(b"hello"),
            Err(ExtractError::UnsupportedType)
        ));
        assert!(matches!(
            decode(b"%PDF-1.4"),
            Err(ExtractError::UnsupportedType)
        ));
        let mut p = png(40, 30);
        p.truncate(p.len() / 2);
        assert!(matches!(decode(&p), Err(ExtractError::Decode(_))));
        assert!(matches!(
            decode(b"\xFF\xD8\xFF\xE0"),
            Err(ExtractError::Decode(_))
        ));
    }

    #[test]
    fn truncated_jpeg_is_an_error() {
        let mut j = Vec::new();
        GrayImage::from_fn(64, 48, |x, y| image::Luma([(x * y % 256) as u8]))
            .write_to(&mut Cursor::new(&mut j), ImageFormat::Jpeg)
            .expect("jpeg");
        assert!(decode(&j).is_ok());
        assert!(matches!(
            decode(&j[..j.len() - 40]),
            Err(ExtractError::Decode(_))
        ));
    }

    #[test]
    fn refuses_decompression_bomb_from_header() {
        // A PNG whose header claims 20000 x 20000 (400 MP): refused before decoding.
        let mut p = png(1, 1);
        // IHDR width/height live at bytes 16..24.
        p[16..20].copy_from_slice(&20_000u32.to_be_bytes());
        p[20..24].copy_from_slice(&20_000u32.to_be_bytes());
        // Fix the IHDR CRC so the decoder trusts the header.
        let crc = crc32(&p[12..29]);
        p[29..33].copy_from_slice(&crc.to_be_bytes());
        let e = decode(&p).expect_err("must refuse");
        assert!(
            matches!(e, ExtractError::TooLarge { .. } | ExtractError::Decode(_)),
            "{e:?}"
        );
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                let mask = (!(crc & 1)).wrapping_add(1);
                crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
            }
        }
        !crc
    }
}
