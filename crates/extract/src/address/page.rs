//! The text of a photographed page, straightened, for OCR. A phone photo
//! shows the page tilted by a few degrees, small in a 12 MP frame, on a
//! darker background: read whole and downscaled, its 24 px body text became
//! 12 px, blurred and tilted, and Tesseract lost most lines. Here the page is
//! found as the largest bright region of a small view, its dark text marks
//! give the skew (the angle at which their projection across the lines is
//! sharpest, i.e. the lines are level), and the text block alone is
//! resampled upright from the full-resolution frame.

use image::GrayImage;

use crate::image::filter::sharpen;
use crate::image::ops::{dark_mask, downscale_to, otsu, sample_rotated};

/// Longest side of the view the page and its skew are measured on.
const WORK_SIDE: u32 = 1000;
/// Skews searched, in tenths of a degree either side of level: photos of a
/// page held by hand stay within this.
const MAX_SKEW_TENTHS: i32 = 120;
/// Longest side of the crop handed to Tesseract (its time grows with the
/// pixels; text stays ≥ 20 px high on a page photographed at 12 MP).
const MAX_OUT_SIDE: f32 = 2400.0;
/// How much [`text_block_enlarged`] enlarges the block, and the longest
/// side it enlarges it to: Tesseract's time grows with the pixels (a
/// photographed screen's block, moiré and all, read at 2400 px took
/// seconds), and a block already this large has text high enough.
const ENLARGE: f32 = 2.0;
const ENLARGED_SIDE: f32 = 1600.0;

/// The page's text block, levelled: the crop and the skew it was read at
/// (degrees, clockwise). `None` when no text block was found (the caller
/// then reads the whole frame).
pub fn text_block(img: &GrayImage) -> Option<(GrayImage, f32)> {
    block_at(img, 1.0, MAX_OUT_SIDE)
}

/// The text block as [`text_block`], enlarged up to twice, to at most
/// [`ENLARGED_SIDE`]: a page small in the frame, blurred or dim, has body
/// text 8 px high that Tesseract loses, and reads at 16 px. Not the first
/// read: on the dev split it cost a clean page half its fields as often as
/// it helped one, and a read of four times the pixels takes longer. None
/// when the block is too large to gain by it.
pub fn text_block_enlarged(img: &GrayImage) -> Option<(GrayImage, f32)> {
    block_at(img, ENLARGE, ENLARGED_SIDE)
}

/// The text block, enlarged at most `up` times and to at most `side` px;
/// None when enlarging was asked and the block cannot be enlarged by a
/// tenth.
fn block_at(img: &GrayImage, up: f32, side: f32) -> Option<(GrayImage, f32)> {
    let Marks {
        pts,
        angle,
        w,
        h,
        f,
    } = marks(img)?;
    let (s, c) = angle.sin_cos();
    let mut us: Vec<f32> = pts.iter().map(|&(x, y)| x * c + y * s).collect();
    let mut vs: Vec<f32> = pts.iter().map(|&(x, y)| -x * s + y * c).collect();
    us.sort_by(f32::total_cmp);
    vs.sort_by(f32::total_cmp);
    // Ignore the outermost 0.2 % (specks at the page edge, a stray shadow).
    let k = pts.len() / 500;
    let (u0, u1) = (us[k], us[us.len() - 1 - k]);
    let (v0, v1) = (vs[k], vs[vs.len() - 1 - k]);
    let margin = (w.max(h) as f32) * 0.02;
    let (bw, bh) = (u1 - u0 + 2.0 * margin, v1 - v0 + 2.0 * margin);
    let (uc, vc) = ((u0 + u1) / 2.0, (v0 + v1) / 2.0);
    let (cx, cy) = (uc * c - vc * s, uc * s + vc * c);
    let scale = (side / (bw.max(bh) * f)).min(up);
    if up > 1.0 && scale < 1.1 {
        return None;
    }
    let crop = sample_rotated(
        img,
        (cx + 0.5) * f,
        (cy + 0.5) * f,
        angle,
        bw * f,
        bh * f,
        scale,
    );
    let r = (crop.width().max(crop.height()) / 40).max(8);
    // Blur (a hand-held phone) spreads 2 px strokes over 5; an unsharp mask
    // about a stroke wide gets them back before the contrast is levelled.
    let out = flatten(&sharpen(&crop, 3, 2.0), r);
    Some((out, angle.to_degrees()))
}

/// Local contrast normalisation: each pixel's difference from the mean of
/// its neighbourhood (radius `r`), in units of the neighbourhood's spread,
/// mapped around a light grey. Glare and a lighting gradient scale the
/// page's contrast down locally; Tesseract's global threshold then loses
/// the text under them, which this restores. A floor on the spread keeps
/// blank paper's noise from being stretched into marks.
fn flatten(img: &GrayImage, r: u32) -> GrayImage {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let p = img.as_raw();
    let mut s1 = vec![0u64; (w + 1) * (h + 1)];
    let mut s2 = vec![0u64; (w + 1) * (h + 1)];
    for y in 0..h {
        let (mut a, mut b) = (0u64, 0u64);
        for x in 0..w {
            let v = u64::from(p[y * w + x]);
            a += v;
            b += v * v;
            s1[(y + 1) * (w + 1) + x + 1] = s1[y * (w + 1) + x + 1] + a;
            s2[(y + 1) * (w + 1) + x + 1] = s2[y * (w + 1) + x + 1] + b;
        }
    }
    let r = r as usize;
    let mut out = vec![0u8; w * h];
    for y in 0..h {
        let (y0, y1) = (y.saturating_sub(r), (y + r + 1).min(h));
        for x in 0..w {
            let (x0, x1) = (x.saturating_sub(r), (x + r + 1).min(w));
            let sum = |t: &[u64]| {
                t[y1 * (w + 1) + x1] + t[y0 * (w + 1) + x0]
                    - t[y0 * (w + 1) + x1]
                    - t[y1 * (w + 1) + x0]
            };
            let n = ((y1 - y0) * (x1 - x0)) as f32;
            let mean = sum(&s1) as f32 / n;
            let var = (sum(&s2) as f32 / n - mean * mean).max(0.0);
            let z = (f32::from(p[y * w + x]) - mean) / var.sqrt().max(12.0);
            out[y * w + x] = (215.0 + 60.0 * z).clamp(0.0, 255.0) as u8;
        }
    }
    GrayImage::from_raw(w as u32, h as u32, out).unwrap_or_else(|| img.clone())
}

/// Pixels well inside the page: the largest bright region (Otsu) of the
/// view, filled row by row (text makes holes) and shrunk by a margin so the
/// page's own edge and the background next to it are not taken for text.
fn page_mask(small: &GrayImage) -> Option<Vec<bool>> {
    let (w, h) = (small.width() as usize, small.height() as usize);
    let t = otsu(small);
    let p = small.as_raw();
    let bright: Vec<bool> = p.iter().map(|&v| v > t).collect();
    let comp = largest_component(&bright, w, h)?;
    // Row spans of the page.
    let mut span = vec![(usize::MAX, 0usize); h];
    for (i, _) in comp.iter().enumerate().filter(|(_, &c)| c) {
        let (x, y) = (i % w, i / w);
        span[y].0 = span[y].0.min(x);
        span[y].1 = span[y].1.max(x);
    }
    let m = (w.max(h) / 100).max(2);
    let covers = |y: usize, x: usize| {
        let (a, b) = span[y];
        a != usize::MAX && a + m <= x && x + m <= b
    };
    let mut inside = vec![false; w * h];
    for y in m..h.saturating_sub(m) {
        for x in 0..w {
            inside[y * w + x] = covers(y, x) && covers(y - m, x) && covers(y + m, x);
        }
    }
    Some(inside)
}

/// The largest 4-connected region of `mask`, if it is a sizeable part of
/// the view (a page, not a highlight).
fn largest_component(mask: &[bool], w: usize, h: usize) -> Option<Vec<bool>> {
    let mut best: Vec<usize> = Vec::new();
    crate::image::components::for_each_component(mask, w, h, |p| {
        if p.len() > best.len() {
            best = p.to_vec();
        }
    });
    if best.len() * 10 < w * h {
        return None;
    }
    let mut out = vec![false; w * h];
    for i in best {
        out[i] = true;
    }
    Some(out)
}

/// The text marks on the page (view pixels), the skew of their lines
/// (radians) and the view's size and scale to the frame.
struct Marks {
    pts: Vec<(f32, f32)>,
    angle: f32,
    w: usize,
    h: usize,
    f: f32,
}

fn marks(img: &GrayImage) -> Option<Marks> {
    let small = downscale_to(img, WORK_SIDE);
    let (w, h) = (small.width() as usize, small.height() as usize);
    if w < 40 || h < 40 {
        return None;
    }
    let f = img.width() as f32 / w as f32;
    let inside = page_mask(&small)?;
    // Text: pixels clearly darker than their neighbourhood, on the page.
    let dark = dark_mask(&small, (w / 60).max(4) as u32, 14);
    let pts: Vec<(f32, f32)> = (0..w * h)
        .filter(|&i| dark[i] && inside[i])
        .map(|i| ((i % w) as f32, (i / w) as f32))
        .collect();
    if pts.len() < 50 {
        return None;
    }
    // The skew search costs ~60 projections of the marks: a sample of at
    // most 60,000 bounds it on any picture (a noisy photo is all "marks").
    let step = pts.len() / 60_000 + 1;
    let sample: Vec<(f32, f32)> = pts.iter().step_by(step).copied().collect();
    let angle = skew(&sample);
    Some(Marks {
        pts,
        angle,
        w,
        h,
        f,
    })
}

/// The skew of the page's text lines in degrees (clockwise), as
/// [`text_block`] measures it; None when no page or text was found.
pub fn text_skew(img: &GrayImage) -> Option<f32> {
    marks(img).map(|m| m.angle.to_degrees())
}

/// The skew of the text lines (radians, clockwise): the angle at which the
/// marks' projection across the lines is sharpest (largest sum of squared
/// bin counts), coarse then fine.
fn skew(pts: &[(f32, f32)]) -> f32 {
    // Projections of view pixels lie within ± the view's extent.
    let reach = pts
        .iter()
        .map(|&(x, y)| x.abs() + y.abs())
        .fold(0f32, f32::max)
        .ceil() as usize
        + 2;
    let mut bins = vec![0u64; 2 * reach];
    let mut score = |tenths: i32| -> u64 {
        let a = (tenths as f32 / 10.0).to_radians();
        let (s, c) = a.sin_cos();
        bins.iter_mut().for_each(|b| *b = 0);
        for &(x, y) in pts {
            let v = (-x * s + y * c).floor() as isize + reach as isize;
            if let Some(b) = usize::try_from(v).ok().and_then(|v| bins.get_mut(v)) {
                *b += 1;
            }
        }
        bins.iter().map(|n| n * n).sum()
    };
    let mut best = |range: Vec<i32>, around: i32| {
        range
            .into_iter()
            .map(|t| (score(t), -(t - around).abs(), t))
            .max()
            .map_or(around, |(_, _, t)| t)
    };
    let coarse = best((-MAX_SKEW_TENTHS..=MAX_SKEW_TENTHS).step_by(5).collect(), 0);
    let fine = best((coarse - 4..=coarse + 4).collect(), coarse);
    (fine as f32 / 10.0).to_radians()
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    /// A bright page with dark "text lines" tilted by `deg`, on a dark table.
    fn photo(deg: f32) -> GrayImage {
        crate::image::test_scenes::tilted(1600, 1200, deg, |u, v| {
            if u.abs() > 420.0 || v.abs() > 520.0 {
                return 60;
            }
            let line = v > -300.0 && v < 200.0 && (v + 300.0) % 40.0 < 12.0;
            let word = u.abs() < 300.0 && (u + 300.0) % 70.0 < 55.0;
            if line && word {
                30
            } else {
                235
            }
        })
    }

    #[test]
    fn a_small_block_is_enlarged_twice_and_a_large_one_not_at_all() {
        let small = photo(4.5);
        let (crop, _) = text_block(&small).expect("text block");
        let (big, _) = text_block_enlarged(&small).expect("enlarged");
        assert!(
            big.width().abs_diff(crop.width() * 2) <= 2,
            "{}",
            big.width()
        );
        assert!(big.height().abs_diff(crop.height() * 2) <= 2);
        // A block as large as the longest enlarged side gains nothing.
        let large = GrayImage::from_fn(4800, 3600, |x, y| small[(x / 3, y / 3)]);
        assert!(text_block(&large).is_some());
        assert!(text_block_enlarged(&large).is_none());
    }

    #[test]
    fn a_tilted_page_is_levelled_and_cropped_to_its_text() {
        for deg in [-7.0f32, 0.0, 4.5] {
            let (crop, skew) = text_block(&photo(deg)).expect("text block");
            assert!((skew - deg).abs() <= 0.3, "{deg}: {skew}");
            // The text block is about 600 × 500 px; the page 840 × 1040.
            let (w, h) = crop.dimensions();
            assert!(
                (600..760).contains(&w) && (480..640).contains(&h),
                "{deg}: {w}×{h}"
            );
        }
    }

    #[test]
    fn the_skew_alone_is_the_one_the_block_is_levelled_at() {
        for deg in [-8.0f32, 0.0, 6.5] {
            let skew = text_skew(&photo(deg)).expect("skew");
            assert!((skew - deg).abs() <= 0.3, "{deg}: {skew}");
        }
        assert!(text_skew(&GrayImage::from_pixel(800, 600, Luma([240]))).is_none());
    }

    #[test]
    fn noise_is_bounded_and_does_not_panic() {
        let noise = GrayImage::from_fn(2000, 1500, |x, y| {
            Luma([((x.wrapping_mul(7919) ^ y.wrapping_mul(104_729)) >> 2) as u8])
        });
        if let Some((crop, skew)) = text_block(&noise) {
            assert!(crop.width().max(crop.height()) <= 2400);
            assert!(skew.abs() <= 12.0);
        }
    }

    #[test]
    fn blank_or_tiny_images_have_no_text_block() {
        assert!(text_block(&GrayImage::from_pixel(800, 600, Luma([240]))).is_none());
        assert!(text_block(&GrayImage::new(10, 10)).is_none());
        assert!(text_block(&GrayImage::new(0, 0)).is_none());
    }
}
