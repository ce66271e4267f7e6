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
    /// Confidence of the reading engine, 0..1 (template margin, or
    /// Tesseract's mean line confidence).
    pub ocr_confidence: f32,
    /// Which engine read it: "ocrb-template" or "tesseract".
    pub engine: &'static str,
}

impl MrzRead {
    /// Whether the read is decisive: every check digit holds and the engine
    /// was sure of its characters (check digits alone can be fooled by two
    /// misreads that cancel out).
    pub fn is_confident(&self) -> bool {
        let min = if self.engine == "tesseract" { 0.6 } else { 0.3 };
        self.mrz.checks_valid() && self.ocr_confidence >= min
    }
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
                    engine: "tesseract",
                });
            }
            if valid {
                break;
            }
        }
    }
    Ok(best)
}

/// Template reading of a band crop: TD1 (3 x 30), else TD3 (44) or TD2 (36).
fn read_templates(c: &GrayImage, lines: usize) -> Option<MrzRead> {
    let widths: &[usize] = if lines >= 3 { &[30] } else { &[44, 36] };
    let mut best: Option<MrzRead> = None;
    for &n in widths {
        let Some((text, conf)) = super::read_band(c, lines.min(3), n) else {
            continue;
        };
        let refs: Vec<&str> = text.iter().map(String::as_str).collect();
        if let Some(mrz) = repair(&refs) {
            let valid = mrz.checks_valid();
            if best.as_ref().is_none_or(|b| valid && !b.mrz.checks_valid()) {
                best = Some(MrzRead {
                    mrz,
                    ocr_confidence: conf,
                    engine: "ocrb-template",
                });
            }
            if valid {
                break;
            }
        }
    }
    best
}

fn band_crop(img: &GrayImage, b: &Band) -> GrayImage {
    let scale = (TARGET_CHAR_PX / b.line_height.max(1.0)).clamp(0.2, 4.0);
    sample_rotated(img, b.cx, b.cy, b.angle, b.width, b.height, scale)
}

/// Keep the better of two reads (a valid one beats an invalid one).
fn consider(r: Option<MrzRead>, best: &mut Option<MrzRead>) -> bool {
    let Some(r) = r else { return false };
    let sure = r.is_confident();
    let valid = r.mrz.checks_valid();
    let better = match best.as_ref() {
        None => true,
        Some(b) => {
            (sure && !b.is_confident()) || (valid && !b.mrz.checks_valid() && !b.is_confident())
        }
    };
    if better {
        *best = Some(r);
    }
    sure
}

/// Locate and read the MRZ in an upright grey image: OCR-B template matching
/// first (no Tesseract needed), then Tesseract on the same bands, then
/// Tesseract on the bottom of the frame. `None` when no MRZ could be read.
pub fn read_mrz(img: &GrayImage) -> Option<MrzRead> {
    let mut best: Option<MrzRead> = None;
    let bands = locate(img);
    let crops: Vec<(GrayImage, usize)> = bands
        .iter()
        .take(3)
        .map(|b| (band_crop(img, b), b.lines))
        .collect();
    for (c, lines) in &crops {
        if consider(read_templates(c, *lines), &mut best)
            || consider(read_templates(&rotate(c, 2), *lines), &mut best)
        {
            return best;
        }
    }
    if !ocr::available() {
        return best;
    }
    for (c, _) in &crops {
        if consider(read_crop(c).ok().flatten(), &mut best)
            || consider(read_crop(&rotate(c, 2)).ok().flatten(), &mut best)
        {
            return best;
        }
    }
    if best.is_none() {
        // Fallback: the bottom 40 % of the frame, scaled down.
        let (w, h) = img.dimensions();
        let bottom = crop(img, 0, h * 6 / 10, w, h * 4 / 10);
        let small = crate::image::ops::downscale_to(&bottom, 1800);
        consider(read_crop(&small).ok().flatten(), &mut best);
    }
    best
}
