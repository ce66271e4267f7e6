//! PNG straight to grey levels, one row at a time. Through `image` a 50 MP
//! RGBA PNG is first a 200 MB RGBA frame and then a 50 MB grey copy; here
//! only the grey image and one row are ever held, so a reader process's
//! peak stays near the size of what it actually reads. Each row goes through
//! `image`'s own grey conversion, so both paths read the same pixels.

use std::io::Cursor;

use image::metadata::Orientation;
use image::{DynamicImage, GrayImage};

use super::decode::{too_large, DecodedImage, MAX_PIXELS};
use crate::error::ExtractError;
use crate::kind::FileKind;

/// `Ok(None)` for what this path leaves to `image`: interlaced and 16-bit
/// files, whose rows or levels `image` produces differently.
pub(super) fn decode(bytes: &[u8]) -> Result<Option<DecodedImage>, ExtractError> {
    let mut decoder = png::Decoder::new(Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().map_err(png_error)?;
    let info = reader.info();
    let (w, h) = (info.width, info.height);
    if w == 0 || h == 0 {
        return Err(ExtractError::Decode("zero-sized image".into()));
    }
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(too_large(w, h));
    }
    if info.interlaced {
        return Ok(None);
    }
    let orientation = info
        .exif_metadata
        .as_deref()
        .and_then(Orientation::from_exif_chunk)
        .unwrap_or(Orientation::NoTransforms);
    let (color, depth) = reader.output_color_type();
    if depth != png::BitDepth::Eight {
        return Ok(None);
    }
    let mut gray = Vec::with_capacity(w as usize * h as usize);
    while let Some(row) = reader.next_row().map_err(png_error)? {
        let data = row.data();
        if color == png::ColorType::Grayscale {
            gray.extend_from_slice(data);
        } else {
            gray.extend_from_slice(&row_to_luma(color, w, data)?);
        }
    }
    let gray = GrayImage::from_raw(w, h, gray)
        .ok_or_else(|| ExtractError::Decode("truncated PNG (rows missing)".into()))?;
    let rotated_by_exif = orientation != Orientation::NoTransforms;
    let gray = if rotated_by_exif {
        let mut img = DynamicImage::ImageLuma8(gray);
        img.apply_orientation(orientation);
        img.into_luma8()
    } else {
        gray
    };
    Ok(Some(DecodedImage {
        kind: FileKind::Png,
        gray,
        rotated_by_exif,
    }))
}

/// One row through `image`'s own conversion, so the levels are exactly those
/// of the whole-image path (its colour-space-aware `to_luma8`).
fn row_to_luma(color: png::ColorType, w: u32, data: &[u8]) -> Result<Vec<u8>, ExtractError> {
    let row = data.to_vec();
    let img = match color {
        png::ColorType::Rgb => image::RgbImage::from_raw(w, 1, row).map(DynamicImage::ImageRgb8),
        png::ColorType::Rgba => image::RgbaImage::from_raw(w, 1, row).map(DynamicImage::ImageRgba8),
        png::ColorType::GrayscaleAlpha => {
            image::GrayAlphaImage::from_raw(w, 1, row).map(DynamicImage::ImageLumaA8)
        }
        // EXPAND turns palettes into RGB(A); grey rows never come here.
        _ => None,
    };
    img.map(|i| i.into_luma8().into_raw())
        .ok_or_else(|| ExtractError::Decode("PNG row of an unexpected size".into()))
}

fn png_error(e: png::DecodingError) -> ExtractError {
    match e {
        png::DecodingError::LimitsExceeded => {
            ExtractError::Decode("PNG over the decoder's limits".into())
        }
        other => ExtractError::Decode(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageFormat, Rgb, RgbImage, RgbaImage};

    fn encode(img: DynamicImage) -> Vec<u8> {
        let mut out = Vec::new();
        img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    fn through_image(bytes: &[u8]) -> GrayImage {
        image::load_from_memory_with_format(bytes, ImageFormat::Png)
            .unwrap()
            .into_luma8()
    }

    fn scene(w: u32, h: u32) -> RgbImage {
        RgbImage::from_fn(w, h, |x, y| {
            Rgb([(x * 7 + y) as u8, ((y * 13) ^ x) as u8, (x * y % 251) as u8])
        })
    }

    #[test]
    fn same_grey_levels_as_image_for_every_8_bit_colour_type() {
        let rgb = scene(37, 23);
        let rgba = RgbaImage::from_fn(37, 23, |x, y| {
            let p = rgb.get_pixel(x, y);
            image::Rgba([p[0], p[1], p[2], (x * 11) as u8])
        });
        let cases = [
            DynamicImage::ImageRgb8(rgb.clone()),
            DynamicImage::ImageRgba8(rgba),
            DynamicImage::ImageLuma8(DynamicImage::ImageRgb8(rgb.clone()).into_luma8()),
            DynamicImage::ImageLumaA8(DynamicImage::ImageRgb8(rgb).into_luma_alpha8()),
        ];
        for img in cases {
            let bytes = encode(img);
            let ours = decode(&bytes).unwrap().expect("8-bit, not interlaced");
            assert_eq!(ours.gray, through_image(&bytes));
            assert!(!ours.rotated_by_exif);
        }
    }

    #[test]
    fn sixteen_bit_files_are_left_to_image() {
        let img = DynamicImage::ImageRgb16(DynamicImage::ImageRgb8(scene(8, 8)).into_rgb16());
        assert!(decode(&encode(img)).unwrap().is_none());
    }

    #[test]
    fn a_file_cut_short_is_an_error() {
        let bytes = encode(DynamicImage::ImageRgb8(scene(64, 64)));
        assert!(decode(&bytes[..bytes.len() / 2]).is_err());
    }
}
