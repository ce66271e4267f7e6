//! The template search's inner work on one cell: sampling the ink map over
//! it into a template's grid, and a template's distance from the sample.

/// The widest template grid [`sample`] fills (the sets are 20 x 28).
const MAX_GRID: usize = 64;

#[allow(clippy::too_many_arguments)] // a flat hot loop; a struct would only rename them
/// Sample the ink map over a cell into a w*h grid (2x2 supersampling).
pub(super) fn sample(
    ink: &[f32],
    iw: usize,
    ih: usize,
    x: f32,
    y: f32,
    cw: f32,
    ch: f32,
    tw: usize,
    th: usize,
    out: &mut [f32],
) {
    // The pixel of each sub-sample column and row, worked out once per cell
    // rather than once per sample (the template search samples 21 shifts of
    // every cell); `None` off the image, where a sample adds no ink.
    let at = |p: f32, lim: usize| (p >= 0.0 && (p as usize) < lim).then_some(p as usize);
    debug_assert!(tw <= MAX_GRID && th <= MAX_GRID, "template grid {tw}x{th}");
    let (tw, th) = (tw.min(MAX_GRID), th.min(MAX_GRID));
    let mut cols = [[None; 2]; MAX_GRID];
    for (gx, c) in cols.iter_mut().enumerate().take(tw) {
        for (k, sx) in [0.25f32, 0.75].into_iter().enumerate() {
            c[k] = at(x + (gx as f32 + sx) * cw / tw as f32, iw);
        }
    }
    let mut rows = [[None; 2]; MAX_GRID];
    for (gy, r) in rows.iter_mut().enumerate().take(th) {
        for (k, sy) in [0.25f32, 0.75].into_iter().enumerate() {
            r[k] = at(y + (gy as f32 + sy) * ch / th as f32, ih);
        }
    }
    let px = |r: Option<usize>, c: Option<usize>| match (r, c) {
        (Some(r), Some(c)) => ink[r * iw + c],
        _ => 0.0,
    };
    for (gy, r) in rows.iter().enumerate().take(th) {
        for (gx, c) in cols.iter().enumerate().take(tw) {
            // The same order of sub-samples as ever: (.25,.25), (.75,.25),
            // (.25,.75), (.75,.75).
            let mut acc = 0.0;
            acc += px(r[0], c[0]);
            acc += px(r[0], c[1]);
            acc += px(r[1], c[0]);
            acc += px(r[1], c[1]);
            out[gy * tw + gx] = acc / 4.0;
        }
    }
}

/// Squared distance of a template and a sampled cell, summed in eight
/// lanes that the compiler keeps in vector registers: summed one float at
/// a time, this was a third of an MRZ page's CPU (37 templates x 21
/// shifts x 560 cells per character).
pub(super) fn sq_dist(a: &[f32], b: &[f32]) -> f32 {
    let mut lanes = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| (x - y) * (x - y))
        .sum();
    for (x, y) in ca.zip(cb) {
        for i in 0..8 {
            let d = x[i] - y[i];
            lanes[i] += d * d;
        }
    }
    lanes.iter().sum::<f32>() + tail
}
