//! Reading the MRZ from a photo: locate the band, deskew and crop it, OCR it
//! restricted to `A–Z 0–9 <`, repair with the check digits.

use image::GrayImage;

use super::locate::{locate, Band};
use super::{repair, Mrz};
use crate::image::ops::{crop, otsu, rotate, sample_rotated};
use crate::ocr::{self, Layout, OcrError};

/// An MRZ read from an image.
#[derive(Debug, Clone)]
pub struct MrzRead {
    /// The parsed (repaired) MRZ.
    pub mrz: Mrz,
    /// Mean OCR confidence of its lines, 0..1.
    pub ocr_confidence: f32,
}

const CHARSET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";
/// Character height (pixels) the crop is scaled to before OCR.
const TARGET_CHAR_PX: f32 = 30.0;

fn binarize(img: &GrayImage) -> GrayImage {
    let t = otsu(img);
    GrayImage::from_fn(img.width(), img.height(), |x, y| {
        image::Luma([if img.get_pixel(x, y)[0] > t { 255 } else { 0 }])
    })
}

fn ocr_lines(img: &GrayImage) -> Result<(Vec<String>, f32), OcrError> {
    let t = ocr::recognize(img, Layout::Block, CHARSET)?;
    let conf = t.mean_confidence();
    Ok((
        t.lines
            .into_iter()
            .map(|l| l.text.replace(' ', ""))
            .collect(),
        conf,
    ))
}

/// Pick the 2 or 3 consecutive lines that repair into the best MRZ.
fn best_from_lines(lines: &[String]) -> Option<Mrz> {
    let lines: Vec<&str> = lines
        .iter()
        .map(String::as_str)
        .filter(|l| l.len() >= 20)
        .collect();
    let mut best: Option<Mrz> = None;
    for n in [3usize, 2] {
        for win in lines.windows(n) {
            if let Some(m) = repair(win) {
                let better = match &best {
                    None => true,
                    Some(b) => m.checks_valid() && !b.checks_valid(),
                };
                if better {
                    best = Some(m);
                }
            }
        }
    }
    best
}

fn read_crop(crop_img: &GrayImage) -> Result<Option<MrzRead>, OcrError> {
    let mut best: Option<MrzRead> = None;
    for variant in 0..2 {
        let img = if variant == 0 {
            crop_img.clone()
        } else {
            binarize(crop_img)
        };
        let (lines, conf) = ocr_lines(&img)?;
        if let Some(mrz) = best_from_lines(&lines) {
            let valid = mrz.checks_valid();
            if best.as_ref().is_none_or(|b| valid && !b.mrz.checks_valid()) {
                best = Some(MrzRead {
                    mrz,
                    ocr_confidence: conf,
                });
            }
            if valid {
                break;
            }
        }
    }
    Ok(best)
}

fn band_crop(img: &GrayImage, b: &Band) -> GrayImage {
    let scale = (TARGET_CHAR_PX / b.line_height.max(1.0)).clamp(0.2, 4.0);
    sample_rotated(img, b.cx, b.cy, b.angle, b.width, b.height, scale)
}

/// Locate and read the MRZ in an upright grey image. `Err(Unavailable)` when
/// OCR is not installed; `Ok(None)` when no MRZ could be read.
pub fn read_mrz(img: &GrayImage) -> Result<Option<MrzRead>, OcrError> {
    if !ocr::available() {
        return Err(OcrError::Unavailable);
    }
    let mut best: Option<MrzRead> = None;
    let consider = |r: Option<MrzRead>, best: &mut Option<MrzRead>| -> bool {
        if let Some(r) = r {
            let valid = r.mrz.checks_valid();
            if best.as_ref().is_none_or(|b| valid && !b.mrz.checks_valid()) {
                *best = Some(r);
            }
            return valid;
        }
        false
    };
    for turn in [0u32, 2] {
        let view = if turn == 0 {
            img.clone()
        } else {
            rotate(img, turn)
        };
        for band in locate(&view).iter().take(3) {
            let c = band_crop(&view, band);
            if consider(read_crop(&c)?, &mut best) {
                return Ok(best);
            }
            // Upside-down band: the lines read backwards; try it turned.
            if band.angle.abs() < 0.3 && consider(read_crop(&rotate(&c, 2))?, &mut best) {
                return Ok(best);
            }
        }
        if best.is_some() {
            break;
        }
    }
    if best.is_none() {
        // Fallback: the bottom 40 % of the frame, scaled down.
        let (w, h) = img.dimensions();
        let bottom = crop(img, 0, h * 6 / 10, w, h * 4 / 10);
        let small = crate::image::ops::downscale_to(&bottom, 1800);
        consider(read_crop(&small)?, &mut best);
    }
    Ok(best)
}
