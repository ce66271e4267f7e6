//! Image quality: resolution, sharpness (variance of the Laplacian), glare
//! (share of blown-out pixels) and how much of the frame the document fills.

use image::GrayImage;
use serde::{Deserialize, Serialize};

use super::ops::downscale_to;

/// The quality report of one image (CONTRACT §6 `quality`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quality {
    /// Width in pixels (upright).
    pub width: u32,
    /// Height in pixels (upright).
    pub height: u32,
    /// Sharpness in 0..1 (variance of the Laplacian `v` mapped as `v / (v + 100)`).
    pub sharpness: f64,
    /// Share of blown-out pixels (luma ≥ 250), 0..1.
    pub glare: f64,
    /// Share of the frame covered by the textured document region, 0..1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_fill: Option<f64>,
    /// Raw variance of the Laplacian at the analysis scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub laplacian_variance: Option<f64>,
}

/// Analysis scale: quality is measured on a copy whose longest side is this.
const ANALYSIS_SIDE: u32 = 1024;

fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

/// Measure quality on an upright grey image.
pub fn quality(img: &GrayImage) -> Quality {
    let (width, height) = img.dimensions();
    let small = downscale_to(img, ANALYSIS_SIDE);
    let var = laplacian_variance(&small);
    let total = small.as_raw().len().max(1) as f64;
    let blown = small.as_raw().iter().filter(|&&p| p >= 250).count() as f64;
    Quality {
        width,
        height,
        sharpness: round3(var / (var + 100.0)),
        glare: round3(blown / total),
        document_fill: Some(round3(document_fill(&small))),
        laplacian_variance: Some((var * 10.0).round() / 10.0),
    }
}

/// Variance of the 4-neighbour Laplacian.
pub fn laplacian_variance(img: &GrayImage) -> f64 {
    let (w, h) = img.dimensions();
    if w < 3 || h < 3 {
        return 0.0;
    }
    let p = img.as_raw();
    let (w, h) = (w as usize, h as usize);
    let (mut sum, mut sum2, mut n) = (0f64, 0f64, 0f64);
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            let c = i32::from(p[y * w + x]);
            let l = i32::from(p[y * w + x - 1])
                + i32::from(p[y * w + x + 1])
                + i32::from(p[(y - 1) * w + x])
                + i32::from(p[(y + 1) * w + x])
                - 4 * c;
            let l = f64::from(l);
            sum += l;
            sum2 += l * l;
            n += 1.0;
        }
    }
    let mean = sum / n;
    (sum2 / n - mean * mean).max(0.0)
}

/// Fraction of the frame inside the bounding box of rows and columns with
/// above-average edge energy: a cheap estimate of how much the document fills.
fn document_fill(img: &GrayImage) -> f64 {
    let (w, h) = img.dimensions();
    if w < 3 || h < 3 {
        return 0.0;
    }
    let p = img.as_raw();
    let (wu, hu) = (w as usize, h as usize);
    let mut rows = vec![0u64; hu];
    let mut cols = vec![0u64; wu];
    for y in 0..hu - 1 {
        for x in 0..wu - 1 {
            let c = i32::from(p[y * wu + x]);
            let g = (c - i32::from(p[y * wu + x + 1])).unsigned_abs()
                + (c - i32::from(p[(y + 1) * wu + x])).unsigned_abs();
            if g > 24 {
                rows[y] += 1;
                cols[x] += 1;
            }
        }
    }
    let span = |v: &[u64]| -> f64 {
        let mean = v.iter().sum::<u64>() as f64 / v.len() as f64;
        let thr = (mean * 0.25).max(1.0);
        let first = v.iter().position(|&c| c as f64 >= thr);
        let last = v.iter().rposition(|&c| c as f64 >= thr);
        match (first, last) {
            (Some(a), Some(b)) if b >= a => (b - a + 1) as f64 / v.len() as f64,
            _ => 0.0,
        }
    };
    span(&rows) * span(&cols)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    #[test]
    fn flat_image_is_blurry_and_sharp_pattern_is_sharp() {
        let flat = GrayImage::from_pixel(100, 100, Luma([128]));
        let q = quality(&flat);
        assert_eq!(q.sharpness, 0.0);
        assert_eq!(q.glare, 0.0);
        let checker = GrayImage::from_fn(100, 100, |x, y| {
            Luma([if (x / 2 + y / 2) % 2 == 0 { 0 } else { 255 }])
        });
        let q = quality(&checker);
        assert!(q.sharpness > 0.9, "{q:?}");
        assert!(q.glare > 0.4 && q.glare < 0.6, "{q:?}");
        assert!(q.document_fill.unwrap_or(0.0) > 0.9);
    }
}
