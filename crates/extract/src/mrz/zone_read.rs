//! Reading the visual inspection zone: where it is (above the MRZ's band,
//! on the page's own frame) and its OCR text, which [`super::viz`] compares
//! with the MRZ.

use image::GrayImage;

use super::locate::Band;
use super::viz::compare;
use crate::image::ops::{downscale_to, sample_rotated};
use crate::ocr::{self, Layout, Threshold};

/// Where the MRZ was read, for finding the zone above it: its band and
/// whether the page was upside down.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MrzPlace {
    /// The band the MRZ was read from.
    pub band: Band,
    /// Read from the band turned half a turn.
    pub upside_down: bool,
}

/// The zone above the MRZ spans this many band lengths (a TD3 data page is
/// 125 × 88 mm with a ~114 mm MRZ; a TD1/TD2 card is flatter still).
const ZONE_HEIGHT: f32 = 0.62;
/// MRZ line height (px) the zone is scaled to: VIZ values are printed at
/// about the MRZ's size, and Tesseract reads 18–30 px capitals well.
const ZONE_LINE_PX: f32 = 22.0;

/// The zone above the band, level and scaled, upright.
pub fn zone_image(img: &GrayImage, place: &MrzPlace) -> GrayImage {
    zone_image_at(img, place, 1.0)
}

/// [`zone_image`] at `zoom` times its usual scale.
fn zone_image_at(img: &GrayImage, place: &MrzPlace, zoom: f32) -> GrayImage {
    let b = &place.band;
    let h = b.width * ZONE_HEIGHT;
    // Above the band in the page's own frame: for an upside-down page that
    // is below it in the image.
    let dir = if place.upside_down { 1.0 } else { -1.0 };
    let off = dir * (b.height / 2.0 + h / 2.0);
    let (s, c) = b.angle.sin_cos();
    let (cx, cy) = (b.cx - off * s, b.cy + off * c);
    let scale = (zoom * ZONE_LINE_PX / b.line_height.max(1.0)).clamp(0.2, 3.0);
    let z = sample_rotated(img, cx, cy, b.angle, b.width * 1.04, h, scale);
    if place.upside_down {
        crate::image::ops::rotate(&z, 2)
    } else {
        z
    }
}

/// OCR text of the zone above the MRZ turned level by its own text lines,
/// when they lean against the band by more than
/// [`crate::image::ops::MIN_LEVEL_DEG`]: photographed at an angle, the page's rows
/// converge, and the zone's lines no longer run with the MRZ's. Tesseract
/// then cut a long surname in two (`ABE CROM` / `BIE MONTGOMERy`). Read
/// with the local threshold: such a page is lit unevenly too (the global
/// one lost the shaded half, `ABERCROME`). None when the lines do not
/// lean, or without Tesseract.
pub(super) fn read_zone_levelled(img: &GrayImage, place: &MrzPlace) -> Option<String> {
    let z = zone_image(img, place);
    let deg =
        crate::address::text_skew(&z).filter(|d| d.abs() >= crate::image::ops::MIN_LEVEL_DEG)?;
    let z = crate::image::ops::level(&z, deg);
    let t = ocr::recognize_with(&z, Layout::Block, "", Threshold::Local).ok()?;
    Some(t.text())
}

/// How much larger the zone is read once more when it did not print the
/// number: at the usual scale Tesseract reads a serifed capital L leading
/// a number as 1 (`102432045` for `L02432045`), at twice as `L.02432045`.
const ZONE_ZOOM: f32 = 2.0;

/// OCR text of the zone above the MRZ at [`ZONE_ZOOM`] times its usual
/// scale; None without Tesseract.
pub(super) fn read_zone_zoomed(img: &GrayImage, place: &MrzPlace) -> Option<String> {
    let z = zone_image_at(img, place, ZONE_ZOOM);
    let t = ocr::recognize_with(&z, Layout::Block, "", Threshold::Global).ok()?;
    Some(t.text())
}

/// OCR text of the zone above the MRZ, binarised as `threshold` says;
/// None without Tesseract.
pub(super) fn read_zone_as(
    img: &GrayImage,
    place: &MrzPlace,
    layout: Layout,
    threshold: Threshold,
) -> Option<String> {
    let z = zone_image(img, place);
    let t = ocr::recognize_with(&z, layout, "", threshold).ok()?;
    Some(t.text())
}

/// The visual zone's text for a read: the zone above its band, or the whole
/// picture when its place is unknown. None without Tesseract.
///
/// Tesseract's global threshold reads most zones; a photographed page
/// under a glare spot and a cast shadow on a dark table gave it nothing
/// (`<_` for five printed fields), which a local threshold reads. The
/// local one thins strokes, though, and loses a number's leading capital
/// on clean pages (`91857077` for `L91857077`). So when the first text
/// does not print the number and dates of the read, the second is read
/// too and both are kept, each line being what one reading of the zone
/// printed.
pub fn zone_text(read_from: &GrayImage, r: &super::MrzRead) -> Option<String> {
    if !ocr::available() {
        return None;
    }
    let Some(p) = &r.place else {
        return read_page(read_from);
    };
    let global = read_zone_as(read_from, p, Layout::Block, Threshold::Global)?;
    let a = compare(&global, &r.mrz);
    // Names not printed are more often the read's slip than the zone's
    // (a template read's `ABERCROMBTE`, mended later from the zone): only
    // a zone whose number or dates were not found is read again.
    if a.checked_fields() {
        return Some(global);
    }
    if super::debug() {
        eprintln!("zone read again, local threshold: {a:?}");
    }
    match read_zone_as(read_from, p, Layout::Block, Threshold::Local) {
        Some(local) => Some(format!("{global}\n{local}")),
        None => Some(global),
    }
}

/// OCR text of a whole picture (a card's other side), at most 1600 px.
pub fn read_page(img: &GrayImage) -> Option<String> {
    let v = downscale_to(img, 1600);
    let t = ocr::recognize(&v, Layout::Sparse, "").ok()?;
    Some(t.text())
}
