//! An image's pixel size from its headers alone — PNG IHDR, JPEG SOFn, WebP
//! VP8/VP8L/VP8X — with the container walked to its end so a truncated file is
//! caught. Nothing is decoded: the upload check runs outside the reading
//! slots, where a full decode of eight 49 MP images at once would cost
//! gigabytes.

/// Why the headers could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum HeaderError {
    /// A header is missing, cut short or inconsistent.
    #[error("the image headers are corrupt or truncated")]
    Corrupt,
}

/// Width and height declared by a PNG, JPEG or WebP.
pub type Dimensions = (u32, u32);

/// PNG: IHDR must come first; every chunk must fit, up to IEND.
pub fn png(b: &[u8]) -> Result<Dimensions, HeaderError> {
    let ihdr = b.get(8..33).ok_or(HeaderError::Corrupt)?;
    if &ihdr[0..8] != b"\0\0\0\x0dIHDR" {
        return Err(HeaderError::Corrupt);
    }
    let dims = (be32(&ihdr[8..12]), be32(&ihdr[12..16]));
    let mut at = 8usize;
    loop {
        let head = b.get(at..at + 8).ok_or(HeaderError::Corrupt)?;
        let len = be32(&head[0..4]) as usize;
        let next = at
            .checked_add(12)
            .and_then(|n| n.checked_add(len))
            .filter(|&n| n <= b.len())
            .ok_or(HeaderError::Corrupt)?;
        if &head[4..8] == b"IEND" {
            return nonzero(dims);
        }
        at = next;
    }
}

/// JPEG: the markers are walked (and each scan's entropy-coded data) to the
/// end-of-image marker, taking the size from the first start-of-frame.
pub fn jpeg(b: &[u8]) -> Result<Dimensions, HeaderError> {
    let mut dims = None;
    let mut i = 2;
    while i + 1 < b.len() {
        if b[i] != 0xFF {
            return Err(HeaderError::Corrupt);
        }
        let marker = b[i + 1];
        match marker {
            0xD9 => return dims.ok_or(HeaderError::Corrupt).and_then(nonzero),
            0xFF => i += 1,
            0x01 | 0xD0..=0xD7 => i += 2,
            _ => {
                let seg = b.get(i + 2..i + 4).ok_or(HeaderError::Corrupt)?;
                let len = usize::from(u16::from_be_bytes([seg[0], seg[1]]));
                // Start of frame (not DHT C4, JPG C8, DAC CC): P, Y, X follow the length.
                let sof = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
                if sof && dims.is_none() {
                    let f = b.get(i + 4..i + 9).ok_or(HeaderError::Corrupt)?;
                    let h = u16::from_be_bytes([f[1], f[2]]);
                    let w = u16::from_be_bytes([f[3], f[4]]);
                    dims = Some((u32::from(w), u32::from(h)));
                }
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
    Err(HeaderError::Corrupt)
}

/// WebP: the RIFF length must fit the file; the size comes from the first
/// chunk (VP8X canvas, VP8L header or VP8 key frame).
pub fn webp(b: &[u8]) -> Result<Dimensions, HeaderError> {
    let riff = b.get(4..8).map(le32).ok_or(HeaderError::Corrupt)? as usize;
    if riff.checked_add(8).is_none_or(|end| end > b.len()) || riff < 4 + 8 {
        return Err(HeaderError::Corrupt);
    }
    let chunk = b.get(12..20).ok_or(HeaderError::Corrupt)?;
    let len = le32(&chunk[4..8]) as usize;
    let data = b
        .get(20..20usize.saturating_add(len))
        .ok_or(HeaderError::Corrupt)?;
    let dims = match &chunk[0..4] {
        b"VP8X" => {
            let d = data.get(4..10).ok_or(HeaderError::Corrupt)?;
            let w = u32::from_le_bytes([d[0], d[1], d[2], 0]) + 1;
            let h = u32::from_le_bytes([d[3], d[4], d[5], 0]) + 1;
            (w, h)
        }
        b"VP8L" => {
            let d = data.get(0..5).ok_or(HeaderError::Corrupt)?;
            if d[0] != 0x2F {
                return Err(HeaderError::Corrupt);
            }
            let bits = le32(&d[1..5]);
            ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
        }
        b"VP8 " => {
            let d = data.get(0..10).ok_or(HeaderError::Corrupt)?;
            if d[3..6] != [0x9D, 0x01, 0x2A] {
                return Err(HeaderError::Corrupt);
            }
            let w = u16::from_le_bytes([d[6], d[7]]) & 0x3FFF;
            let h = u16::from_le_bytes([d[8], d[9]]) & 0x3FFF;
            (u32::from(w), u32::from(h))
        }
        _ => return Err(HeaderError::Corrupt),
    };
    nonzero(dims)
}

fn nonzero((w, h): Dimensions) -> Result<Dimensions, HeaderError> {
    if w == 0 || h == 0 {
        return Err(HeaderError::Corrupt);
    }
    Ok((w, h))
}

fn be32(b: &[u8]) -> u32 {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]])
}

fn le32(b: &[u8]) -> u32 {
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn encode(w: u32, h: u32, format: image::ImageFormat) -> Vec<u8> {
        let img = image::RgbaImage::from_fn(w, h, |x, y| image::Rgba([x as u8, y as u8, 7, 255]));
        let mut out = Cursor::new(vec![]);
        match format {
            image::ImageFormat::Jpeg => image::DynamicImage::ImageRgba8(img)
                .to_rgb8()
                .write_to(&mut out, format)
                .unwrap(),
            _ => img.write_to(&mut out, format).unwrap(),
        }
        out.into_inner()
    }

    #[test]
    fn sizes_agree_with_the_decoder() {
        for (w, h) in [(1, 1), (37, 91), (640, 400)] {
            assert_eq!(png(&encode(w, h, image::ImageFormat::Png)), Ok((w, h)));
            assert_eq!(jpeg(&encode(w, h, image::ImageFormat::Jpeg)), Ok((w, h)));
            // The image crate writes lossless WebP (VP8L).
            assert_eq!(webp(&encode(w, h, image::ImageFormat::WebP)), Ok((w, h)));
        }
    }

    #[test]
    fn declared_sizes_are_read_without_decoding() {
        // A VP8X canvas of 16384 × 16384 in a few dozen bytes.
        let mut vp8x = b"RIFF\0\0\0\0WEBPVP8X\x0a\0\0\0\0\0\0\0".to_vec();
        vp8x.extend([0xFF, 0x3F, 0x00, 0xFF, 0x3F, 0x00]);
        let riff = (vp8x.len() - 8) as u32;
        vp8x[4..8].copy_from_slice(&riff.to_le_bytes());
        assert_eq!(webp(&vp8x), Ok((16384, 16384)));
        // A lossy key frame header.
        let mut vp8 = b"RIFF\0\0\0\0WEBPVP8 \x0a\0\0\0".to_vec();
        vp8.extend([0, 0, 0, 0x9D, 0x01, 0x2A, 0x10, 0x27, 0x20, 0x03]);
        let riff = (vp8.len() - 8) as u32;
        vp8[4..8].copy_from_slice(&riff.to_le_bytes());
        assert_eq!(webp(&vp8), Ok((10000, 800)));
    }

    #[test]
    fn truncated_or_inconsistent_headers_are_corrupt() {
        for format in [
            image::ImageFormat::Png,
            image::ImageFormat::Jpeg,
            image::ImageFormat::WebP,
        ] {
            let full = encode(64, 64, format);
            let read = |b: &[u8]| match format {
                image::ImageFormat::Png => png(b),
                image::ImageFormat::Jpeg => jpeg(b),
                _ => webp(b),
            };
            for cut in [0, 10, 30, full.len() / 2, full.len() - 1] {
                assert_eq!(
                    read(&full[..cut]),
                    Err(HeaderError::Corrupt),
                    "{format:?} cut at {cut}"
                );
            }
        }
        let mut zero = encode(4, 4, image::ImageFormat::Png);
        zero[16..20].copy_from_slice(&0u32.to_be_bytes());
        assert_eq!(png(&zero), Err(HeaderError::Corrupt));
    }
}
