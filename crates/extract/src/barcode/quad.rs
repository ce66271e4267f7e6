//! A straightened symbol whose outline is still no rectangle, made one. A
//! phone held at an angle over a card makes its barcode a trapezoid: after
//! [`super::rectify::straighten`] levels the rows on average, a long
//! symbol's rows still converge (the symbol is taller at one end), and its
//! bars lean. A scan line then crosses from one row into the next halfway
//! along, and neither rxing nor zxing-cpp decodes it (dev pipeline photos
//! at 16 % perspective).
//!
//! The start and stop patterns are the same in every row, so they stand as
//! dark bars the full height of the symbol: their ends are the symbol's four
//! corners. The crop is resampled through the homography that takes those
//! corners to a rectangle.

use image::GrayImage;

use crate::image::ops::{bilinear, otsu};

/// Light margin kept around the rectangle, in pixels (the quiet zone the
/// decoder looks for beside the guard bars).
const MARGIN: f32 = 12.0;
/// Below this (pixels) between opposite sides, the outline is a rectangle
/// already and resampling gains nothing.
const MIN_SKEW_PX: f32 = 2.0;

/// A point of the crop.
type Pt = (f32, f32);

/// The longest run of dark pixels down column `x`: (length, first row,
/// last row).
fn longest_run(dark: &[bool], w: usize, h: usize, x: usize) -> (usize, usize, usize) {
    let (mut best, mut start) = ((0, 0, 0), None);
    for y in 0..=h {
        let d = y < h && dark[y * w + x];
        match (d, start) {
            (true, None) => start = Some(y),
            (false, Some(s)) => {
                if y - s > best.0 {
                    best = (y - s, s, y - 1);
                }
                start = None;
            }
            _ => {}
        }
    }
    best
}

/// The first dark pixel of row `y` from the left (or the right), within
/// `from..to`.
fn edge_in_row(
    dark: &[bool],
    w: usize,
    y: usize,
    xs: impl Iterator<Item = usize>,
) -> Option<usize> {
    let mut xs = xs;
    xs.find(|&x| dark[y * w + x])
}

/// The symbol's corners in the crop: top-left, top-right, bottom-right,
/// bottom-left. None when no guard bars stand out.
fn corners(crop: &GrayImage) -> Option<[Pt; 4]> {
    let (w, h) = (crop.width() as usize, crop.height() as usize);
    if w < 64 || h < 16 {
        return None;
    }
    let t = otsu(crop);
    let dark: Vec<bool> = crop.as_raw().iter().map(|&p| p <= t).collect();
    let runs: Vec<(usize, usize, usize)> = (0..w).map(|x| longest_run(&dark, w, h, x)).collect();
    let tallest = runs.iter().map(|r| r.0).max()?;
    if tallest < h / 5 {
        return None;
    }
    // Guard bars: the outermost columns dark over half the tallest run or
    // more (the far end of a converging symbol is shorter; a data column's
    // dark modules rarely line up over more than a few rows).
    let bar = |r: &(usize, usize, usize)| r.0 * 2 >= tallest;
    let xl = runs.iter().position(bar)?;
    let xr = runs.iter().rposition(bar)?;
    if xr < xl + w / 3 {
        return None;
    }
    // The widest bar near each side (the start bar; the stop bar, not the
    // one-module bar after it) has its ends in its middle column: a
    // leaning bar's edge columns are dark over part of its height only.
    let mut groups: Vec<(usize, usize)> = Vec::new();
    for (x, r) in runs.iter().enumerate().take(xr + 1).skip(xl) {
        if !bar(r) {
            continue;
        }
        match groups.last_mut() {
            Some(g) if g.1 + 1 == x => g.1 = x,
            _ => groups.push((x, x)),
        }
    }
    let reach = (xr - xl) / 8;
    let widest = |gs: Vec<&(usize, usize)>| gs.into_iter().max_by_key(|g| g.1 - g.0).copied();
    let lg = widest(groups.iter().filter(|g| g.0 <= xl + reach).collect())?;
    let rg = widest(groups.iter().filter(|g| g.1 + reach >= xr).collect())?;
    let ends = |g: (usize, usize)| {
        let r = runs[(g.0 + g.1) / 2];
        (r.1, r.2)
    };
    let (tl_y, bl_y) = ends(lg);
    let (tr_y, br_y) = ends(rg);
    // The bars' outer edges at their ends (they lean with the symbol).
    let left = |y: usize| edge_in_row(&dark, w, y, 0..w).map(|x| x as f32);
    let right = |y: usize| edge_in_row(&dark, w, y, (0..w).rev()).map(|x| x as f32 + 1.0);
    let near = |y: usize, down: bool| {
        if down {
            (y + 2).min(h - 1)
        } else {
            y.saturating_sub(2)
        }
    };
    let tl = (left(near(tl_y, true))?, tl_y as f32);
    let bl = (left(near(bl_y, false))?, bl_y as f32 + 1.0);
    let tr = (right(near(tr_y, true))?, tr_y as f32);
    let br = (right(near(br_y, false))?, br_y as f32 + 1.0);
    Some([tl, tr, br, bl])
}

/// Solve the 8 × 8 system of a homography taking `from` to `to`; None when
/// it is singular.
fn homography(from: &[Pt; 4], to: &[Pt; 4]) -> Option<[f64; 8]> {
    let mut a = [[0f64; 9]; 8];
    for i in 0..4 {
        let (x, y) = (f64::from(from[i].0), f64::from(from[i].1));
        let (u, v) = (f64::from(to[i].0), f64::from(to[i].1));
        a[2 * i] = [x, y, 1.0, 0.0, 0.0, 0.0, -u * x, -u * y, u];
        a[2 * i + 1] = [0.0, 0.0, 0.0, x, y, 1.0, -v * x, -v * y, v];
    }
    for col in 0..8 {
        let piv = (col..8).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[piv][col].abs() < 1e-9 {
            return None;
        }
        a.swap(col, piv);
        for r in 0..8 {
            if r != col {
                let f = a[r][col] / a[col][col];
                let pivot_row = a[col];
                for (x, p) in a[r].iter_mut().zip(pivot_row).skip(col) {
                    *x -= f * p;
                }
            }
        }
    }
    let mut h = [0f64; 8];
    for (i, hi) in h.iter_mut().enumerate() {
        *hi = a[i][8] / a[i][i];
    }
    Some(h)
}

fn dist(a: Pt, b: Pt) -> f32 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}

/// `crop` resampled so that the symbol's outline is a rectangle with a
/// light margin; None when its corners are not found, or it is one already.
pub fn unwarp(crop: &GrayImage) -> Option<GrayImage> {
    let c = corners(crop)?;
    let [tl, tr, br, bl] = c;
    let (wt, wb) = (dist(tl, tr), dist(bl, br));
    let (hl, hr) = (dist(tl, bl), dist(tr, br));
    let skew = (wt - wb)
        .abs()
        .max((hl - hr).abs())
        .max((tl.0 - bl.0).abs())
        .max((tr.0 - br.0).abs());
    if skew < MIN_SKEW_PX || hl.min(hr) < 8.0 {
        return None;
    }
    let (ow, oh) = (wt.max(wb), hl.max(hr));
    let (w, h) = (
        (ow + 2.0 * MARGIN).round() as u32,
        (oh + 2.0 * MARGIN).round() as u32,
    );
    let rect = [
        (MARGIN, MARGIN),
        (MARGIN + ow, MARGIN),
        (MARGIN + ow, MARGIN + oh),
        (MARGIN, MARGIN + oh),
    ];
    // Output pixel -> crop pixel.
    let m = homography(&rect, &c)?;
    let paper = f32::from(crop.as_raw().iter().copied().max().unwrap_or(255));
    let (cw, ch) = (crop.width() as i64, crop.height() as i64);
    let raw = crop.as_raw();
    let px = |x: i64, y: i64| -> f32 {
        if x < 0 || y < 0 || x >= cw || y >= ch {
            return paper;
        }
        f32::from(raw[(y * cw + x) as usize])
    };
    Some(GrayImage::from_fn(w, h, |ox, oy| {
        let (u, v) = (f64::from(ox) + 0.5, f64::from(oy) + 0.5);
        let d = m[6] * u + m[7] * v + 1.0;
        let sx = ((m[0] * u + m[1] * v + m[2]) / d) as f32 - 0.5;
        let sy = ((m[3] * u + m[4] * v + m[5]) / d) as f32 - 0.5;
        bilinear(&px, sx, sy)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Luma;

    /// A symbol-like block: full-height guard bars and striped data, drawn
    /// as the trapezoid `corners` (top-left, top-right, bottom-right,
    /// bottom-left) on paper.
    fn trapezoid(c: [Pt; 4]) -> GrayImage {
        let rect = [(0.0, 0.0), (400.0, 0.0), (400.0, 80.0), (0.0, 80.0)];
        let to_rect = homography(&c, &rect).unwrap();
        GrayImage::from_fn(500, 140, |x, y| {
            let (x, y) = (f64::from(x) + 0.5, f64::from(y) + 0.5);
            let d = to_rect[6] * x + to_rect[7] * y + 1.0;
            let u = (to_rect[0] * x + to_rect[1] * y + to_rect[2]) / d;
            let v = (to_rect[3] * x + to_rect[4] * y + to_rect[5]) / d;
            let inside = (0.0..400.0).contains(&u) && (0.0..80.0).contains(&v);
            let bar = u < 16.0 || (u > 380.0 && u < 394.0) || u > 398.0;
            let data = (u as i64 / 6 + v as i64 / 10) % 2 == 0 && u > 24.0 && u < 372.0;
            Luma([if inside && (bar || data) { 20 } else { 230 }])
        })
    }

    #[test]
    fn a_trapezoid_symbol_becomes_a_rectangle() {
        let c = [(40.0, 20.0), (460.0, 35.0), (455.0, 105.0), (45.0, 120.0)];
        let found = corners(&trapezoid(c)).expect("corners");
        for (f, e) in found.iter().zip(c) {
            assert!(dist(*f, e) < 3.0, "{found:?} vs {c:?}");
        }
        let out = unwarp(&trapezoid(c)).expect("unwarped");
        // The guard bars now stand straight: every row of the output has its
        // first dark pixel at the margin.
        let t = otsu(&out);
        let first_dark = |y: u32| (0..out.width()).find(|&x| out.get_pixel(x, y)[0] <= t);
        for y in [20, 50, 80] {
            let x = first_dark(y).expect("a dark pixel");
            assert!((x as f32 - MARGIN).abs() <= 2.0, "row {y}: {x}");
        }
        assert!(
            (out.height() as f32 - (100.0 + 2.0 * MARGIN)).abs() <= 3.0,
            "{}",
            out.height()
        );
    }

    #[test]
    fn a_rectangle_or_a_blank_is_left_alone() {
        let c = [(40.0, 20.0), (440.0, 20.0), (440.0, 100.0), (40.0, 100.0)];
        assert!(unwarp(&trapezoid(c)).is_none());
        assert!(unwarp(&GrayImage::from_pixel(300, 100, Luma([200]))).is_none());
        assert!(unwarp(&GrayImage::new(10, 10)).is_none());
    }
}
